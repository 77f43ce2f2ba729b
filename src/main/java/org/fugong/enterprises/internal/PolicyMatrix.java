package org.fugong.enterprises.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.riskmap.RiskColour;
import org.fugong.shell.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 复工图与疫情图相匹配: the district's risk colour × the enterprise's policy category → approve on
 * filing, review, or hold. City officials edit the matrix; the ruling and its reasons are kept
 * on each application and shown to the enterprise and the reviewer.
 */
@Service
public class PolicyMatrix {

    /**
     * The matrix's answer for one enterprise: the cell it read, and the measures that were not
     * in place (an application that lacks one is reviewed even where the cell approves on filing).
     */
    public record Ruling(PolicyDecision cell, RiskColour colour, PolicyCategory category, List<String> unmetMeasures) {
        public PolicyDecision decision() {
            return cell == PolicyDecision.AUTO_APPROVE && !unmetMeasures.isEmpty() ? PolicyDecision.REVIEW : cell;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    PolicyMatrix(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The whole matrix, colour by colour from green to red. */
    @Transactional(readOnly = true)
    public Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells() {
        Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells = new EnumMap<>(RiskColour.class);
        for (RiskColour colour : RiskColour.values()) {
            Map<PolicyCategory, PolicyDecision> row = new EnumMap<>(PolicyCategory.class);
            for (PolicyCategory category : PolicyCategory.values()) {
                row.put(category, PolicyDecision.REVIEW);
            }
            cells.put(colour, row);
        }
        jdbc.sql("select colour, category, decision from resumption_policy")
                .query((rs, n) -> cells.get(RiskColour.valueOf(rs.getString(1)))
                        .put(PolicyCategory.valueOf(rs.getString(2)), PolicyDecision.valueOf(rs.getString(3))))
                .list();
        return cells;
    }

    public Ruling rule(EnterpriseSummary enterprise, RiskColour colour, List<String> unmetMeasures, boolean keyChain) {
        return rule(cells(), enterprise, colour, unmetMeasures, keyChain);
    }

    /**
     * The ruling from a matrix already read, for ruling on many applications at once. A supplier in
     * a key lead's chain filing ({@code keyChain}) is ruled by the KEY_CHAIN_SUPPLIER row when that
     * row is more lenient than its own category's.
     */
    public static Ruling rule(
            Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells,
            EnterpriseSummary enterprise,
            RiskColour colour,
            List<String> unmetMeasures,
            boolean keyChain) {
        PolicyCategory category = PolicyCategory.of(enterprise);
        PolicyDecision cell = cells.get(colour).get(category);
        PolicyDecision chain = cells.get(colour).get(PolicyCategory.KEY_CHAIN_SUPPLIER);
        if (keyChain && chain.ordinal() < cell.ordinal()) {
            return new Ruling(chain, colour, PolicyCategory.KEY_CHAIN_SUPPLIER, List.copyOf(unmetMeasures));
        }
        return new Ruling(cell, colour, category, List.copyOf(unmetMeasures));
    }

    /** A short fingerprint of the matrix, carried by the edit form to refuse a stale save. */
    @Transactional(readOnly = true)
    public String fingerprint() {
        return Integer.toHexString(cells().toString().hashCode());
    }

    /** Replaces cells (city officials only); every changed cell is audited. */
    @Transactional
    public int update(Actor actor, Map<RiskColour, Map<PolicyCategory, PolicyDecision>> changes, String fingerprint) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials edit the policy matrix");
        }
        jdbc.sql("lock table resumption_policy in share row exclusive mode").update();
        if (!fingerprint().equals(fingerprint)) {
            throw new StaleVersionException();
        }
        var current = cells();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        changes.forEach((colour, row) -> row.forEach((category, decision) -> {
            PolicyDecision was = current.get(colour).get(category);
            if (was != decision) {
                jdbc.sql("""
                                insert into resumption_policy (colour, category, decision) values (?, ?, ?)
                                on conflict (colour, category) do update set decision = excluded.decision""")
                        .params(colour.name(), category.name(), decision.name())
                        .update();
                before.put(colour + "/" + category, was.name());
                after.put(colour + "/" + category, decision.name());
            }
        }));
        if (!after.isEmpty()) {
            audit.record(AuditEntry.of("enterprises", "PolicyMatrix", null, "POLICY_MATRIX_CHANGED")
                    .change(before, after));
        }
        return after.size();
    }
}
