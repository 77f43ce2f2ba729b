package org.fugong.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.Digests;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketPriority;
import org.fugong.visits.Light;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a commissioner's visit, once (its id is made on the phone), and what follows from it in
 * the same transaction: the light by the rules in force, rectification orders opened and verified,
 * a warning talk when the light turns red, problems filed as tickets, and the approval suspended or
 * restored through the enterprises module. A submitted visit never changes; a correction is a new
 * visit that names the one it corrects.
 */
@Service
public class VisitLog {

    /** How late an offline visit may arrive, and how far a phone's clock may run ahead. */
    static final Duration LATEST_ARRIVAL = Duration.ofDays(7);

    static final Duration CLOCK_AHEAD = Duration.ofMinutes(10);

    public record ItemInput(ItemResult result, @Nullable String remark, Photos.@Nullable Upload photo) {}

    public record ProblemInput(
            String title,
            String description,
            TicketCategory category,
            boolean solvedOnSpot,
            @Nullable String resolution) {}

    public record VisitInput(
            UUID id,
            UUID enterpriseId,
            @Nullable Instant visitedAt,
            Map<String, ItemInput> items,
            @Nullable Integer staffOnSite,
            @Nullable Integer staffNormal,
            @Nullable Integer capacityPercent,
            @Nullable String notes,
            @Nullable UUID corrects,
            List<ProblemInput> problems) {}

    /** A stored visit, as its page and the API show it. */
    public record Visit(
            UUID id,
            UUID enterpriseId,
            String districtCode,
            UUID commissionerId,
            String commissionerName,
            Instant visitedAt,
            Instant receivedAt,
            int checklistVersion,
            int staffOnSite,
            int staffNormal,
            int capacityPercent,
            @Nullable String notes,
            @Nullable UUID corrects,
            Light light,
            int ruleVersion,
            List<LightRules.Reason> reasons) {

        /** Staff back at work (返岗率), in percent. */
        public int staffBackPercent() {
            return (int) Math.round(100.0 * staffOnSite / staffNormal);
        }
    }

    public record Item(
            String code,
            ItemResult result,
            @Nullable String remark,
            @Nullable UUID photoId) {}

    public record Problem(
            int position,
            String title,
            String description,
            String category,
            boolean solvedOnSpot,
            @Nullable String resolution,
            @Nullable UUID ticketId) {}

    /** What recording a visit gave: the visit, whether it was new, and the enterprise's light after it. */
    public record Recorded(Visit visit, boolean created, Light lightAfter) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Checklists checklists;
    private final LightRuleBook rules;
    private final Photos photos;
    private final Lights lights;
    private final EnterpriseDirectory enterprises;
    private final TicketDesk tickets;
    private final AuditTrail audit;
    private final Clock clock;

