package org.fugong.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.healthcode.Persons;
import org.fugong.healthcode.ResidentId;
import org.fugong.healthcode.Staff;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.tickets.TicketCategory;
import org.fugong.visits.internal.Checklists;
import org.fugong.visits.internal.ItemResult;
import org.fugong.visits.internal.Lights;
import org.fugong.visits.internal.Orders;
import org.fugong.visits.internal.Photos;
import org.fugong.visits.internal.VisitLog;
import org.fugong.visits.internal.Worklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** What a commissioner's visits do: lights, orders, talks, suspension and restoration, tickets, once-only. */
class VisitTests extends IntegrationTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    VisitLog visits;

    @Autowired
    Lights lights;

    @Autowired
    Orders orders;

    @Autowired
    Checklists checklists;

    @Autowired
    Worklist worklist;

    @Autowired
    CommissionerAssignments assignments;

    @Autowired
    UserAdministration administration;

    @Autowired
    Persons persons;

    @Autowired
    VisitFigures figures;

    @Autowired
    Staff staff;

    Actor commissioner;
    Scope scope;

    @BeforeEach
    void aCommissionerOfHisOwn() {
        String name = "visit-test-" + UUID.randomUUID().toString().substring(0, 8);
        administration.createAsSystem(
                new UserAdministration.NewUser(name, "测试专员", Role.COMMISSIONER, "330203", null, null),
                "pw-12345678",
                false);
        commissioner = actor(name);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A Haishu enterprise with an approved (or resumed) application that no commissioner visits yet. */
    private UUID approvedEnterprise() {
        UUID enterprise = jdbc.sql("""
                        select a.enterprise_id from resumption_application a
                        where a.current and a.district_code = '330203' and a.status in ('APPROVED', 'RESUMED')
                          and not exists (select 1 from visit_assignment v where v.enterprise_id = a.enterprise_id)
                          and not exists (select 1 from visit v where v.enterprise_id = a.enterprise_id)
                        order by a.id limit 1""").query(UUID.class).single();
        assign(enterprise);
        return enterprise;
    }

    private void assign(UUID enterprise) {
        assignments.assign(commissioner.id(), enterprise, "330203", "test");
        scope = Scope.assigned(assignments.enterprisesOf(commissioner.id()));
    }

    private VisitLog.VisitInput visit(UUID enterprise, Map<String, String> failed) {
        return visit(UUID.randomUUID(), enterprise, failed, List.of());
    }

    private VisitLog.VisitInput visit(
            UUID id, UUID enterprise, Map<String, String> failed, List<VisitLog.ProblemInput> problems) {
        Map<String, VisitLog.ItemInput> items = new LinkedHashMap<>();
        for (Checklists.Item item : checklists.current().items()) {
            String remark = failed.get(item.code());
            items.put(
                    item.code(),
                    remark == null
                            ? new VisitLog.ItemInput(ItemResult.PASSED, null, null)
                            : new VisitLog.ItemInput(
                                    ItemResult.FAILED,
                                    remark,
                                    item.photoRequired() ? new Photos.Upload("p.png", PNG) : null));
        }
        return new VisitLog.VisitInput(id, enterprise, clock.instant(), items, 30, 40, 70, null, null, problems);
    }

    private String applicationStatus(UUID enterprise) {
        return jdbc.sql("select status from resumption_application where enterprise_id = ? and current")
                .param(enterprise)
                .query(String.class)
                .single();
    }

    @Test
    void aFailedItemLightsYellowWithAnOrderTheEnterpriseAnswersAndAPassingVisitTurnsGreen() {
        UUID enterprise = approvedEnterprise();
        var first = visits.record(commissioner, scope, visit(enterprise, Map.of("DISINFECTION", "no record")));
        assertThat(first.created()).isTrue();
        assertThat(first.lightAfter()).isEqualTo(Light.YELLOW);
        List<Orders.Order> open = orders.list(Scope.enterprise(enterprise), enterprise, true, 10);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.itemCode()).isEqualTo("DISINFECTION");
            assertThat(o.dueOn()).isEqualTo(today().plusDays(3));
            assertThat(o.state(today())).isEqualTo("OPEN");
        });
        Actor owner = new Actor(
                UUID.randomUUID(),
                "owner",
                "Owner",
                Role.ENTERPRISE,
                "330200",
                null,
                null,
                enterprise,
                true,
                false,
                false,
                null);
        Orders.Order answered = orders.answer(
                owner,
                Scope.enterprise(enterprise),
                open.get(0).id(),
                open.get(0).version(),
                "Record kept now",
                new Photos.Upload("fixed.png", PNG));
        assertThat(answered.state(today())).isEqualTo("ANSWERED");
        assertThat(answered.answerPhoto()).isNotNull();
        // Another enterprise cannot answer it, nor see it.
        assertThatThrownBy(() ->
                        orders.answer(owner, scope("ent-jiangbei"), open.get(0).id(), answered.version(), "x", null))
                .isInstanceOf(AccessDeniedException.class);

        clock.advance(Duration.ofDays(1));
        var second = visits.record(commissioner, scope, visit(enterprise, Map.of()));
        assertThat(second.lightAfter()).isEqualTo(Light.GREEN);
        assertThat(orders.list(Scope.enterprise(enterprise), enterprise, false, 10))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.state(today())).isEqualTo("VERIFIED");
                    assertThat(o.verifiedBy()).isEqualTo(second.visit().id());
                });
        assertThat(lights.current(enterprise).reasons())
                .extracting(r -> r.key())
                .containsExactly("visits.reason.allPassed");
    }

    @Test
    void threeYellowsInARowLightRedAndCallATalkThePassedDeadlineSuspendsTheApprovalAndAGreenVisitRestoresIt() {
        UUID enterprise = approvedEnterprise();
        String approved = applicationStatus(enterprise);
        Map<String, String> ledger = Map.of("STAFF_LEDGER", "ledger incomplete");
        assertThat(visits.record(commissioner, scope, visit(enterprise, ledger)).lightAfter())
                .isEqualTo(Light.YELLOW);
        clock.advance(Duration.ofDays(1));
        assertThat(visits.record(commissioner, scope, visit(enterprise, ledger)).lightAfter())
                .isEqualTo(Light.YELLOW);
        clock.advance(Duration.ofDays(1));
        var third = visits.record(commissioner, scope, visit(enterprise, ledger));
        assertThat(third.lightAfter()).isEqualTo(Light.RED);
        assertThat(third.visit().reasons()).extracting(r -> r.key()).contains("visits.reason.inARow");
        assertThat(orders.talks(scope("haishu"), enterprise, 5))
                .singleElement()
                .satisfies(t -> assertThat(t.heldOn()).isNull());
        // The order of the first visit (due three days after it) has not passed yet: nothing is suspended.
        lights.sweep();
        assertThat(applicationStatus(enterprise)).isEqualTo(approved);

        clock.advance(Duration.ofDays(2));
        long mark = auditMark();
        assertThat(lights.sweep()).isPositive();
        assertThat(applicationStatus(enterprise)).isEqualTo("SUSPENDED");
        assertThat(lights.current(enterprise).suspendedAt()).isNotNull();
        VisitFigures.Day suspendedDay =
                figures.figures(scope("haishu"), today(), today()).byDay().get(0);
        assertThat(suspendedDay.suspensions()).isPositive();
        assertThat(suspendedDay.overdueOrders()).isPositive();
        lights.sweep();
        assertThat(auditSince(mark, "APPROVAL_SUSPENDED"))
                .as("once")
                .filteredOn(e -> e[0].equals(enterprise.toString()))
                .hasSize(1);

        // The district records the warning talk; Jiangbei cannot.
        Orders.Talk talk = orders.talks(scope("haishu"), enterprise, 5).get(0);
        assertThatThrownBy(() -> orders.recordTalk(
                        actor("jiangbei"), scope("jiangbei"), talk.id(), talk.version(), today(), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> orders.recordTalk(
                        actor("haishu"), scope("haishu"), talk.id(), talk.version(), today().plusDays(1), "x"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(orders.recordTalk(
                                actor("haishu"), scope("haishu"), talk.id(), talk.version(), today(), "Head warned")
                        .outcome())
                .isEqualTo("Head warned");

        // Still red while failing; green restores the approval it had.
        clock.advance(Duration.ofDays(1));
        assertThat(visits.record(commissioner, scope, visit(enterprise, Map.of("SYMPTOM_LINE", "none")))
                        .lightAfter())
                .isEqualTo(Light.RED);
        assertThat(applicationStatus(enterprise)).isEqualTo("SUSPENDED");
        clock.advance(Duration.ofDays(1));
        assertThat(visits.record(commissioner, scope, visit(enterprise, Map.of()))
                        .lightAfter())
                .isEqualTo(Light.GREEN);
        assertThat(applicationStatus(enterprise)).isEqualTo(approved);
        assertThat(lights.current(enterprise).suspendedAt()).isNull();
    }

    @Test
    void aSeriousFailureIsRedAtOnceAndItsPhotoIsCheckedByContent() {
        UUID enterprise = approvedEnterprise();
        VisitLog.VisitInput noPhoto = visit(enterprise, Map.of());
        Map<String, VisitLog.ItemInput> items = new LinkedHashMap<>(noPhoto.items());
        items.put("GATE_TEMPERATURE", new VisitLog.ItemInput(ItemResult.FAILED, "no thermometer", null));
        assertThatThrownBy(() -> visits.record(commissioner, scope, with(noPhoto, items)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .containsEntry("item.GATE_TEMPERATURE", "visits.error.photoRequired"));
        items.put(
                "GATE_TEMPERATURE",
                new VisitLog.ItemInput(
                        ItemResult.FAILED, "no thermometer", new Photos.Upload("p.jpg", "<html>".getBytes())));
        assertThatThrownBy(() -> visits.record(commissioner, scope, with(noPhoto, items)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsEntry("item.GATE_TEMPERATURE", "visits.error.photoType"));
        items.put(
                "GATE_TEMPERATURE",
                new VisitLog.ItemInput(ItemResult.FAILED, "no thermometer", new Photos.Upload("p.png", PNG)));
        var red = visits.record(commissioner, scope, with(noPhoto, items));
        assertThat(red.lightAfter()).isEqualTo(Light.RED);
        assertThat(red.visit().reasons()).extracting(r -> r.key()).contains("visits.reason.serious");
        // Serious: due the same day.
        assertThat(orders.list(scope, enterprise, true, 5))
                .singleElement()
                .satisfies(o -> assertThat(o.dueOn()).isEqualTo(today()));
        // Nothing half saved by the refused attempts.
        assertThat(visits.ofEnterprise(scope, enterprise, 10)).hasSize(1);
        // Missing answers and bad numbers are refused whole.
        Map<String, VisitLog.ItemInput> partial = new LinkedHashMap<>(noPhoto.items());
        partial.remove("STAFF_LEDGER");
        VisitLog.VisitInput bad = new VisitLog.VisitInput(
                UUID.randomUUID(), enterprise, clock.instant(), partial, -1, 0, 101, null, null, List.of());
        assertThatThrownBy(() -> visits.record(commissioner, scope, bad))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .containsKeys("item.STAFF_LEDGER", "staffOnSite", "staffNormal", "capacityPercent"));
    }

    private static VisitLog.VisitInput with(VisitLog.VisitInput input, Map<String, VisitLog.ItemInput> items) {
        return new VisitLog.VisitInput(
                UUID.randomUUID(),
                input.enterpriseId(),
                input.visitedAt(),
                new LinkedHashMap<>(items),
                input.staffOnSite(),
                input.staffNormal(),
                input.capacityPercent(),
                input.notes(),
                input.corrects(),
                input.problems());
    }

    @Test
    void aVisitSentTwiceIsRecordedOnceEvenAtTheSameMomentAndAnIdCannotCarryAnotherVisit() throws Exception {
        UUID enterprise = approvedEnterprise();
        VisitLog.VisitInput input = visit(enterprise, Map.of("DISINFECTION", "no record"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<VisitLog.Recorded>> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sends.add(() -> visits.record(commissioner, scope, input));
            }
            List<Boolean> created = new ArrayList<>();
            for (Future<VisitLog.Recorded> f : pool.invokeAll(sends)) {
                created.add(f.get().created());
            }
            assertThat(created).containsOnlyOnce(true);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from visit where id = ?")
                        .param(input.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(orders.list(scope, enterprise, true, 5)).hasSize(1);
        VisitLog.Recorded again = visits.record(commissioner, scope, input);
        assertThat(again.created()).isFalse();
        assertThat(again.lightAfter()).isEqualTo(Light.YELLOW);
        VisitLog.VisitInput other = visit(input.id(), enterprise, Map.of(), List.of());
        assertThatThrownBy(() -> visits.record(commissioner, scope, other))
                .isInstanceOfSatisfying(
                        RefusedChangeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("visits.error.idTaken"));
    }

    @Test
    void aProblemRaisedAtAVisitBecomesATicketThatNamesTheVisit() {
        UUID enterprise = approvedEnterprise();
        var recorded = visits.record(
                commissioner,
                scope,
                visit(
                        UUID.randomUUID(),
                        enterprise,
                        Map.of(),
                        List.of(
                                new VisitLog.ProblemInput(
                                        "Masks short", "Two days of masks left", TicketCategory.MATERIALS, false, null),
                                new VisitLog.ProblemInput(
                                        "Bus stop",
                                        "Shuttle stop moved",
                                        TicketCategory.LOGISTICS,
                                        true,
                                        "Told the staff"))));
        List<VisitLog.Problem> problems =
                visits.problems(scope, recorded.visit().id());
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p.ticketId()).isNotNull());
        var ticket = jdbc.sql("select channel, visit_id, status from ticket where id = ?")
                .param(problems.get(0).ticketId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        assertThat(ticket[0]).isEqualTo("VISIT");
        assertThat(ticket[1]).isEqualTo(recorded.visit().id().toString());
        assertThat(ticket[2]).isEqualTo("NEW");
        assertThat(jdbc.sql("select status from ticket where id = ?")
                        .param(problems.get(1).ticketId())
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED");
        assertThat(mvc.get().uri("/tickets/" + problems.get(0).ticketId()).with(as("haishu")))
                .bodyText()
                .contains("/visits/" + recorded.visit().id());
    }

    @Test
    void aCorrectionReplacesTheVisitItCorrectsAndALateOfflineVisitDoesNotOverrideALaterOne() {
        UUID enterprise = approvedEnterprise();
        var yellow = visits.record(commissioner, scope, visit(enterprise, Map.of("DISINFECTION", "no record")));
        VisitLog.VisitInput correction = visit(enterprise, Map.of());
        correction = new VisitLog.VisitInput(
                correction.id(),
                enterprise,
                clock.instant(),
                correction.items(),
                30,
                40,
                70,
                "wrong item ticked",
                yellow.visit().id(),
                List.of());
        var corrected = visits.record(commissioner, scope, correction);
        assertThat(corrected.lightAfter()).isEqualTo(Light.GREEN);
        assertThat(visits.correctedBy(yellow.visit().id()))
                .isEqualTo(corrected.visit().id());
        // Only once.
        VisitLog.VisitInput twice = new VisitLog.VisitInput(
                UUID.randomUUID(),
                enterprise,
                clock.instant(),
                correction.items(),
                30,
                40,
                70,
                null,
                yellow.visit().id(),
                List.of());
        assertThatThrownBy(() -> visits.record(commissioner, scope, twice)).isInstanceOf(InvalidInputException.class);

        // A visit made yesterday offline and sent now keeps its own light but not the enterprise's.
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        VisitLog.VisitInput late = visit(enterprise, Map.of("STAFF_LEDGER", "missing"));
        late = new VisitLog.VisitInput(
                late.id(), enterprise, yesterday, late.items(), 30, 40, 70, null, null, List.of());
        var recorded = visits.record(commissioner, scope, late);
        assertThat(recorded.visit().light()).isEqualTo(Light.YELLOW);
        assertThat(recorded.lightAfter()).isEqualTo(Light.GREEN);
        // Older than a week: refused.
        VisitLog.VisitInput tooLate = new VisitLog.VisitInput(
                UUID.randomUUID(),
                enterprise,
                clock.instant().minus(Duration.ofDays(8)),
                late.items(),
                30,
                40,
                70,
                null,
                null,
                List.of());
        assertThatThrownBy(() -> visits.record(commissioner, scope, tooLate))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("visitedAt"));
    }

    @Test
    void aCommissionerLogsVisitsOnlyForHisEnterprisesAndOtherDistrictsSeeNothing() {
        UUID enterprise = approvedEnterprise();
        UUID notHis = enterpriseOf("ent-jiangbei");
        assertThatThrownBy(() -> visits.record(commissioner, scope, visit(notHis, Map.of())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> visits.record(actor("haishu"), scope("haishu"), visit(enterprise, Map.of())))
                .isInstanceOf(AccessDeniedException.class);
        var recorded = visits.record(commissioner, scope, visit(enterprise, Map.of("DISINFECTION", "no")));
        UUID id = recorded.visit().id();
        assertThatThrownBy(() -> visits.get(scope("jiangbei"), id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> visits.get(scope("ent-jiangbei"), id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> visits.get(scope("commissioner"), id)).isInstanceOf(AccessDeniedException.class);
        assertThat(visits.get(scope("haishu"), id).id()).isEqualTo(id);
        assertThat(orders.list(scope("jiangbei"), null, false, 1000))
                .noneMatch(o -> o.enterpriseId().equals(enterprise));
        // Pages and API the same.
        assertThat(mvc.get().uri("/visits/" + id).with(as("jiangbei"))).hasStatus(403);
        assertThat(mvc.get().uri("/visits/" + id).with(as("ent-jiangbei"))).hasStatus(403);
        assertThat(mvc.get().uri("/visits/" + id).with(as("haishu"))).hasStatusOk();
        assertThat(mvc.get().uri("/visits/enterprise/" + enterprise).with(as("jiangbei")))
                .hasStatus(403);
        String uscc = jdbc.sql("select uscc from enterprise where id = ?")
                .param(enterprise)
                .query(String.class)
                .single();
        assertThat(mvc.get().uri("/api/visits/lights/" + uscc).with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/visits/lights/" + uscc).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/visits/lights/" + uscc).with(as("haishu")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.colour")
                .isEqualTo("YELLOW");
    }

    @Test
    void theDemoCommissionersWorklistPutsTheMostUrgentFirstAndSaysWhy() {
        Actor demo = actor("commissioner");
        Scope demoScope = scope("commissioner");
        List<Worklist.Entry> entries = worklist.of(demoScope, List.copyOf(demoScope.enterpriseIds()));
        assertThat(entries).hasSize(6);
        assertThat(entries).extracting(Worklist.Entry::light).contains(Light.GREEN, Light.YELLOW, Light.RED);
        Worklist.Entry first = entries.get(0);
        assertThat(first.why()).isNotEmpty();
        assertThat(entries.get(entries.size() - 1).urgency()).isLessThanOrEqualTo(first.urgency());
        assertThat(entries)
                .filteredOn(e -> e.light() == Light.RED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.overdueOrders()).isPositive();
                    assertThat(e.why()).extracting(r -> r.key()).contains("visits.why.orders");
                });
        assertThat(entries)
                .anySatisfy(e -> assertThat(e.why()).extracting(r -> r.key()).contains("visits.why.neverVisited"));
        assertThat(entries)
                .anySatisfy(e -> assertThat(e.why()).extracting(r -> r.key()).contains("visits.why.visitOverdue"));
        assertThat(demo.role()).isEqualTo(Role.COMMISSIONER);
        assertThat(mvc.get().uri("/").with(as("commissioner"))).hasRedirectedUrl("/visits");
        assertThat(mvc.get().uri("/visits").with(as("commissioner")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"worklist\"");
    }

    @Test
    void redCodesAtTheGatesMoreStaffThanApprovedAndOverdueTicketsMoveAnEnterpriseUpAndSayWhy() {
        UUID enterprise = approvedEnterprise();
        UUID quiet = approvedEnterprise();
        visits.record(commissioner, scope, visit(enterprise, Map.of()));
        visits.record(commissioner, scope, visit(quiet, Map.of()));
        assertThat(worklist.of(scope, List.of(enterprise, quiet)))
                .allSatisfy(e -> assertThat(e.why()).isEmpty());
        // Two consenting staff scanned today, one of them red; the approval allows one.
        String uscc = jdbc.sql("select uscc from enterprise where id = ?")
                .param(enterprise)
                .query(String.class)
                .single();
        Random random = new Random(enterprise.getMostSignificantBits());
        for (int i = 0; i < 2; i++) {
            String first17 = "330203" + (1960 + random.nextInt(40))
                    + String.format(
                            "%02d%02d%03d", 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
            var person = persons.identify(
                    first17 + ResidentId.checkCharacter(first17),
                    "员工" + (char) ('甲' + i),
                    "1390000" + (1000 + random.nextInt(8999)));
            staff.consent(person.id(), uscc);
            jdbc.sql(
                            "insert into health_gate_scan (gate, scanned_at, person_id, result, colour) values ('east', ?, ?, 'VALID', ?)")
                    .params(Timestamp.from(clock.instant()), person.id(), i == 0 ? "RED" : "GREEN")
                    .update();
        }
        jdbc.sql("""
                        update resumption_application set staff_local = 1, staff_other_provinces = 0, staff_risk_areas = 0
                        where enterprise_id = ? and current""").param(enterprise).update();
        List<Worklist.Entry> entries = worklist.of(scope, List.of(quiet, enterprise));
        assertThat(entries.get(0).enterprise().id()).isEqualTo(enterprise);
        assertThat(entries.get(0).why())
                .extracting(r -> r.key() + r.args())
                .containsExactly("visits.why.codes[1]", "visits.why.overStaff[2, 1]");
        assertThat(entries.get(1).why()).isEmpty();
        // An overdue ticket says so too.
        clock.advance(Duration.ofDays(3));
        visits.record(
                commissioner,
                scope,
                visit(
                        UUID.randomUUID(),
                        quiet,
                        Map.of(),
                        List.of(new VisitLog.ProblemInput(
                                "Masks", "Short of masks", TicketCategory.MATERIALS, false, null))));
        clock.advance(Duration.ofDays(3));
        assertThat(worklist.of(scope, List.of(quiet)).get(0).why())
                .extracting(r -> r.key())
                .contains("visits.why.tickets");
    }

    @Test
    void theFiguresCountVisitsLightsOrdersAndTalksPerDayWithinTheReadersScope() {
        UUID enterprise = approvedEnterprise();
        VisitFigures.Figures before = figures.figures(scope("haishu"), today(), today());
        VisitFigures.Figures jiangbeiBefore = figures.figures(scope("jiangbei"), today(), today());
        visits.record(commissioner, scope, visit(enterprise, Map.of("DISINFECTION", "no")));
        visits.record(commissioner, scope, visit(enterprise, Map.of("GATE_TEMPERATURE", "no thermometer")));
        VisitFigures.Figures after = figures.figures(scope("haishu"), today(), today());
        VisitFigures.Day was = before.byDay().get(0);
        VisitFigures.Day is = after.byDay().get(0);
        assertThat(is.visits() - was.visits()).isEqualTo(2);
        assertThat(is.yellow() - was.yellow()).isEqualTo(1);
        assertThat(is.red() - was.red()).isEqualTo(1);
        assertThat(is.ordersOpened() - was.ordersOpened()).isEqualTo(2);
        assertThat(is.talksCalled() - was.talksCalled()).isEqualTo(1);
        assertThat(after.total().openOrders() - before.total().openOrders())
                .as("the second visit verified the first order")
                .isEqualTo(1);
        assertThat(after.now()).extracting(VisitFigures.Now::districtCode).containsOnly("330203");
        // Jiangbei's figures do not move, and do not show Haishu.
        VisitFigures.Figures jiangbei = figures.figures(scope("jiangbei"), today(), today());
        assertThat(jiangbei.byDay().get(0)).isEqualTo(jiangbeiBefore.byDay().get(0));
        assertThat(jiangbei.now()).extracting(VisitFigures.Now::districtCode).doesNotContain("330203");
        assertThat(mvc.get().uri("/visits/figures").with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .contains("visit-chart");
        assertThat(mvc.get().uri("/api/visits/figures").with(as("jiangbei")))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("330203");
    }

    @Test
    void aSubmittedVisitCannotBeChangedEvenInTheDatabase() {
        UUID enterprise = approvedEnterprise();
        UUID id = visits.record(commissioner, scope, visit(enterprise, Map.of()))
                .visit()
                .id();
        assertThatThrownBy(() -> jdbc.sql("update visit set light = 'RED' where id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("delete from visit_item where visit_id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("immutable");
        assertThat(visits.get(scope, id).light()).isEqualTo(Light.GREEN);
    }
}
