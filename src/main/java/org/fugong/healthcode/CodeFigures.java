package org.fugong.healthcode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The city's health-code figures for the dashboard: codes by colour now, gate checks in a period.
 * Counts only; codes carry no district, so these are the city's.
 */
@Service
public class CodeFigures {

    /** Codes by colour, and the gate checks of a period with how many showed red or yellow. */
    public record Figures(Map<CodeColour, Long> codes, long scans, long scansRedOrYellow) {

        public long total() {
            return codes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final JdbcClient jdbc;

    CodeFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Figures figures(Instant scansFrom, Instant scansTo) {
        Map<CodeColour, Long> codes = new EnumMap<>(CodeColour.class);
        for (CodeColour colour : CodeColour.values()) {
            codes.put(colour, 0L);
        }
        jdbc.sql("select colour, count(*) from health_status group by colour")
                .query((rs, n) -> codes.put(CodeColour.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        long[] scans = jdbc.sql("""
                        select count(*), count(*) filter (where colour in ('RED', 'YELLOW')) from health_gate_scan
                        where scanned_at >= ? and scanned_at < ?""")
                .params(Timestamp.from(scansFrom), Timestamp.from(scansTo))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        return new Figures(codes, scans[0], scans[1]);
    }

    /**
     * Per enterprise, how many of its consenting staff passed a gate in a period (enterprises with
     * none are absent): evidence of staff on site for the index, counts only.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Long> staffScanned(Instant from, Instant to) {
        Map<UUID, Long> scanned = new HashMap<>();
        jdbc.sql("""
                        select h.enterprise_id, count(distinct g.person_id) from health_gate_scan g
                        join health_staff h on h.person_id = g.person_id
                        where g.scanned_at >= ? and g.scanned_at < ? group by h.enterprise_id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> scanned.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        return scanned;
    }
}
