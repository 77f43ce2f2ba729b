package org.fugong.tickets.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fugong.shell.Times;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketPriority;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The SLA policies, and which one governs a ticket: the most specific that applies. */
@Service
public class SlaPolicies {

    private RowMapper<SlaPolicy> policy(Set<LocalDate> holidays) {
        return (rs, n) -> new SlaPolicy(
                rs.getLong("id"),
                rs.getString("category") == null ? null : TicketCategory.valueOf(rs.getString("category")),
                rs.getString("priority") == null ? null : TicketPriority.valueOf(rs.getString("priority")),
                Duration.ofMinutes(rs.getInt("first_response_minutes")),
                rs.getBoolean("solve_by_end_of_day"),
                Duration.ofMinutes(rs.getInt("solution_minutes")),
                Duration.ofMinutes(rs.getInt("difficult_solution_minutes")),
                rs.getInt("warning_percent"),
                Duration.ofMinutes(rs.getInt("supervision_after_minutes")),
                rs.getBoolean("working_hours_only")
                        ? new WorkingCalendar(
                                rs.getObject("work_starts", LocalTime.class),
                                rs.getObject("work_ends", LocalTime.class),
                                days(rs.getString("work_days")),
                                holidays,
                                times.zone())
                        : null);
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : text.split(",")) {
            days.add(DayOfWeek.of(Integer.parseInt(day.trim())));
        }
        return days;
    }

    private Set<LocalDate> holidays() {
        return new HashSet<>(jdbc.sql("select day from ticket_holiday")
                .query(LocalDate.class)
                .list());
    }

    private final JdbcClient jdbc;
    private final Times times;

    SlaPolicies(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    @Transactional(readOnly = true)
    public List<SlaPolicy> all() {
        return jdbc.sql("select * from ticket_sla_policy order by id")
                .query(policy(holidays()))
                .list();
    }

    @Transactional(readOnly = true)
    public SlaPolicy get(long id) {
        return jdbc.sql("select * from ticket_sla_policy where id = ?")
                .param(id)
                .query(policy(holidays()))
                .single();
    }

    public SlaPolicy match(TicketCategory category, TicketPriority priority) {
        return all().stream()
                .filter(p -> p.fit(category, priority) >= 0)
                .max(Comparator.comparingInt((SlaPolicy p) -> p.fit(category, priority)))
                .orElseThrow(() -> new IllegalStateException("No SLA policy applies to " + category + "/" + priority));
    }
}