    VisitLog(
            JdbcClient jdbc,
            JsonMapper json,
            Checklists checklists,
            LightRuleBook rules,
            Photos photos,
            Lights lights,
            EnterpriseDirectory enterprises,
            TicketDesk tickets,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.checklists = checklists;
        this.rules = rules;
        this.photos = photos;
        this.lights = lights;
        this.enterprises = enterprises;
        this.tickets = tickets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a visit by a commissioner to one of his enterprises. Sent again with the same id and the
     * same content, it changes nothing and answers as the first time; the same id with other content is
     * refused.
     */
    @Transactional
    public Recorded record(Actor actor, Scope scope, VisitInput input) {
        return record(actor, scope, input, false);
    }

    /**
     * Records a visit; {@code history} lets it be older than the week an offline phone may take to
     * send it (visits logged on paper before the system, loaded in their order).
     */
    @Transactional
    public Recorded record(Actor actor, Scope scope, VisitInput input, boolean history) {
        if (!actor.hasRole(Role.COMMISSIONER)) {
            throw new AccessDeniedException("Only commissioners log visits");
        }
        EnterpriseSummary enterprise = enterprises.get(scope, input.enterpriseId());
        String hash = contentHash(input);
        // One visit of an enterprise at a time: its light is a sequence.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 7))")
                .param("visit:" + enterprise.id())
                .query()
                .singleRow();
        var existing = jdbc.sql("select commissioner_id, content_hash from visit where id = ?")
                .param(input.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        if (existing.isPresent()) {
            if (!existing.get()[0].equals(actor.id().toString()) || !existing.get()[1].equals(hash)) {
                throw new RefusedChangeException("visits.error.idTaken");
            }
            return new Recorded(get(scope, input.id()), false, lights.lightOf(enterprise.id()));
        }
        Checklists.Checklist checklist = checklists.current();
        Instant now = clock.instant();
        Instant visitedAt = input.visitedAt() == null ? now : input.visitedAt();
        validate(input, checklist, visitedAt, history ? visitedAt : now, enterprise);

        LightRules ruleSet = rules.current();
        Map<String, Checklists.Item> items = checklist.byCode();
        List<LightRules.Answer> answers = new ArrayList<>();
        input.items()
                .forEach((code, item) -> answers.add(new LightRules.Answer(
                        code, item.result(), items.get(code).serious())));
        List<Light> before = lightsBefore(enterprise.id(), visitedAt, input.corrects());
        LightRules.Outcome outcome = ruleSet.light(answers, before);

        jdbc.sql("""
                        insert into visit (id, enterprise_id, district_code, commissioner_id, commissioner_name,
                                           visited_at, received_at, checklist_version, staff_on_site, staff_normal,
                                           capacity_percent, notes, corrects, light, rule_version, reasons,
                                           content_hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(
                        input.id(),
                        enterprise.id(),
                        enterprise.districtCode(),
                        actor.id(),
                        actor.displayName(),
                        Timestamp.from(visitedAt),
                        Timestamp.from(now),
                        checklist.version(),
                        input.staffOnSite(),
                        input.staffNormal(),
                        input.capacityPercent(),
                        blankToNull(input.notes()),
                        input.corrects(),
                        outcome.light().name(),
                        ruleSet.version(),
                        json.writeValueAsString(outcome.reasons()),
                        hash)
                .update();
        for (Checklists.Item item : checklist.items()) {
            ItemInput answer = input.items().get(item.code());
            UUID photo = answer.photo() == null ? null : photos.store(actor, answer.photo());
            jdbc.sql("insert into visit_item (visit_id, code, result, remark, photo_id) values (?, ?, ?, ?, ?)")
                    .params(input.id(), item.code(), answer.result().name(), blankToNull(answer.remark()), photo)
                    .update();
        }
        int position = 0;
        for (ProblemInput problem : input.problems()) {
            position++;
            Ticket ticket = tickets.fileFromVisit(
                    actor,
                    scope,
                    new TicketDesk.NewTicket(
                            enterprise.id(),
                            problem.category(),
                            TicketPriority.NORMAL,
                            problem.title().trim(),
                            problem.description().trim(),
                            problem.solvedOnSpot(),
                            problem.resolution()),
                    input.id());
            jdbc.sql("""
                            insert into visit_problem (visit_id, position, title, description, category, solved_on_spot,
                                                       resolution, ticket_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            input.id(),
                            position,
                            problem.title().trim(),
                            problem.description().trim(),
                            problem.category().name(),
                            problem.solvedOnSpot(),
                            blankToNull(problem.resolution()),
                            ticket.id())
                    .update();
        }
        audit.record(AuditEntry.of("visits", "Visit", input.id(), "VISIT_RECORDED")
                .change(
                        null,
                        Map.of(
                                "light", outcome.light().name(),
                                "ruleVersion", ruleSet.version(),
                                "checklistVersion", checklist.version(),
                                "corrects", String.valueOf(input.corrects())))
                .owner(enterprise.districtCode(), enterprise.id()));
        Visit visit = get(scope, input.id());
        Light after = lights.afterVisit(actor, enterprise, visit, checklist, ruleSet, input.items());
        return new Recorded(visit, true, after);
    }

    private void validate(
            VisitInput input, Checklists.Checklist checklist, Instant visitedAt, Instant now, EnterpriseSummary e) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (visitedAt.isAfter(now.plus(CLOCK_AHEAD)) || visitedAt.isBefore(now.minus(LATEST_ARRIVAL))) {
            problems.put("visitedAt", "visits.error.visitedAt");
        }
        for (Checklists.Item item : checklist.items()) {
            ItemInput answer = input.items().get(item.code());
            String field = "item." + item.code();
            if (answer == null || answer.result() == null) {
                problems.put(field, "visits.error.itemUnanswered");
                continue;
            }
            if (answer.remark() != null && answer.remark().length() > 500) {
                problems.put(field, "visits.error.remark");
            }
            if (answer.result() == ItemResult.FAILED && item.photoRequired() && answer.photo() == null) {
                problems.put(field, "visits.error.photoRequired");
            }
            if (answer.result() == ItemResult.FAILED
                    && (answer.remark() == null || answer.remark().isBlank())) {
                problems.put(field, "visits.error.failedRemark");
            }
            if (answer.photo() != null) {
                String photoProblem = Photos.problem(answer.photo());
                if (photoProblem != null) {
                    problems.put(field, photoProblem);
                }
            }
        }
        for (String code : input.items().keySet()) {
            if (!checklist.byCode().containsKey(code)) {
                problems.put("item." + code, "visits.error.unknownItem");
            }
        }
        if (input.staffNormal() == null || input.staffNormal() <= 0 || input.staffNormal() > 1_000_000) {
            problems.put("staffNormal", "visits.error.staffNormal");
        }
        if (input.staffOnSite() == null
                || input.staffOnSite() < 0
                || (input.staffNormal() != null && input.staffOnSite() > 2 * Math.max(1, input.staffNormal()))) {
            problems.put("staffOnSite", "visits.error.staffOnSite");
        }
        if (input.capacityPercent() == null || input.capacityPercent() < 0 || input.capacityPercent() > 100) {
            problems.put("capacityPercent", "visits.error.capacity");
        }
        if (input.notes() != null && input.notes().length() > 4000) {
            problems.put("notes", "visits.error.notes");
        }
        if (input.problems().size() > 10) {
            problems.put("problems", "visits.error.tooManyProblems");
        }
        for (int i = 0; i < input.problems().size(); i++) {
            ProblemInput p = input.problems().get(i);
            if (p.title() == null || p.title().isBlank() || p.title().length() > 200) {
                problems.put("problems[" + i + "].title", "ticket.error.title");
            }
            if (p.description() == null
                    || p.description().isBlank()
                    || p.description().length() > 4000) {
                problems.put("problems[" + i + "].description", "ticket.error.description");
            }
            if (p.category() == null) {
                problems.put("problems[" + i + "].category", "visits.error.category");
            }
            if (p.solvedOnSpot() && (p.resolution() == null || p.resolution().isBlank())) {
                problems.put("problems[" + i + "].resolution", "ticket.error.resolution");
            }
        }
        if (input.corrects() != null) {
            var corrected = jdbc.sql("select enterprise_id from visit where id = ?")
                    .param(input.corrects())
                    .query(UUID.class)
                    .optional();
            boolean taken = jdbc.sql("select count(*) from visit where corrects = ?")
                            .param(input.corrects())
                            .query(Long.class)
                            .single()
                    > 0;
            if (corrected.isEmpty() || !corrected.get().equals(e.id()) || taken) {
                problems.put("corrects", "visits.error.corrects");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The lights of the enterprise's visits before this moment, the latest first, corrected ones left out. */
    private List<Light> lightsBefore(UUID enterpriseId, Instant visitedAt, @Nullable UUID corrects) {
        return jdbc
                .sql("""
                        select light from visit v
                        where v.enterprise_id = ? and v.visited_at <= ?
                          and not exists (select 1 from visit c where c.corrects = v.id)
                          and v.id is distinct from ?
                        order by v.visited_at desc, v.received_at desc limit 20""")
                .params(enterpriseId, Timestamp.from(visitedAt), corrects)
                .query(String.class)
                .list()
                .stream()
                .map(Light::valueOf)
                .toList();
    }

    @Transactional(readOnly = true)
    public Visit get(Scope scope, UUID id) {
        Visit visit = jdbc.sql("select * from visit where id = ?")
                .param(id)
                .query((rs, n) -> new Visit(
                        rs.getObject("id", UUID.class),
                        rs.getObject("enterprise_id", UUID.class),
                        rs.getString("district_code"),
                        rs.getObject("commissioner_id", UUID.class),
                        rs.getString("commissioner_name"),
                        rs.getTimestamp("visited_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getInt("checklist_version"),
                        rs.getInt("staff_on_site"),
                        rs.getInt("staff_normal"),
                        rs.getInt("capacity_percent"),
                        rs.getString("notes"),
                        rs.getObject("corrects", UUID.class),
                        Light.valueOf(rs.getString("light")),
                        rs.getInt("rule_version"),
                        reasons(rs.getString("reasons"))))
                .optional()
                .orElseThrow(() -> new NotFoundException("visit", id));
        scope.check(visit.districtCode(), visit.enterpriseId());
        return visit;
    }

    List<LightRules.Reason> reasons(String text) {
        return json.readValue(text, new TypeReference<List<LightRules.Reason>>() {});
    }

    @Transactional(readOnly = true)
    public List<Item> items(Scope scope, UUID visitId) {
        get(scope, visitId);
        return jdbc.sql("select code, result, remark, photo_id from visit_item where visit_id = ?")
                .param(visitId)
                .query(Item.class)
                .list();
    }

    @Transactional(readOnly = true)
    public List<Problem> problems(Scope scope, UUID visitId) {
        get(scope, visitId);
        return jdbc.sql("select * from visit_problem where visit_id = ? order by position")
                .param(visitId)
                .query(Problem.class)
                .list();
    }

    /** The enterprise's visits, the latest first. */
    @Transactional(readOnly = true)
    public List<Visit> ofEnterprise(Scope scope, UUID enterpriseId, int limit) {
        EnterpriseSummary enterprise = enterprises.get(scope, enterpriseId);
        return jdbc
                .sql("select id from visit where enterprise_id = ? order by visited_at desc limit ?")
                .params(enterprise.id(), limit)
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> get(scope, id))
                .toList();
    }

    /** The visit that corrects this one, if any. */
    @Transactional(readOnly = true)
    public @Nullable UUID correctedBy(UUID visitId) {
        return jdbc.sql("select id from visit where corrects = ?")
                .param(visitId)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    /** A hash of what the phone sent, so that one id cannot carry two different visits. */
    private String contentHash(VisitInput input) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("enterprise", input.enterpriseId().toString());
        canonical.put(
                "visitedAt",
                input.visitedAt() == null
                        ? null
                        : String.valueOf(input.visitedAt().getEpochSecond()));
        Map<String, Object> items = new TreeMap<>();
        input.items()
                .forEach((code, item) -> items.put(
                        code,
                        List.of(
                                String.valueOf(item.result()),
                                Objects.toString(item.remark(), ""),
                                item.photo() == null
                                        ? ""
                                        : Digests.sha256Hex(item.photo().data()))));
        canonical.put("items", items);
        canonical.put("staff", input.staffOnSite() + "/" + input.staffNormal() + "/" + input.capacityPercent());
        canonical.put("notes", Objects.toString(input.notes(), ""));
        canonical.put("corrects", String.valueOf(input.corrects()));
        canonical.put(
                "problems",
                input.problems().stream()
                        .map(p -> p.title() + "|" + p.description() + "|" + p.category() + "|" + p.solvedOnSpot() + "|"
                                + p.resolution())
                        .toList());
        return Digests.sha256Hex(json.writeValueAsString(canonical));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
