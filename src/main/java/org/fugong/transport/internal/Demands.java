package org.fugong.transport.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.healthcode.Staff;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.TabularFile;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is coming back: an employer's returning workers as counts per origin county with a wanted
 * arrival window, some of them named (the health-code module's persons who share their code with the
 * employer; no ID number here). Registered by the employer, its district, the city or the bureau, one
 * by one or from a CSV/XLSX file checked whole.
 */
@Service
public class Demands {

    public static final List<String> HEADER =
            List.of("enterprise_uscc", "origin_code", "workers", "window_from", "window_to", "contact", "note");
    private static final Map<String, String> COLUMNS = Map.of(
            "enterpriseUscc", "enterprise_uscc",
            "originCode", "origin_code",
            "workers", "workers",
            "windowFrom", "window_from",
            "windowTo", "window_to",
            "contact", "contact",
            "note", "note");
    static final int MAX_WINDOW_DAYS = 31;
    static final int MAX_WORKERS = 20000;
    /** Lines one registration file may have. */
    static final int MAX_LINES = 20000;

    /** One registered demand, as lists show it. */
    public record Demand(
            UUID id,
            UUID enterpriseId,
            String enterpriseName,
            String districtCode,
            String originCode,
            String originName,
            String provinceName,
            int workers,
            int named,
            int planned,
            LocalDate windowFrom,
            LocalDate windowTo,
            @Nullable String contact,
            @Nullable String note) {}

    /** What a form or a file line asks for. */
    public record NewDemand(
            @Nullable String enterpriseUscc,
            @Nullable String originCode,
            @Nullable String workers,
            @Nullable String windowFrom,
            @Nullable String windowTo,
            @Nullable String contact,
            @Nullable String note) {}

    /** A named worker of a demand. */
    public record Worker(UUID id, UUID demandId, UUID personId, String maskedName) {}

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final Counties counties;
    private final Bureau bureau;
    private final Staff staff;
    private final AuditTrail audit;
    private final Clock clock;

    Demands(
            JdbcClient jdbc,
            EnterpriseDirectory enterprises,
            Counties counties,
            Bureau bureau,
            Staff staff,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.counties = counties;
        this.bureau = bureau;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers one demand; problems at their fields (422), nothing saved. */
    @Transactional
    public UUID register(Actor actor, Scope scope, NewDemand form) {
        Map<String, String> problems = new LinkedHashMap<>();
        Checked checked = check(actor, scope, form, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return insert(actor, checked);
    }

    /** Registers every line of a file, or none: the problems of every line, by line number. */
    @Transactional
    public int importFile(Actor actor, Scope scope, String filename, byte[] content) {
        List<List<String>> lines = FormFields.lines(filename, content, HEADER, MAX_LINES);
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        List<Checked> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> lineProblems = new LinkedHashMap<>();
            Checked checked = check(
                    actor,
                    scope,
                    new NewDemand(
                            TabularFile.cell(cells, 0),
                            TabularFile.cell(cells, 1),
                            TabularFile.cell(cells, 2),
                            TabularFile.cell(cells, 3),
                            TabularFile.cell(cells, 4),
                            TabularFile.cell(cells, 5),
                            TabularFile.cell(cells, 6)),
                    lineProblems);
            problems.addAll(FormFields.atLine(i + 1, lineProblems, COLUMNS));
            if (lineProblems.isEmpty()) {
                rows.add(checked);
            }
            if (problems.size() >= 50) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (rows.isEmpty()) {
            throw InvalidInputException.of("file", "transport.import.error.empty");
        }
        rows.forEach(row -> insert(actor, row));
        return rows.size();
    }

    private record Checked(
            EnterpriseSummary enterprise,
            String origin,
            int workers,
            LocalDate from,
            LocalDate to,
            @Nullable String contact,
            @Nullable String note) {}

    private @Nullable Checked check(Actor actor, Scope scope, NewDemand form, Map<String, String> problems) {
        EnterpriseSummary enterprise = null;
        if (actor.hasRole(Role.ENTERPRISE)) {
            enterprise = enterprises.get(scope, actor.enterpriseId());
            if (form.enterpriseUscc() != null
                    && !form.enterpriseUscc().isBlank()
                    && !form.enterpriseUscc().trim().equalsIgnoreCase(enterprise.uscc())) {
                problems.put("enterpriseUscc", "transport.error.notOwn");
            }
        } else if (form.enterpriseUscc() == null || form.enterpriseUscc().isBlank()) {
            problems.put("enterpriseUscc", "transport.error.required");
        } else {
            enterprise = enterprises
                    .findByUscc(form.enterpriseUscc().trim().toUpperCase(Locale.ROOT))
                    .orElse(null);
            if (enterprise == null) {
                problems.put("enterpriseUscc", "transport.error.unknownEnterprise");
            } else if (!scope.permits(enterprise.districtCode(), enterprise.id()) && !bureau.plans(scope)) {
                problems.put("enterpriseUscc", "transport.error.outsideScope");
            }
        }
        String origin = form.originCode() == null ? "" : form.originCode().trim();
        if (origin.isEmpty()) {
            problems.put("originCode", "transport.error.required");
        } else if (counties.find(origin).isEmpty()) {
            problems.put("originCode", "transport.error.unknownCounty");
        }
        int workers =
                FormFields.integer(form.workers(), "workers", 1, MAX_WORKERS, "transport.error.workers", problems);
        LocalDate from = FormFields.date(form.windowFrom(), "windowFrom", problems);
        LocalDate to = FormFields.date(form.windowTo(), "windowTo", problems);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                problems.put("windowTo", "transport.error.windowOrder");
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_WINDOW_DAYS) {
                problems.put("windowTo", "transport.error.windowLength");
            }
        }
        String note = form.note() == null || form.note().isBlank()
                ? null
                : form.note().trim();
        if (note != null && note.length() > 500) {
            problems.put("note", "transport.error.tooLong");
        }
        String contact = form.contact() == null || form.contact().isBlank()
                ? null
                : form.contact().trim();
        if (contact != null && contact.length() > 100) {
            problems.put("contact", "transport.error.tooLong");
        }
        return problems.isEmpty() ? new Checked(enterprise, origin, workers, from, to, contact, note) : null;
    }

