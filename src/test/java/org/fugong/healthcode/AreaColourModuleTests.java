package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.fugong.access.Actor;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The health code on its own (with the modules it depends on): when the risk map turns a district
 * red, the codes of those who declared a stay there turn red once the risk map's change commits —
 * through the risk map's event, not through a call from the risk map.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "database")
@ActiveProfiles("test")
class AreaColourModuleTests {

    @Autowired
    Persons persons;

    @Autowired
    Declarations declarations;

    @Autowired
    RiskMapDesk riskMap;

    @Test
    void aDistrictTurningRedTurnsTheCodesOfThoseWhoStayedThereRed(Scenario scenario) {
        UUID person = persons.identify(HealthCodeTests.residentId(new Random()), "秦八", "13800006666")
                .id();
        declarations.declare(
                person,
                new Declarations.DeclarationInput(List.of("330225"), false, CodeRules.Symptoms.NONE, 36.5, null));
        assertThat(persons.colour(person)).isEqualTo(CodeColour.GREEN);
        Actor city = Actor.system("module-test", "330200");
        AtomicReference<UUID> override = new AtomicReference<>();
        try {
            scenario.stimulate(() -> override.set(riskMap.override(
                                    city,
                                    "330225",
                                    RiskColour.RED,
                                    "module test",
                                    Instant.now().plus(Duration.ofHours(1)))
                            .id()))
                    .andWaitForStateChange(() -> persons.colour(person), colour -> colour == CodeColour.RED)
                    .andVerify(colour -> assertThat(colour).isEqualTo(CodeColour.RED));
        } finally {
            if (override.get() != null) {
                riskMap.endOverride(city, override.get());
            }
        }
    }
}
