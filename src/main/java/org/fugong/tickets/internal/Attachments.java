package org.fugong.tickets.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.tickets.Ticket;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attachments of tickets: at most 5 MB, and only PDF, PNG, JPEG or an Office document (xlsx, docx),
 * recognised by their first bytes, not by the name or the type the browser claims. Read by whoever
 * may read the ticket.
 */
@Service
public class Attachments {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public record Attachment(
            UUID id,
            UUID ticketId,
            String filename,
            String contentType,
            int sizeBytes,
            String uploadedBy,
            Instant uploadedAt) {}

    public record Content(Attachment attachment, byte[] data) {}

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final Clock clock;

    Attachments(JdbcClient jdbc, TicketStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    /** The content type a file's first bytes show, or null if it is none of the accepted kinds. */
    public static @Nullable String sniff(String filename, byte[] data) {
        String name = filename.toLowerCase(Locale.ROOT);
        if (starts(data, 0x25, 0x50, 0x44, 0x46) && name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (starts(data, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) && name.endsWith(".png")) {
            return "image/png";
        }
        if (starts(data, 0xFF, 0xD8, 0xFF) && (name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
            return "image/jpeg";
        }
        if (starts(data, 0x50, 0x4B, 0x03, 0x04)) {
            if (name.endsWith(".xlsx")) {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            if (name.endsWith(".docx")) {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
        }
        return null;
    }

    private static boolean starts(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Checks a file before it is filed: the problem's message key, or null if it may be attached. */
    public static @Nullable String problem(String filename, byte[] data) {
        if (data.length == 0) {
            return "ticket.error.attachmentEmpty";
        }
        if (data.length > MAX_BYTES) {
            return "ticket.error.attachmentSize";
        }
        return sniff(filename, data) == null ? "ticket.error.attachmentType" : null;
    }

    /** Attaches a checked file to a ticket, in the caller's transaction. */
    @Transactional
    public void attach(Actor actor, UUID ticketId, String filename, byte[] data) {
        String problem = problem(filename, data);
        if (problem != null) {
            throw new InvalidInputException(Map.of("attachment", problem));
        }
        String safeName = filename.replaceAll("[\\\\/\\r\\n\"]", "_");
        safeName = safeName.length() > 200 ? safeName.substring(safeName.length() - 200) : safeName;
        jdbc.sql("""
                        insert into ticket_attachment (id, ticket_id, filename, content_type, size_bytes, data, uploaded_by,
                                                       uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        ticketId,
                        safeName,
                        sniff(filename, data),
                        data.length,
                        data,
                        actor.displayName(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional(readOnly = true)
    public List<Attachment> of(Scope scope, UUID ticketId) {
        Ticket ticket = store.get(ticketId);
        scope.check(ticket.districtCode(), ticket.enterpriseId(), ticket.unitCode());
        return jdbc.sql("select id, ticket_id, filename, content_type, size_bytes, uploaded_by, uploaded_at "
                        + "from ticket_attachment where ticket_id = ? order by uploaded_at")
                .param(ticketId)
                .query(Attachment.class)
                .list();
    }

    @Transactional(readOnly = true)
    public Content read(Scope scope, UUID ticketId, UUID id) {
        Attachment attachment = of(scope, ticketId).stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("attachment", id));
        byte[] data = jdbc.sql("select data from ticket_attachment where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        return new Content(attachment, Arrays.copyOf(data, data.length));
    }
}
