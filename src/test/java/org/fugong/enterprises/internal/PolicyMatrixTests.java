package org.fugong.enterprises.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.riskmap.RiskColour;
import org.junit.jupiter.api.Test;

/**
 * The policy matrix's exception for a key lead's chain (四同步): its suppliers are ruled by the
 * KEY_CHAIN_SUPPLIER row when that row is more lenient than their own category's, never stricter.
 */
class PolicyMatrixTests {

    private static final EnterpriseSummary FACTORY = new EnterpriseSummary(
            UUID.randomUUID(),
            "91330203MA2AAAAAA0",
            "配套厂",
            "张三",
            "330203",
            null,
            IndustrySection.C,
            EnterpriseSize.SMALL,
            true,
            80,
            false,
            null,
            null,
            null,
            null);

    private static Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells(
            PolicyDecision general, PolicyDecision keyChain) {
        Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells = new EnumMap<>(RiskColour.class);
        for (RiskColour colour : RiskColour.values()) {
            Map<PolicyCategory, PolicyDecision> row = new EnumMap<>(PolicyCategory.class);
            for (PolicyCategory category : PolicyCategory.values()) {
                row.put(category, PolicyDecision.REVIEW);
            }
            row.put(PolicyCategory.GENERAL, general);
            row.put(PolicyCategory.KEY_CHAIN_SUPPLIER, keyChain);
            cells.put(colour, row);
        }
        return cells;
    }

    @Test
    void aKeyChainSupplierPassesAColourThatWouldHoldIt() {
        var held = PolicyMatrix.rule(
                cells(PolicyDecision.HOLD, PolicyDecision.REVIEW), FACTORY, RiskColour.RED, List.of(), false);
        assertThat(held.decision()).isEqualTo(PolicyDecision.HOLD);
        assertThat(held.category()).isEqualTo(PolicyCategory.GENERAL);
        var passed = PolicyMatrix.rule(
                cells(PolicyDecision.HOLD, PolicyDecision.REVIEW), FACTORY, RiskColour.RED, List.of(), true);
        assertThat(passed.decision()).isEqualTo(PolicyDecision.REVIEW);
        assertThat(passed.category()).isEqualTo(PolicyCategory.KEY_CHAIN_SUPPLIER);
    }

    @Test
    void theChainRowNeverMakesASupplierStricterAndUnmetMeasuresStillNeedAReview() {
        var own = PolicyMatrix.rule(
                cells(PolicyDecision.AUTO_APPROVE, PolicyDecision.REVIEW), FACTORY, RiskColour.GREEN, List.of(), true);
        assertThat(own.decision()).isEqualTo(PolicyDecision.AUTO_APPROVE);
        assertThat(own.category()).isEqualTo(PolicyCategory.GENERAL);
        var chain = PolicyMatrix.rule(
                cells(PolicyDecision.HOLD, PolicyDecision.AUTO_APPROVE),
                FACTORY,
                RiskColour.ORANGE,
                List.of("MASKS"),
                true);
        assertThat(chain.category()).isEqualTo(PolicyCategory.KEY_CHAIN_SUPPLIER);
        assertThat(chain.decision()).isEqualTo(PolicyDecision.REVIEW);
    }
}
