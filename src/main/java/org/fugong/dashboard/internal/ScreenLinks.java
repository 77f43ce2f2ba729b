package org.fugong.dashboard.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.Digests;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.ReportingReads;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed links for the command room's wall screen, a PC without a person signed in: a random token
 * of 256 bits shown once to the city official who makes it, kept only as its SHA-256 hash, working
 * until revoked.
 */
@Service
public class ScreenLinks {

    public record Link(
            UUID id,
            String label,
            Instant createdAt,
            String createdBy,
            @Nullable Instant revokedAt,
            @Nullable String revokedBy,
            @Nullable Instant lastUsedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A link just made: its token, which is never shown again. */
    public record Made(Link link, String token) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final ReportingReads reporting;

    ScreenLinks(JdbcClient jdbc, AuditTrail audit, Clock clock, ReportingReads reporting) {
        this.reporting = reporting;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Made make(String label, String author) {
        String text = label == null ? "" : label.trim();
        if (text.isEmpty() || text.length() > 100) {
            throw InvalidInputException.of("label", "dashboard.screen.error.label");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into dashboard_screen_link (id, token_hash, label, created_at, created_by)
                        values (?, ?, ?, ?, ?)""")
                .params(id, Digests.sha256(token), text, Timestamp.from(clock.instant()), author)
                .update();
        audit.record(
                AuditEntry.of("dashboard", "ScreenLink", id, "SCREEN_LINK_MADE").change(null, Map.of("label", text)));
        return new Made(get(id), token);
    }

    @Transactional
    public Link revoke(UUID id, String author) {
        Link link = get(id);
        if (link.active()) {
            jdbc.sql(
                            "update dashboard_screen_link set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                    .params(Timestamp.from(clock.instant()), author, id)
                    .update();
            audit.record(AuditEntry.of("dashboard", "ScreenLink", id, "SCREEN_LINK_REVOKED")
                    .change(Map.of("label", link.label()), null));
        }
        return get(id);
    }

    /** Whether a token opens the screen; its last use is noted (on the primary, the screen reading from the replica). */
    public boolean opens(@Nullable String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return false;
        }
        return reporting.onPrimary(() -> jdbc.sql(
                                "update dashboard_screen_link set last_used_at = ? where token_hash = ? and revoked_at is null")
                        .params(Timestamp.from(clock.instant()), Digests.sha256(token))
                        .update())
                == 1;
    }

    @Transactional(readOnly = true)
    public List<Link> all() {
        return jdbc.sql("select id, label, created_at, created_by, revoked_at, revoked_by, last_used_at"
                        + " from dashboard_screen_link order by created_at desc")
                .query(Link.class)
                .list();
    }

    private Link get(UUID id) {
        return jdbc.sql("select id, label, created_at, created_by, revoked_at, revoked_by, last_used_at"
                        + " from dashboard_screen_link where id = ?")
                .param(id)
                .query(Link.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("screen link", id));
    }
}
