package org.fugong.healthcode.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Health data is kept for the configured retention period ({@code fugong.healthcode.retention},
 * 60 days by default) and then deleted: declarations, check-ins, list entries, colour history and
 * gate scans. Once a day, on one instance (an advisory lock).
 */
@Component
public class Retention {

    private final JdbcClient jdbc;
    private final HealthCodeProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    Retention(JdbcClient jdbc, HealthCodeProperties properties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(cron = "${fugong.healthcode.purge-at:0 30 3 * * *}", zone = "${fugong.city.time-zone:Asia/Shanghai}")
    void daily() {
        purge();
    }

    /** Deletes what is older than the retention period; returns the rows deleted per table. */
    @Transactional
    public Map<String, Integer> purge() {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        if (!jdbc.sql("select pg_try_advisory_xact_lock(?)")
                .param(0x4655_474f_4e47_0007L)
                .query(Boolean.class)
                .single()) {
            return deleted;
        }
        Instant before = clock.instant().minus(properties.retention());
        Timestamp cutoff = Timestamp.from(before);
        deleted.put(
                "health_declaration",
                jdbc.sql("delete from health_declaration where created_at < ?")
                        .param(cutoff)
                        .update());
        deleted.put(
                "health_checkin",
                jdbc.sql("delete from health_checkin where created_at < ?")
                        .param(cutoff)
                        .update());
        deleted.put(
                "health_list_entry",
                jdbc.sql("delete from health_list_entry where created_at < ?")
                        .param(cutoff)
                        .update());
        deleted.put(
                "health_status_change",
                jdbc.sql("delete from health_status_change where at < ?")
                        .param(cutoff)
                        .update());
        deleted.put(
                "health_gate_scan",
                jdbc.sql("delete from health_gate_scan where scanned_at < ?")
                        .param(cutoff)
                        .update());
        // One-time codes and abuse counters matter for a day at most.
        Timestamp dayAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
        deleted.put(
                "health_otp",
                jdbc.sql("delete from health_otp where created_at < ?")
                        .param(dayAgo)
                        .update());
        deleted.put(
                "health_abuse_counter",
                jdbc.sql("delete from health_abuse_counter where window_start < ?")
                        .param(dayAgo)
                        .update());
        audit.recordAs(
                "retention",
                null,
                AuditEntry.of("healthcode", "Retention", null, "HEALTH_DATA_PURGED")
                        .change(null, Map.of("before", before.toString(), "deleted", deleted)));
        return deleted;
    }
}
