package org.fugong.healthcode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Employers see the colours of the staff who consented: a person shares his colour with an
 * enterprise (by its credit code) and may withdraw; the enterprise sees masked names, colours and
 * counts — never another enterprise's staff.
 */
@Service
public class Staff {

    public record Member(UUID personId, String maskedName, CodeColour colour, Instant since, Instant consentAt) {}

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final Clock clock;

    Staff(JdbcClient jdbc, EnterpriseDirectory enterprises, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.clock = clock;
    }

    /** The person consents to share his colour with the enterprise of this credit code. */
    @Transactional
    public Optional<EnterpriseSummary> consent(UUID personId, String uscc) {
        Optional<EnterpriseSummary> enterprise =
                enterprises.findByUscc(uscc.trim().toUpperCase(Locale.ROOT));
        enterprise.ifPresent(e -> jdbc.sql("""
                        insert into health_staff (enterprise_id, person_id, consent_at) values (?, ?, ?)
                        on conflict (enterprise_id, person_id) do update set consent_at = excluded.consent_at""")
                .params(e.id(), personId, Timestamp.from(clock.instant()))
                .update());
        return enterprise;
    }

    @Transactional
    public void withdraw(UUID personId, UUID enterpriseId) {
        jdbc.sql("delete from health_staff where person_id = ? and enterprise_id = ?")
                .params(personId, enterpriseId)
                .update();
    }

    /** The enterprises a person shares his colour with. */
    @Transactional(readOnly = true)
    public List<EnterpriseSummary> employersOf(UUID personId) {
        return jdbc
                .sql("select enterprise_id from health_staff where person_id = ?")
                .param(personId)
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> enterprises.get(Scope.city(), id))
                .toList();
    }

    /** The staff of the actor's own enterprise, reddest first. */
    @Transactional(readOnly = true)
    public List<Member> of(Actor actor) {
        UUID enterprise = ownEnterprise(actor);
        return jdbc.sql("""
                        select p.id as person_id, p.masked_name, coalesce(s.colour, 'GREEN') as colour,
                               coalesce(s.since, p.created_at) as since, h.consent_at
                        from health_staff h join health_person p on p.id = h.person_id
                        left join health_status s on s.person_id = p.id
                        where h.enterprise_id = ?
                        order by case coalesce(s.colour, 'GREEN') when 'RED' then 0 when 'YELLOW' then 1 else 2 end, p.masked_name""").param(enterprise).query(Member.class).list();
    }

    @Transactional(readOnly = true)
    public Map<CodeColour, Long> counts(Actor actor) {
        Map<CodeColour, Long> counts = new EnumMap<>(CodeColour.class);
        for (CodeColour colour : CodeColour.values()) {
            counts.put(colour, 0L);
        }
        of(actor).forEach(m -> counts.merge(m.colour(), 1L, Long::sum));
        return counts;
    }

    /** What the gates saw of an enterprise's consenting staff on a day: people scanned, and those red or yellow. */
    public record GateSignal(long scanned, long redOrYellow) {}

    /**
     * For the commissioners' worklist: per enterprise, how many of its consenting staff passed a gate
     * on the day (city time) and how many of them showed a red or yellow code. Counts only, no person.
     */
    @Transactional(readOnly = true)
    public Map<UUID, GateSignal> gateSignals(Collection<UUID> enterpriseIds, Instant dayStart, Instant dayEnd) {
        if (enterpriseIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, GateSignal> signals = new HashMap<>();
        jdbc.sql("""
                        select h.enterprise_id, count(distinct g.person_id) as scanned,
                               count(distinct g.person_id) filter (where g.colour in ('RED', 'YELLOW')) as warned
                        from health_gate_scan g join health_staff h on h.person_id = g.person_id
                        where h.enterprise_id = any(?) and g.scanned_at >= ? and g.scanned_at < ?
                        group by h.enterprise_id""")
                .params(enterpriseIds.toArray(UUID[]::new), Timestamp.from(dayStart), Timestamp.from(dayEnd))
                .query((rs, n) -> signals.put(
                        rs.getObject("enterprise_id", UUID.class),
                        new GateSignal(rs.getLong("scanned"), rs.getLong("warned"))))
                .list();
        return signals;
    }

    private static UUID ownEnterprise(Actor actor) {
        if (!actor.hasRole(Role.ENTERPRISE) || actor.enterpriseId() == null) {
            throw new AccessDeniedException("Only an enterprise sees its staff's codes");
        }
        return actor.enterpriseId();
    }
}
