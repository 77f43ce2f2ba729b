package org.fugong.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationInput;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.enterprises.applications.ResumptionFigures;
import org.fugong.enterprises.applications.Review;
import org.fugong.enterprises.internal.ApplicationStore;
import org.fugong.enterprises.internal.PolicyMatrix;
import org.fugong.enterprises.internal.PolicyReevaluation;
import org.fugong.enterprises.internal.ReviewQueue;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The applications desk: the state machine, the rules of the form, the policy matrix and its
 * reaction to colour changes, scoping, concurrent decisions and the figures. Each test files for
 * enterprises of its own (never ent-haishu's, whose first filing the browser journey makes), and
 * colours are set by hand only in Xiangshan and Ninghai, and put back.
 */
class ApplicationTests extends IntegrationTest {

    static final String XIANGSHAN = "330225";
    static final String NINGHAI = "330226";
    static final String HAISHU = "330203";
    static final String JIANGBEI = "330205";
    static final Random RANDOM = new Random();

    @Autowired
    ApplicationDesk desk;

    @Autowired
    ApplicationReview review;

    @Autowired
    ApplicationStore store;

    @Autowired
    PolicyReevaluation reevaluation;

    @Autowired
    ReviewQueue queue;

    @Autowired
    PolicyMatrix matrix;

    @Autowired
    Checklist checklist;

    @Autowired
    ResumptionFigures figures;

    @Autowired
    EnterpriseDirectory directory;

    @Autowired
    RiskMapDesk riskMap;

    @Autowired
    UserAdministration users;

    private final List<UUID> overrides = new ArrayList<>();

    @AfterEach
    void putColoursBack() {
        for (UUID id : overrides) {
            riskMap.endOverride(actor("city"), id);
        }
        overrides.clear();
        clock.reset();
    }

    // ------------------------------------------------------------------ the state machine

    @Test
    void fileReturnReviseApproveResume() {
        Actor owner = enterprise(HAISHU, PriorityCategory.EXPORTER, 120, 3000.0);
        Actor haishu = actor("haishu");
        Application filed = desk.save(owner, scope(owner), null, null, input(today().plusDays(1), 80), true);
        assertThat(filed.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(filed.policyDecision()).isEqualTo(PolicyDecision.REVIEW);
        assertThat(filed.policyCategory()).isEqualTo(PolicyCategory.EXPORTER);
        assertThat(filed.commitmentAt()).isNotNull();

        Application inReview = review.startReview(haishu, Scope.district(HAISHU), filed.id(), filed.version());
        assertThat(inReview.status()).isEqualTo(ApplicationStatus.IN_REVIEW);
        assertThat(inReview.reviewer()).isEqualTo(haishu.displayName());

        Application returned = review.decide(
                haishu,
                Scope.district(HAISHU),
                inReview.id(),
                inReview.version(),
                new Review(
                        Review.Outcome.RETURN,
                        Map.of("ISOLATION_ROOM", new Application.ItemVerdict(false, "No separate ventilation")),
                        null));
        assertThat(returned.status()).isEqualTo(ApplicationStatus.RETURNED_FOR_REVISION);
        assertThat(returned.verdicts().get("ISOLATION_ROOM"))
                .isEqualTo(new Application.ItemVerdict(false, "No separate ventilation"));
        assertThat(returned.verdicts().get("TEMPERATURE_CHECKS").ok()).isTrue();

        Application resubmitted =
                desk.save(owner, scope(owner), returned.id(), returned.version(), input(today().plusDays(1), 90), true);
        assertThat(resubmitted.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(resubmitted.staffOnSite()).isEqualTo(90);

        Application approved = review.decide(
                haishu,
                Scope.district(HAISHU),
                resubmitted.id(),
                resubmitted.version(),
                new Review(Review.Outcome.APPROVE, Map.of(), "OK"));
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.validFrom()).isEqualTo(resubmitted.plannedDate());
        assertThat(approved.validUntil()).isEqualTo(resubmitted.plannedDate().plusDays(29));

        // Not before the planned date; then within the window.
        assertThatThrownBy(() -> desk.confirmResumed(owner, scope(owner), approved.id(), approved.version()))
                .isInstanceOf(RefusedChangeException.class)
                .hasMessage("application.error.notYet");
        clock.advance(Duration.ofDays(1));
        Application resumed = desk.confirmResumed(owner, scope(owner), approved.id(), approved.version());
        assertThat(resumed.status()).isEqualTo(ApplicationStatus.RESUMED);

        assertThat(store.history(filed.id()))
                .extracting(ApplicationStore.Step::action)
                .containsExactly(
                        "CREATED", "SUBMITTED", "REVIEW_STARTED", "RETURNED", "SUBMITTED", "APPROVED", "RESUMED");
        assertThat(store.history(filed.id()).get(3).remark()).contains("ISOLATION_ROOM: No separate ventilation");
        // Every step is audited, and so is the revision of the returned application's content.
        assertThat(jdbc.sql("select action from audit_event where entity_id = ? order by id")
                        .param(filed.id().toString())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "APPLICATION_CREATED",
                        "APPLICATION_SUBMITTED",
                        "APPLICATION_REVIEW_STARTED",
                        "APPLICATION_RETURNED_FOR_REVISION",
                        "APPLICATION_CHANGED",
                        "APPLICATION_SUBMITTED",
                        "APPLICATION_APPROVED",
                        "APPLICATION_RESUMED");

        Application suspended =
                review.suspend(haishu, Scope.district(HAISHU), resumed.id(), resumed.version(), "Fever case on site");
        assertThat(suspended.status()).isEqualTo(ApplicationStatus.SUSPENDED);
        // A suspended enterprise files anew.
        assertThat(desk.mayFile(owner.enterpriseId())).isTrue();
    }

    @Test
    void aSecondApplicationWhileOneIsUnderWayIsRefused() {
        Actor owner = enterprise(HAISHU, null, 50, 900.0);
        desk.save(owner, scope(owner), null, null, input(today(), 10), false);
        assertThat(desk.mayFile(owner.enterpriseId())).isFalse();
        assertThatThrownBy(() -> desk.save(owner, scope(owner), null, null, input(today(), 10), true))
                .isInstanceOf(RefusedChangeException.class)
                .hasMessage("application.error.open");
    }

    @Test
    void anApprovalExpiresAfterItsWindowAndTheEnterpriseMayFileAgain() {
        Actor owner = enterprise(HAISHU, PriorityCategory.MEDICAL_SUPPLIES, 40, 2000.0);
        Application approved = desk.save(owner, scope(owner), null, null, input(today(), 30), true);
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> desk.confirmResumed(owner, scope(owner), approved.id(), approved.version()))
                .isInstanceOf(RefusedChangeException.class)
                .hasMessage("application.error.expired");
        assertThat(desk.mayFile(owner.enterpriseId())).isTrue();
        Application second = desk.save(owner, scope(owner), null, null, input(today().plusDays(31), 30), false);
        assertThat(jdbc.sql("select count(*) from resumption_application where enterprise_id = ? and current")
                        .param(owner.enterpriseId())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(second.current()).isTrue();
    }

    @Test
    void submittingChecksEveryFieldAndSavesNothingWhenOneIsWrong() {
        Actor owner = enterprise(HAISHU, null, 50, 900.0);
        var empty = new ApplicationInput(null, null, null, null, Map.of("MASK_STOCK_DAYS", "lots"), " ", false);
        assertThatThrownBy(() -> desk.save(owner, scope(owner), null, null, empty, true))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys(
                                        "plannedDate",
                                        "staffLocal",
                                        "staffOtherProvinces",
                                        "staffRiskAreas",
                                        "measures[ISOLATION_ROOM]",
                                        "measures[TEMPERATURE_CHECKS]",
                                        "measures[STAGGERED_CANTEEN]",
                                        "measures[MASK_STOCK_DAYS]",
                                        "measures[DISINFECTION_PLAN]",
                                        "commitmentName",
                                        "commitmentAccepted"));
        var tooMany = input(today(), 51);
        assertThatThrownBy(() -> desk.save(owner, scope(owner), null, null, tooMany, true))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsEntry("staffLocal", "application.error.staffTotal"));
        var past = input(today().minusDays(2), 10);
        assertThatThrownBy(() -> desk.save(owner, scope(owner), null, null, past, true))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsOnlyKeys("plannedDate"));
        assertThat(desk.ofEnterprise(Scope.city(), owner.enterpriseId())).isEmpty();
    }

    @Test
    void theReviewerMustSayWhatIsWrong() {
        Actor owner = enterprise(HAISHU, PriorityCategory.LOGISTICS, 60, 5000.0);
        Application filed = desk.save(owner, scope(owner), null, null, input(today(), 20), true);
        Actor haishu = actor("haishu");
        Scope district = Scope.district(HAISHU);
        assertThatThrownBy(() -> review.decide(
                        haishu,
                        district,
                        filed.id(),
                        filed.version(),
                        new Review(
                                Review.Outcome.RETURN,
                                Map.of("ISOLATION_ROOM", new Application.ItemVerdict(false, " ")),
                                null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("verdicts[ISOLATION_ROOM].remark"));
        assertThatThrownBy(() -> review.decide(
                        haishu,
                        district,
                        filed.id(),
                        filed.version(),
                        new Review(Review.Outcome.REJECT, Map.of(), null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsEntry("remark", "application.error.rejectReason"));
        assertThatThrownBy(() -> review.decide(
                        haishu,
                        district,
                        filed.id(),
                        filed.version(),
                        new Review(
                                Review.Outcome.APPROVE,
                                Map.of("DISINFECTION_PLAN", new Application.ItemVerdict(false, "none")),
                                null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsEntry("remark", "application.error.approveWithProblems"));
        assertThatThrownBy(() -> review.suspend(haishu, district, filed.id(), filed.version(), "x"))
                .isInstanceOf(RefusedChangeException.class);
        assertThat(desk.get(Scope.city(), filed.id()).version()).isEqualTo(filed.version());
    }

    // ------------------------------------------------------------------ the policy matrix

    @Test
    void aSmallShopIsApprovedOnFiling() {
        Actor shop = enterprise(HAISHU, null, 8, 120.0);
        Application application = desk.save(shop, scope(shop), null, null, input(today(), 6), true);
        assertThat(application.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(application.policyCategory()).isEqualTo(PolicyCategory.SMALL_SHOP);
        assertThat(application.policyDecision()).isEqualTo(PolicyDecision.AUTO_APPROVE);
        assertThat(store.history(application.id()))
                .extracting(ApplicationStore.Step::action)
                .containsExactly("CREATED", "SUBMITTED", "AUTO_APPROVED");
    }

    @Test
    void aShopThatLacksAMeasureIsReviewedEvenWhereTheCellApprovesOnFiling() {
        Actor shop = enterprise(HAISHU, null, 8, 120.0);
        Map<String, String> measures = new HashMap<>(input(today(), 6).measures());
        measures.put("MASK_STOCK_DAYS", "2");
        var input = new ApplicationInput(today(), 6, 0, 0, measures, "Li Ming", true);
        Application application = desk.save(shop, scope(shop), null, null, input, true);
        assertThat(application.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(application.policyDecision()).isEqualTo(PolicyDecision.REVIEW);
    }

    @Test
    void aFactoryInARedDistrictIsHeldAndRuledOnAgainWhenTheColourFalls() throws Exception {
        setColour(XIANGSHAN, RiskColour.RED);
        Actor factory = enterprise(XIANGSHAN, null, 300, 12000.0);
        Application held = desk.save(factory, scope(factory), null, null, input(today(), 100), true);
        assertThat(held.status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThat(held.policyDecision()).isEqualTo(PolicyDecision.HOLD);
        assertThat(held.policyColour()).isEqualTo(RiskColour.RED);
        assertThat(held.held()).isTrue();
        assertThatThrownBy(() -> review.decide(
                        actor("city"),
                        Scope.city(),
                        held.id(),
                        held.version(),
                        new Review(Review.Outcome.APPROVE, Map.of(), null)))
                .isInstanceOf(RefusedChangeException.class)
                .hasMessage("application.error.held");

        // Bulk approval leaves it waiting and names it.
        var bulk = review.approveAll(actor("city"), Scope.city(), Map.of(held.id(), held.version()));
        assertThat(bulk.held()).containsExactly(held.id());
        assertThat(bulk.approved()).isZero();

        // The page shows the reason to the enterprise.
        String page = mvc.get()
                .uri("/applications/" + held.id())
                .with(user(factory))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-test=\"ruling\"").contains("Held: at this colour the category may not reopen");

        putColoursBack();
        await(() -> desk.get(Scope.city(), held.id()).policyDecision() == PolicyDecision.REVIEW);
        Application released = desk.get(Scope.city(), held.id());
        assertThat(released.held()).isFalse();
        assertThat(store.history(held.id()))
                .extracting(ApplicationStore.Step::action)
                .contains("REEVALUATED");
    }

    @Test
    void turningADistrictOrangeFlagsItsWorkingEnterprisesWithoutRevokingThem() {
        Actor approvedOwner = enterprise(NINGHAI, PriorityCategory.UTILITIES, 30, 1000.0);
        Application approved = desk.save(approvedOwner, scope(approvedOwner), null, null, input(today(), 20), true);
        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        Actor pendingOwner = enterprise(NINGHAI, PriorityCategory.CONSTRUCTION, 80, 1000.0);
        Application pending = desk.save(pendingOwner, scope(pendingOwner), null, null, input(today(), 20), true);
        assertThat(pending.policyDecision()).isEqualTo(PolicyDecision.REVIEW);

        setColour(NINGHAI, RiskColour.ORANGE);
        await(() -> desk.get(Scope.city(), approved.id()).flagged());
        Application flagged = desk.get(Scope.city(), approved.id());
        assertThat(flagged.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(flagged.flagReason()).contains("ORANGE");
        assertThat(store.history(approved.id()))
                .extracting(ApplicationStore.Step::action)
                .contains("FLAGGED");
        // Construction in orange is held.
        await(() -> desk.get(Scope.city(), pending.id()).policyDecision() == PolicyDecision.HOLD);
        // The flagged one is in Ninghai's flagged queue, not in the pending one.
        var view = new ReviewQueue.Filter(ReviewQueue.View.FLAGGED, NINGHAI, null, null, null, null);
        assertThat(allOf(Scope.city(), view)).contains(approved.id()).doesNotContain(pending.id());

        Application cleared =
                review.clearFlag(actor("city"), Scope.city(), flagged.id(), flagged.version(), "Checked on site");
        assertThat(cleared.flagged()).isFalse();
        assertThat(cleared.status()).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void cityOfficialsEditTheMatrixAndOthersCannot() {
        String fingerprint = matrix.fingerprint();
        var change = Map.of(RiskColour.GREEN, Map.of(PolicyCategory.GENERAL, PolicyDecision.AUTO_APPROVE));
        assertThatThrownBy(() -> matrix.update(actor("haishu"), change, fingerprint))
                .isInstanceOf(AccessDeniedException.class);
        long mark = auditMark();
        try {
            assertThat(matrix.update(actor("city"), change, fingerprint)).isOne();
            assertThat(matrix.cells().get(RiskColour.GREEN).get(PolicyCategory.GENERAL))
                    .isEqualTo(PolicyDecision.AUTO_APPROVE);
            assertThatThrownBy(() -> matrix.update(actor("city"), change, fingerprint))
                    .isInstanceOf(StaleVersionException.class);
            var audited = auditSince(mark, "POLICY_MATRIX_CHANGED");
            assertThat(audited).hasSize(1);
            assertThat(audited.get(0)[1]).contains("GREEN").contains("AUTO_APPROVE");
        } finally {
            matrix.update(
                    actor("city"),
                    Map.of(RiskColour.GREEN, Map.of(PolicyCategory.GENERAL, PolicyDecision.REVIEW)),
                    matrix.fingerprint());
        }
    }

    @Test
    void aNewChecklistItemMustBeAnswered() {
        assertThatThrownBy(() -> checklist.save(
                        actor("city"),
                        new Checklist.ItemChange("bad code", "x", "x", Checklist.Kind.YES_NO, null, 9, true, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("code"));
        assertThatThrownBy(() -> checklist.save(
                        actor("haishu"),
                        new Checklist.ItemChange(
                                "VENTILATION", "通风", "Ventilation", Checklist.Kind.YES_NO, null, 9, true, null)))
                .isInstanceOf(AccessDeniedException.class);
        checklist.save(
                actor("city"),
                new Checklist.ItemChange(
                        "VENTILATION", "通风", "Ventilation", Checklist.Kind.YES_NO, null, 9, true, null));
        try {
            Actor owner = enterprise(HAISHU, null, 50, 900.0);
            assertThatThrownBy(() -> desk.save(owner, scope(owner), null, null, input(today(), 10), true))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.problems()).containsOnlyKeys("measures[VENTILATION]"));
        } finally {
            long version = checklist.byCode().get("VENTILATION").version();
            checklist.save(
                    actor("city"),
                    new Checklist.ItemChange(
                            "VENTILATION", "通风", "Ventilation", Checklist.Kind.YES_NO, null, 9, false, version));
        }
        assertThat(checklist.active()).extracting(Checklist.Item::code).doesNotContain("VENTILATION");
    }

    @Test
    void theMatrixAndTheChecklistFormsSaveAndExplain() throws Exception {
        var response = mvc.post()
                .uri("/applications/policy")
                .with(as("city"))
                .with(csrf())
                .param("fingerprint", matrix.fingerprint())
                .param("cell.BLUE.LOGISTICS", "AUTO_APPROVE")
                .param("cell.NOT.A_CELL", "HOLD")
                .exchange()
                .getResponse();
        try {
            assertThat(response.getRedirectedUrl()).isEqualTo("/applications/policy");
            assertThat(matrix.cells().get(RiskColour.BLUE).get(PolicyCategory.LOGISTICS))
                    .isEqualTo(PolicyDecision.AUTO_APPROVE);
            var stale = mvc.post()
                    .uri("/applications/policy?lang=en")
                    .with(as("city"))
                    .with(csrf())
                    .param("fingerprint", "stale")
                    .param("cell.BLUE.LOGISTICS", "HOLD")
                    .exchange()
                    .getResponse();
            assertThat(stale.getStatus()).isEqualTo(409);
            assertThat(stale.getContentAsString()).contains("Someone else changed");
        } finally {
            matrix.update(
                    actor("city"),
                    Map.of(RiskColour.BLUE, Map.of(PolicyCategory.LOGISTICS, PolicyDecision.REVIEW)),
                    matrix.fingerprint());
        }
        var bad = mvc.post()
                .uri("/applications/checklist?lang=en")
                .with(as("city"))
                .with(csrf())
                .param("code", "1x")
                .param("labelZh", "")
                .param("labelEn", "Fresh air")
                .param("kind", "DAYS")
                .exchange()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString()).contains("A code is capital letters");
        assertThat(mvc.get()
                        .uri("/applications/policy")
                        .with(as("haishu"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("data-test=\"save-policy\"");
    }

    @Test
    void theEnterpriseFormComesBackWithItsProblemsInBothLanguages() throws Exception {
        Actor owner = enterprise(HAISHU, null, 50, 900.0);
        var english = mvc.post()
                .uri("/applications?lang=en")
                .with(user(owner))
                .with(csrf())
                .param("action", "submit")
                .param("plannedDate", "2020-13-45")
                .param("staffLocal", "many")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(english).contains("Give the planned reopening date.").contains("Give a whole number of people");
        var chinese = mvc.post()
                .uri("/applications?lang=zh-CN")
                .with(user(owner))
                .with(csrf())
                .param("action", "submit")
                .param("plannedDate", today().plusDays(1).toString())
                .param("staffLocal", "60")
                .param("staffOtherProvinces", "0")
                .param("staffRiskAreas", "0")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(chinese).contains("到岗人数不能超过名录登记的 50 名员工").contains("须接受复工承诺书");
        assertThat(desk.ofEnterprise(Scope.city(), owner.enterpriseId())).isEmpty();
    }

    // ------------------------------------------------------------------ scope and concurrency

    @Test
    void anotherDistrictNeitherSeesNorDecides() throws Exception {
        Actor owner = enterprise(HAISHU, PriorityCategory.EXPORTER, 100, 3000.0);
        Application filed = desk.save(owner, scope(owner), null, null, input(today(), 30), true);
        Actor jiangbei = actor("jiangbei");
        Scope jiangbeiScope = Scope.district(JIANGBEI);
        assertThatThrownBy(() -> desk.get(jiangbeiScope, filed.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> review.decide(
                        jiangbei,
                        jiangbeiScope,
                        filed.id(),
                        filed.version(),
                        new Review(Review.Outcome.APPROVE, Map.of(), null)))
                .isInstanceOf(AccessDeniedException.class);
        var pending = new ReviewQueue.Filter(ReviewQueue.View.PENDING, null, null, null, null, null);
        assertThat(allOf(jiangbeiScope, pending)).doesNotContain(filed.id());
        assertThat(allOf(Scope.district(HAISHU), pending)).contains(filed.id());

        // Over HTTP: Jiangbei's official and enterprise get 403; ent-jiangbei's queue route is not even theirs.
        assertThat(mvc.get().uri("/applications/" + filed.id()).with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/applications/" + filed.id()).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/applications/" + filed.id()).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/applications/" + filed.id() + "/decision")
                        .with(as("jiangbei"))
                        .with(csrf())
                        .param("version", Long.toString(filed.version()))
                        .param("outcome", "APPROVE"))
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/applications/queue")
                        .with(as("jiangbei"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(filed.id().toString());
        assertThat(mvc.get()
                        .uri("/applications/queue?q=" + filed.enterpriseName())
                        .with(as("haishu"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains(filed.id().toString());
        // A commissioner sees only the enterprises assigned to him.
        assertThat(mvc.get().uri("/applications/" + filed.id()).with(as("commissioner")))
                .hasStatus(403);
        assertThat(desk.get(Scope.district(HAISHU), filed.id()).status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void twoOfficialsDecidingAtOnceOneWinsTheOtherIsToldItChanged() throws Exception {
        Actor owner = enterprise(HAISHU, PriorityCategory.EXPORTER, 100, 3000.0);
        Application filed = desk.save(owner, scope(owner), null, null, input(today(), 30), true);
        CountDownLatch start = new CountDownLatch(1);
        Callable<String> approve = () -> {
            start.await();
            try {
                review.decide(
                        actor("haishu"),
                        Scope.district(HAISHU),
                        filed.id(),
                        filed.version(),
                        new Review(Review.Outcome.APPROVE, Map.of(), null));
                return "won";
            } catch (StaleVersionException e) {
                return "stale";
            }
        };
        Callable<String> reject = () -> {
            start.await();
            try {
                review.decide(
                        actor("city"),
                        Scope.city(),
                        filed.id(),
                        filed.version(),
                        new Review(Review.Outcome.REJECT, Map.of(), "Dormitories not separated"));
                return "won";
            } catch (StaleVersionException e) {
                return "stale";
            }
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(approve);
            Future<String> second = pool.submit(reject);
            start.countDown();
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder("won", "stale");
        } finally {
            pool.shutdown();
        }
        Application decided = desk.get(Scope.city(), filed.id());
        assertThat(decided.status()).isIn(ApplicationStatus.APPROVED, ApplicationStatus.REJECTED);
        assertThat(store.history(filed.id()))
                .filteredOn(
                        s -> s.toStatus() == ApplicationStatus.APPROVED || s.toStatus() == ApplicationStatus.REJECTED)
                .hasSize(1);

        // Over HTTP the loser sees the current state and the message, with 409.
        var response = mvc.post()
                .uri("/applications/" + filed.id() + "/decision")
                .with(as("haishu"))
                .with(csrf())
                .param("version", Long.toString(filed.version()))
                .param("outcome", "APPROVE")
                .exchange()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("Someone else changed this record meanwhile");
    }

    @Test
    void bulkApprovalApprovesWhatIsAsTheReviewerSawItAndNamesTheRest() {
        Actor a = enterprise(HAISHU, PriorityCategory.EXPORTER, 100, 3000.0);
        Actor b = enterprise(HAISHU, PriorityCategory.LOGISTICS, 100, 3000.0);
        Actor c = enterprise(HAISHU, null, 100, 3000.0);
        Application first = desk.save(a, scope(a), null, null, input(today(), 30), true);
        Application second = desk.save(b, scope(b), null, null, input(today(), 30), true);
        Application third = desk.save(c, scope(c), null, null, input(today(), 30), true);
        // Someone starts reviewing the third meanwhile: its version moves on.
        review.startReview(actor("haishu"), Scope.district(HAISHU), third.id(), third.version());
        Map<UUID, Long> selected = new LinkedHashMap<>();
        selected.put(first.id(), first.version());
        selected.put(second.id(), second.version());
        selected.put(third.id(), third.version());
        var result = review.approveAll(actor("haishu"), Scope.district(HAISHU), selected);
        assertThat(result.approved()).isEqualTo(2);
        assertThat(result.changed()).containsExactly(third.id());
        assertThat(desk.get(Scope.city(), third.id()).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
        // Another district's official approves nothing of Haishu's.
        Actor d = enterprise(HAISHU, null, 100, 3000.0);
        Application fourth = desk.save(d, scope(d), null, null, input(today(), 30), true);
        assertThatThrownBy(() -> review.approveAll(
                        actor("jiangbei"), Scope.district(JIANGBEI), Map.of(fourth.id(), fourth.version())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theQueueIsChainFilingsFirstThenOldestFirstAndPagesWithoutGapsOrRepeats() {
        var filter = new ReviewQueue.Filter(ReviewQueue.View.PENDING, null, null, null, null, null);
        List<Instant> chained = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        String cursor = null;
        do {
            var slice = queue.page(Scope.city(), filter, cursor, 7);
            for (Application a : slice.items()) {
                assertThat(seen.add(a.id())).isTrue();
                if (a.chain() != null) {
                    // A lead's chain filing (四同步) never comes after an application that is not one.
                    assertThat(times).isEmpty();
                    chained.add(a.submittedAt());
                } else {
                    times.add(a.submittedAt());
                }
            }
            cursor = slice.next();
        } while (cursor != null);
        // The demo's filing waits in two districts: its four suppliers come first.
        assertThat(chained).hasSizeGreaterThanOrEqualTo(4).isSorted();
        assertThat(times).isSorted();
        long pending = jdbc.sql(
                        "select count(*) from resumption_application where status in ('SUBMITTED', 'IN_REVIEW')")
                .query(Long.class)
                .single();
        assertThat(seen).hasSize((int) pending);
        assertThat(pending).isGreaterThan(7);
    }

    // ------------------------------------------------------------------ figures

    @Test
    void figuresAddUpAndAreScoped() throws Exception {
        var city = figures.figures(Scope.city());
        long enterprises =
                jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        assertThat(city.total().enterprises()).isEqualTo(enterprises);
        assertThat(city.total().byStatus().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(enterprises);
        long resumed = jdbc.sql("select count(*) from resumption_application where current and status = 'RESUMED'")
                .query(Long.class)
                .single();
        assertThat(city.total().resumed()).isEqualTo(resumed).isPositive();
        long onSite = jdbc.sql("""
                select coalesce(sum(staff_local + staff_other_provinces + staff_risk_areas), 0)
                from resumption_application where current and status = 'RESUMED'""").query(Long.class).single();
        assertThat(city.total().staffOnSite()).isEqualTo(onSite);
        assertThat(city.total().aboveScaleResumptionRate()).isBetween(0.0, 1.0);
        assertThat(city.districts()).hasSize(11);

        var haishu = figures.figures(Scope.district(HAISHU));
        assertThat(haishu.districts())
                .extracting(ResumptionFigures.Figures::districtCode)
                .containsExactly(HAISHU);
        String json = mvc.get()
                .uri("/api/applications/figures")
                .with(as("haishu"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(json).contains("\"districtCode\":\"330203\"").doesNotContain("\"districtCode\":\"330205\"");
    }

    @Test
    void theDemoHasApplicationsInEveryStatusButNoneForEntHaishu() {
        List<String> statuses = jdbc.sql("select distinct status from resumption_application")
                .query(String.class)
                .list();
        assertThat(statuses)
                .contains(
                        "DRAFT",
                        "SUBMITTED",
                        "IN_REVIEW",
                        "APPROVED",
                        "RETURNED_FOR_REVISION",
                        "REJECTED",
                        "RESUMED",
                        "SUSPENDED");
        assertThat(jdbc.sql("select count(distinct district_code) from resumption_application")
                        .query(Long.class)
                        .single())
                .isEqualTo(11);
        // The demo filed as the enterprises themselves; never for ent-haishu's, whose first filing is left to try.
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'demo-enterprise' and enterprise_id = ?")
                        .param(enterpriseOf("ent-haishu"))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'demo-enterprise' and enterprise_id = ?")
                        .param(enterpriseOf("ent-jiangbei"))
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    // ------------------------------------------------------------------ helpers

    private List<UUID> allOf(Scope scope, ReviewQueue.Filter filter) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            var slice = queue.page(scope, filter, cursor, 100);
            slice.items().forEach(a -> ids.add(a.id()));
            cursor = slice.next();
        } while (cursor != null);
        return ids;
    }

    private void setColour(String district, RiskColour colour) {
        overrides.add(riskMap.override(
                        actor("city"), district, colour, "test", Instant.now().plus(Duration.ofHours(2)))
                .id());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static ApplicationInput input(LocalDate planned, int staff) {
        Map<String, String> measures = Map.of(
                "ISOLATION_ROOM",
                "true",
                "TEMPERATURE_CHECKS",
                "true",
                "STAGGERED_CANTEEN",
                "true",
                "MASK_STOCK_DAYS",
                "14",
                "DISINFECTION_PLAN",
                "true");
        int local = staff - staff / 4;
        return new ApplicationInput(planned, local, staff / 4, 0, measures, "Li Ming", true);
    }

    private static Scope scope(Actor enterprise) {
        return Scope.enterprise(enterprise.enterpriseId());
    }

    private static RequestPostProcessor user(Actor actor) {
        return SecurityMockMvcRequestPostProcessors.user(actor);
    }

    /** A fresh enterprise of the registry with its own account. */
    Actor enterprise(String district, PriorityCategory category, int staff, Double area) {
        String uscc = UnifiedSocialCreditCode.randomCompany(district, RANDOM);
        String name = "测试企业" + uscc.substring(10);
        directory.registerAll(List.of(new NewEnterprise(
                uscc,
                name,
                "李明",
                district,
                null,
                IndustrySection.C,
                EnterpriseSize.SMALL,
                staff > 100,
                staff,
                false,
                category,
                area)));
        String username = "t-" + uscc.toLowerCase();
        users.createAsSystem(
                new UserAdministration.NewUser(username, name, Role.ENTERPRISE, null, null, uscc),
                "test-password-1",
                false);
        return actor(username);
    }
}
