package org.fugong.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationInput;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.Review;
import org.fugong.geography.Geography;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskColourChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The applications module on its own (with the modules it depends on, not the rest): a colour change
 * the risk map announces reaches it as an event after the risk map's commit, and it flags the
 * district's working enterprises for review.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "database")
@ActiveProfiles("test")
class ColourChangeModuleTests {

    /** A day long past, so that the flags this test raises are told apart from any other. */
    static final LocalDate DAY = LocalDate.of(2020, 1, 2);

    @Autowired
    EnterpriseDirectory directory;

    @Autowired
    ApplicationDesk desk;

    @Autowired
    ApplicationReview review;

    @Autowired
    Checklist checklist;

    @Autowired
    Geography geography;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clearTheFlagsOfThisTest() {
        jdbc.sql("update resumption_application set flagged = false, flag_reason = null where flag_reason = ?")
                .param(RiskColour.RED.name() + " · " + DAY)
                .update();
    }

    @Test
    void aDistrictTurningRedFlagsItsWorkingEnterprisesOnceTheRiskMapCommits(Scenario scenario) {
        String district = "330212";
        Application approved = approvedApplicationIn(district);
        assertThat(approved.flagged()).isFalse();

        scenario.publish(new RiskColourChanged(district, district, DAY, RiskColour.GREEN, RiskColour.RED))
                .andWaitForStateChange(
                        () -> desk.get(Scope.city(), approved.id()).flagged(), flagged -> flagged)
                .andVerify(flagged -> assertThat(flagged).isTrue());
        assertThat(desk.get(Scope.city(), approved.id()).flagReason()).isEqualTo("RED · " + DAY);
    }

    @Test
    void aTownshipTurningRedLeavesTheDistrictsEnterprisesAlone(Scenario scenario) {
        String district = "330212";
        Application approved = approvedApplicationIn(district);
        String township = geography.townships(district).get(0).code();
        scenario.publish(new RiskColourChanged(township, district, DAY, RiskColour.GREEN, RiskColour.RED))
                .andWaitForEventOfType(RiskColourChanged.class)
                .toArrive();
        assertThat(desk.get(Scope.city(), approved.id()).flagged()).isFalse();
    }

    private Application approvedApplicationIn(String district) {
        UUID id = directory
                .registerAll(List.of(new NewEnterprise(
                        uscc(district),
                        "模块测试企业" + new Random().nextInt(1_000_000),
                        "周九",
                        district,
                        null,
                        IndustrySection.C,
                        EnterpriseSize.SMALL,
                        false,
                        30)))
                .get(0);
        Actor owner = new Actor(
                UUID.randomUUID(),
                "module-test",
                "周九",
                Role.ENTERPRISE,
                "330200",
                district,
                null,
                id,
                true,
                false,
                false,
                null);
        Map<String, String> measures = new HashMap<>();
        checklist
                .active()
                .forEach(item -> measures.put(item.code(), item.kind() == Checklist.Kind.DAYS ? "30" : "true"));
        Application filed = desk.save(
                owner,
                Scope.enterprise(id),
                null,
                null,
                new ApplicationInput(
                        LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1), 20, 0, 0, measures, "周九", true),
                true);
        if (filed.status() == ApplicationStatus.APPROVED) {
            return filed;
        }
        return review.decide(
                Actor.system("module-test", "330200"),
                Scope.city(),
                filed.id(),
                filed.version(),
                new Review(Review.Outcome.APPROVE, Map.of(), null));
    }

    private static String uscc(String district) {
        String organisation =
                String.format("%08d", new Random().nextInt(100_000_000)).replace('0', 'A');
        return UnifiedSocialCreditCode.compose('9', '1', district, organisation);
    }
}