    private UUID insert(Actor actor, Checked c) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into transport_demand (id, enterprise_id, district_code, unit, origin_code, workers,
                                                      window_from, window_to, contact, note, created_by, created_at)
                        values (:id, :enterprise, :district, :unit, :origin, :workers, :from, :to, :contact, :note, :by, :at)""")
                .param("id", id)
                .param("enterprise", c.enterprise().id())
                .param("district", c.enterprise().districtCode())
                .param("unit", bureau.unit())
                .param("origin", c.origin())
                .param("workers", c.workers())
                .param("from", c.from())
                .param("to", c.to())
                .param("contact", c.contact())
                .param("note", c.note())
                .param("by", actor.getUsername())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEntry.of("transport", "TransportDemand", id, "TRANSPORT_DEMAND_REGISTERED")
                .change(
                        null,
                        Map.of(
                                "origin", c.origin(),
                                "workers", c.workers(),
                                "windowFrom", c.from().toString(),
                                "windowTo", c.to().toString()))
                .owner(c.enterprise().districtCode(), c.enterprise().id()));
        return id;
    }

    /** The demands in scope, newest window first, optionally of one origin province (two digits) or day. */
    @Transactional(readOnly = true)
    public List<Demand> list(Scope scope, @Nullable String province, @Nullable LocalDate day, int limit) {
        return query(scope, null, province, day, limit);
    }

    private List<Demand> query(
            Scope scope, @Nullable UUID id, @Nullable String province, @Nullable LocalDate day, int limit) {
        var condition = bureau.where(scope, "d");
        Map<String, Object> params = new HashMap<>(condition.parameters());
        StringBuilder sql = new StringBuilder("""
                select d.id, d.enterprise_id, d.district_code, d.origin_code, d.workers,
                       (select count(*) from transport_worker w where w.demand_id = d.id) as named,
                       coalesce((select sum(l.workers) from transport_trip_load l where l.demand_id = d.id), 0) as planned,
                       d.window_from, d.window_to, d.contact, d.note
                from transport_demand d
                where
                """).append(condition.sql());
        if (province != null && !province.isBlank()) {
            sql.append(" and d.origin_code like :province");
            params.put(
                    "province",
                    province.trim().substring(0, Math.min(2, province.trim().length())) + "%");
        }
        if (id != null) {
            sql.append(" and d.id = :id");
            params.put("id", id);
        }
        if (day != null) {
            sql.append(" and :day between d.window_from and d.window_to");
            params.put("day", day);
        }
        sql.append(" order by d.window_from desc, d.enterprise_id, d.origin_code limit :limit");
        params.put("limit", limit);
        List<Demand> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    Counties.County county =
                            counties.find(rs.getString("origin_code")).orElse(null);
                    return new Demand(
                            rs.getObject("id", UUID.class),
                            rs.getObject("enterprise_id", UUID.class),
                            "",
                            rs.getString("district_code"),
                            rs.getString("origin_code"),
                            county == null ? rs.getString("origin_code") : county.name(),
                            county == null ? "" : county.province(),
                            rs.getInt("workers"),
                            rs.getInt("named"),
                            rs.getInt("planned"),
                            rs.getObject("window_from", LocalDate.class),
                            rs.getObject("window_to", LocalDate.class),
                            rs.getString("contact"),
                            rs.getString("note"));
                })
                .list();
        Map<UUID, EnterpriseSummary> names = enterprises.getAll(
                rows.stream().map(Demand::enterpriseId).distinct().toList());
        return rows.stream()
                .map(d -> new Demand(
                        d.id(),
                        d.enterpriseId(),
                        names.containsKey(d.enterpriseId())
                                ? names.get(d.enterpriseId()).name()
                                : "",
                        d.districtCode(),
                        d.originCode(),
                        d.originName(),
                        d.provinceName(),
                        d.workers(),
                        d.named(),
                        d.planned(),
                        d.windowFrom(),
                        d.windowTo(),
                        d.contact(),
                        d.note()))
                .toList();
    }

    /** Workers by a key: an origin province or county, or a day of the window's start. */
    public record Total(String key, String label, long workers, long planned) {}

    /** The demand in scope summed by origin province, origin county and first day of the window. */
    public record Summary(
            long workers, long planned, List<Total> byProvince, List<Total> byCounty, List<Total> byDay) {}

    @Transactional(readOnly = true)
    public Summary summary(Scope scope) {
        var condition = bureau.where(scope, "d");
        String base = """
                with d as (select d.*, coalesce((select sum(l.workers) from transport_trip_load l where l.demand_id = d.id), 0) as planned
                           from transport_demand d where %s)
                """.formatted(condition.sql());
        Map<String, Long> provinceWorkers = new LinkedHashMap<>();
        Map<String, Long> provincePlanned = new LinkedHashMap<>();
        List<Total> byCounty = new ArrayList<>();
        jdbc.sql(
                        base
                                + "select origin_code, sum(workers) as w, sum(planned) as p from d group by origin_code order by w desc")
                .params(condition.parameters())
                .query(rs -> {
                    String code = rs.getString("origin_code");
                    Counties.County county = counties.find(code).orElse(null);
                    String province = county == null ? "?" : county.province();
                    provinceWorkers.merge(province, rs.getLong("w"), Long::sum);
                    provincePlanned.merge(province, rs.getLong("p"), Long::sum);
                    if (byCounty.size() < 30) {
                        byCounty.add(new Total(
                                code, county == null ? code : county.fullName(), rs.getLong("w"), rs.getLong("p")));
                    }
                });
        List<Total> byProvince = new ArrayList<>();
        provinceWorkers.forEach((p, w) -> byProvince.add(new Total(p, p, w, provincePlanned.get(p))));
        byProvince.sort((a, b) -> Long.compare(b.workers(), a.workers()));
        List<Total> byDay = jdbc.sql(base + """
                        select window_from::text as key, window_from::text as label, sum(workers) as workers, sum(planned) as planned
                        from d group by window_from order by window_from""")
                .params(condition.parameters())
                .query(Total.class)
                .list();
        long workers = byProvince.stream().mapToLong(Total::workers).sum();
        long planned = byProvince.stream().mapToLong(Total::planned).sum();
        return new Summary(workers, planned, byProvince, byCounty, byDay);
    }

    /** One demand, if in scope. */
    @Transactional(readOnly = true)
    public Demand get(Scope scope, UUID id) {
        return query(scope, id, null, null, 1).stream().findFirst().orElseThrow(() -> {
            boolean exists = jdbc.sql("select count(*) from transport_demand where id = ?")
                            .param(id)
                            .query(Integer.class)
                            .single()
                    > 0;
            return exists
                    ? new AccessDeniedException("Outside the actor's scope")
                    : new NotFoundException("demand", id);
        });
    }

    /** The named workers of a demand. */
    @Transactional(readOnly = true)
    public List<Worker> workers(Scope scope, UUID demandId) {
        get(scope, demandId);
        return jdbc.sql(
                        "select id, demand_id, person_id, masked_name from transport_worker where demand_id = ? order by masked_name")
                .param(demandId)
                .query(Worker.class)
                .list();
    }

    /**
     * The employer names workers of its demand among the staff who share their code with it: the
     * health-code module's persons, by id. No more names than workers; a person once per demand.
     */
    @Transactional
    public int name(Actor actor, Scope scope, UUID demandId, List<UUID> personIds) {
        Demand demand = get(scope, demandId);
        if (!scope.owns(demand.enterpriseId())) {
            throw new AccessDeniedException("Only the employer names its workers");
        }
        Map<UUID, Staff.Member> members = new HashMap<>();
        staff.of(actor).forEach(m -> members.put(m.personId(), m));
        Set<UUID> already = new HashSet<>(jdbc.sql("select person_id from transport_worker where demand_id = ?")
                .param(demandId)
                .query(UUID.class)
                .list());
        int added = 0;
        for (UUID person : personIds) {
            Staff.Member member = members.get(person);
            if (member == null) {
                throw InvalidInputException.of("persons", "transport.error.notStaff");
            }
            if (already.contains(person)) {
                continue;
            }
            if (already.size() + 1 > demand.workers()) {
                throw new RefusedChangeException("transport.error.tooManyNames");
            }
            jdbc.sql(
                            "insert into transport_worker (id, demand_id, person_id, masked_name, created_at) values (?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), demandId, person, member.maskedName(), Timestamp.from(clock.instant()))
                    .update();
            already.add(person);
            added++;
        }
        if (added > 0) {
            audit.record(AuditEntry.of("transport", "TransportDemand", demandId, "TRANSPORT_WORKERS_NAMED")
                    .change(null, Map.of("named", added))
                    .owner(demand.districtCode(), demand.enterpriseId()));
        }
        return added;
    }

    /** The staff the employer may name (who share their code with it). */
    @Transactional(readOnly = true)
    public List<Staff.Member> staffOf(Actor actor) {
        return staff.of(actor);
    }
}
