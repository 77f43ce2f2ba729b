package org.fugong.demo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationInput;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.Review;
import org.fugong.shell.Times;
import org.springframework.stereotype.Component;

/**
 * Demo return-to-work applications in every status in every district, filed and decided through
 * the applications desk as the enterprises and the district officials would, so that every queue,
 * history and figure has something to show.
 */
@Component
class DemoApplications {

    /** How many of a district's enterprises take each path, in this order. */
    private static final List<Map.Entry<String, Integer>> PATHS = List.of(
            Map.entry("DRAFT", 4),
            Map.entry("SUBMITTED", 8),
            Map.entry("IN_REVIEW", 3),
            Map.entry("APPROVED", 6),
            Map.entry("RETURNED", 3),
            Map.entry("REJECTED", 1),
            Map.entry("RESUMED", 14),
            Map.entry("SUSPENDED", 1));

    private static final Review APPROVE = new Review(Review.Outcome.APPROVE, Map.of(), "材料齐全，同意复工");

    private final ApplicationDesk desk;
    private final ApplicationReview review;
    private final EnterpriseDirectory directory;
    private final Checklist checklist;
    private final Times times;

    DemoApplications(
            ApplicationDesk desk,
            ApplicationReview review,
            EnterpriseDirectory directory,
            Checklist checklist,
            Times times) {
        this.desk = desk;
        this.review = review;
        this.directory = directory;
        this.checklist = checklist;
        this.times = times;
    }

    /** Files applications for some of each district's enterprises; {@code filing} also files one that waits. */
    int load(String cityCode, Map<String, List<UUID>> enterprisesByDistrict, UUID waitingForReview) {
        Random random = new Random(20200210L);
        int filed = 0;
        for (var district : enterprisesByDistrict.entrySet()) {
            Actor reviewer = new Actor(
                    UUID.nameUUIDFromBytes(("demo-reviewer-" + district.getKey()).getBytes()),
                    "demo-reviewer",
                    "区复工办 审核员",
                    Role.DISTRICT_OFFICIAL,
                    cityCode,
                    district.getKey(),
                    null,
                    null,
                    true,
                    false,
                    false,
                    null);
            Scope reviewScope = Scope.district(district.getKey());
            int next = 0;
            for (var path : PATHS) {
                for (int i = 0;
                        i < path.getValue() && next < district.getValue().size();
                        i++) {
                    file(cityCode, district.getValue().get(next++), path.getKey(), reviewer, reviewScope, random);
                    filed++;
                }
            }
        }
        EnterpriseSummary waiting = directory.get(Scope.city(), waitingForReview);
        file(cityCode, waiting.id(), "SUBMITTED", null, null, random);
        return filed + 1;
    }

    private void file(
            String cityCode, UUID enterpriseId, String path, Actor reviewer, Scope reviewScope, Random random) {
        EnterpriseSummary enterprise = directory.get(Scope.city(), enterpriseId);
        Actor owner = new Actor(
                UUID.nameUUIDFromBytes(("demo-enterprise-" + enterpriseId).getBytes()),
                "demo-enterprise",
                enterprise.legalRepresentative(),
                Role.ENTERPRISE,
                cityCode,
                enterprise.districtCode(),
                null,
                enterpriseId,
                true,
                false,
                false,
                null);
        Scope own = Scope.enterprise(enterpriseId);
        int staff = Math.max(1, enterprise.staffCount());
        int local = Math.max(1, staff * (50 + random.nextInt(30)) / 100);
        int other = Math.min(staff - local, staff * random.nextInt(20) / 100);
        int risky = Math.min(staff - local - other, random.nextInt(3));
        Map<String, String> measures = new HashMap<>();
        for (Checklist.Item item : checklist.active()) {
            measures.put(
                    item.code(),
                    item.kind() == Checklist.Kind.DAYS
                            ? Integer.toString(7 + random.nextInt(24))
                            : random.nextInt(12) == 0 ? "false" : "true");
        }
        LocalDate planned =
                times.today().plusDays(path.equals("DRAFT") || path.equals("SUBMITTED") ? 1 + random.nextInt(5) : 0);
        var input =
                new ApplicationInput(planned, local, other, risky, measures, enterprise.legalRepresentative(), true);
        Application application = desk.save(owner, own, null, null, input, !path.equals("DRAFT"));
        if (!application.status().pending()) {
            // Approved on filing (a small shop, medical supplies) or a draft: it stays as it is.
            if (application.status() == ApplicationStatus.APPROVED
                    && (path.equals("RESUMED") || path.equals("SUSPENDED"))) {
                desk.confirmResumed(owner, own, application.id(), application.version());
            }
            return;
        }
        switch (path) {
            case "IN_REVIEW" -> review.startReview(reviewer, reviewScope, application.id(), application.version());
            case "APPROVED", "RESUMED", "SUSPENDED" -> {
                Application approved =
                        review.decide(reviewer, reviewScope, application.id(), application.version(), APPROVE);
                if (path.equals("RESUMED") || path.equals("SUSPENDED")) {
                    approved = desk.confirmResumed(owner, own, approved.id(), approved.version());
                }
                if (path.equals("SUSPENDED")) {
                    review.suspend(reviewer, reviewScope, approved.id(), approved.version(), "复查发现员工未按规定测温登记");
                }
            }
            case "RETURNED" ->
                review.decide(
                        reviewer,
                        reviewScope,
                        application.id(),
                        application.version(),
                        new Review(
                                Review.Outcome.RETURN,
                                Map.of("ISOLATION_ROOM", new Application.ItemVerdict(false, "隔离观察室须独立通风，请补充照片")),
                                "请补充隔离室材料"));
            case "REJECTED" ->
                review.decide(
                        reviewer,
                        reviewScope,
                        application.id(),
                        application.version(),
                        new Review(Review.Outcome.REJECT, Map.of(), "生产场所与员工宿舍未分隔，暂不具备复工条件"));
            default -> {}
        }
    }

    /** Those of the enterprises whose current application's status is such, in their order. */
    List<UUID> whose(List<UUID> enterprises, Predicate<ApplicationStatus> status) {
        var statuses = desk.currentStatuses(enterprises);
        return enterprises.stream()
                .filter(id -> statuses.get(id) != null && status.test(statuses.get(id)))
                .toList();
    }

    /** Those of the enterprises whose current application lets them work, in their order. */
    List<UUID> working(List<UUID> enterprises) {
        return whose(enterprises, ApplicationStatus::permitsWork);
    }
}
