package org.fugong.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.fugong.tickets.internal.SlaPolicies;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Synthetic open tickets at city scale for load tests of the sweep and the queues: one set-based
 * statement, received over the last {@code hours} hours, with due times and next escalation moments
 * as the default policy sets them. Not audited, no timeline: they are not real problems.
 */
@Component
public class TicketGenerator {

    private final JdbcClient jdbc;
    private final SlaPolicies policies;
    private final Clock clock;

    TicketGenerator(JdbcClient jdbc, SlaPolicies policies, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.clock = clock;
    }

    @Transactional
    public int generate(int count, int hours) {
        return generate(null, count, hours);
    }

    /** Tickets of one enterprise only (of every enterprise when it is null). */
    @Transactional
    public int generate(@Nullable UUID enterprise, int count, int hours) {
        long policy =
                policies.match(TicketCategory.OTHER, TicketPriority.NORMAL).id();
        return jdbc.sql("""
                        insert into ticket (id, enterprise_id, district_code, category, priority, channel, title, description,
                                            status, unit_code, filed_by, filed_at, sla_policy_id, sla_started_at,
                                            first_response_due, first_responded_at, solution_due, warning_at,
                                            next_escalation_at, updated_at)
                        with e as (select id, district_code, row_number() over (order by id) - 1 as n from enterprise
                                   where cast(:enterprise as uuid) is null or id = cast(:enterprise as uuid)),
                             k as (select count(*) as c from e)
                        select gen_random_uuid(), e.id, e.district_code, c.category, 'NORMAL', 'API', '负载测试问题',
                               '负载测试：员工返岗与物流通行', 'IN_PROGRESS',
                               case c.category when 'LABOUR' then 'DEPT-LABOUR' when 'LOGISTICS' then 'DEPT-TRANSPORT'
                                               else 'D-' || e.district_code end,
                               'load', f.at, :policy, f.at, f.at + interval '2 hours', f.at + interval '10 minutes',
                               f.at + interval '15 hours', f.at + interval '12 hours', f.at + interval '12 hours', f.at
                        from (select g, cast(:now as timestamptz) - random() * (:hours * interval '1 hour') as at
                              from generate_series(0, :count - 1) g) f
                        join e on e.n = f.g % (select c from k)
                        cross join lateral (select (array['LABOUR', 'LOGISTICS', 'POLICY', 'OTHER'])[1 + (f.g % 4)::int]
                                                   as category) c""")
                .param("enterprise", enterprise)
                .param("policy", policy)
                .param("count", count)
                .param("hours", hours)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
