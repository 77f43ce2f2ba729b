package org.fugong.enterprises.applications;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fugong.riskmap.RiskColour;
import org.jspecify.annotations.Nullable;

/**
 * A return-to-work application (复工申请) as the enterprise, the reviewer and the API see it. The
 * policy fields are the matrix's last ruling on it; {@code verdicts} are the reviewer's per
 * checklist item.
 */
public record Application(
        UUID id,
        UUID enterpriseId,
        String enterpriseName,
        String enterpriseUscc,
        String districtCode,
        boolean current,
        ApplicationStatus status,
        @Nullable LocalDate plannedDate,
        @Nullable Integer staffLocal,
        @Nullable Integer staffOtherProvinces,
        @Nullable Integer staffRiskAreas,
        Map<String, String> measures,
        @Nullable String commitmentName,
        @Nullable Instant commitmentAt,
        @Nullable PolicyDecision policyDecision,
        @Nullable RiskColour policyColour,
        @Nullable PolicyCategory policyCategory,
        Map<String, ItemVerdict> verdicts,
        @Nullable String remark,
        @Nullable String reviewer,
        boolean flagged,
        @Nullable String flagReason,
        @Nullable Instant submittedAt,
        @Nullable Instant decidedAt,
        @Nullable LocalDate validFrom,
        @Nullable LocalDate validUntil,
        @Nullable Instant resumedAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable ChainMark chain) {

    /**
     * The lead whose chain filing started or linked this application: its name, the importance of
     * what this enterprise supplies to it, and whether the lead is a key enterprise.
     */
    public record ChainMark(UUID leadId, String leadName, String importance, boolean keyLead) {}

    /** Filed with a key lead's chain: the policy matrix's key-chain row may apply to it. */
    public boolean keyChain() {
        return chain != null && chain.keyLead();
    }

    /** A reviewer's verdict on one checklist item: in order, or what must change. */
    public record ItemVerdict(boolean ok, @Nullable String remark) {}

    public int staffOnSite() {
        return nz(staffLocal) + nz(staffOtherProvinces) + nz(staffRiskAreas);
    }

    /** How long it has waited for a decision, if it is waiting. */
    public @Nullable Duration waiting(Instant now) {
        return status.pending() && submittedAt != null ? Duration.between(submittedAt, now) : null;
    }

    /** An approval whose window has passed without the enterprise reopening. */
    public boolean expired(LocalDate today) {
        return status == ApplicationStatus.APPROVED && validUntil != null && today.isAfter(validUntil);
    }

    public boolean held() {
        return status.pending() && policyDecision == PolicyDecision.HOLD;
    }

    private static int nz(@Nullable Integer value) {
        return value == null ? 0 : value;
    }
}
