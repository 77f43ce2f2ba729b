package org.fugong.healthcode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
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
}
