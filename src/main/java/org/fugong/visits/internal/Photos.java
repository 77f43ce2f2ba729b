package org.fugong.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.shell.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Photos of failed items and of answers to orders: JPEG or PNG, recognised by their first bytes
 * (not by the name or the type the phone claims), at most 2 MB.
 */
@Service
public class Photos {

    public static final int MAX_BYTES = 2 * 1024 * 1024;

    public record Upload(String filename, byte[] data) {}

    public record Photo(String contentType, byte[] data) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Photos(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The content type the first bytes show, or null if the file is neither JPEG nor PNG. */
    static @Nullable String sniff(byte[] data) {
        if (data.length >= 8
                && (data[0] & 0xFF) == 0x89
                && data[1] == 'P'
                && data[2] == 'N'
                && data[3] == 'G'
                && data[4] == 0x0D
                && data[5] == 0x0A
                && data[6] == 0x1A
                && data[7] == 0x0A) {
            return "image/png";
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }

    /** What is wrong with an upload (a message key), or null. */
    static @Nullable String problem(Upload upload) {
        if (upload.data().length == 0) {
            return "visits.error.photoEmpty";
        }
        if (upload.data().length > MAX_BYTES) {
            return "visits.error.photoSize";
        }
        return sniff(upload.data()) == null ? "visits.error.photoType" : null;
    }

    /** Stores a checked photo in the caller's transaction. */
    UUID store(Actor actor, Upload upload) {
        String type = sniff(upload.data());
        if (type == null || upload.data().length > MAX_BYTES) {
            throw new IllegalArgumentException("Unchecked photo");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into visit_photo (id, content_type, size_bytes, data, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        type,
                        upload.data().length,
                        upload.data(),
                        actor.displayName(),
                        Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** A photo's bytes; the caller has checked that the reader may see what it belongs to. */
    Photo read(UUID id) {
        return jdbc.sql("select content_type, data from visit_photo where id = ?")
                .param(id)
                .query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2)))
                .optional()
                .orElseThrow(() -> new NotFoundException("photo", id));
    }
}
