package org.fugong.enterprises.applications;

import java.util.UUID;

/**
 * An application moved from one status to another (approved, resumed, held back, suspended, …),
 * published in the transaction of the move: for modules whose answers depend on who may work (the
 * supply chains, the dashboard).
 */
public record ApplicationStatusChanged(
        UUID applicationId, UUID enterpriseId, String districtCode, ApplicationStatus from, ApplicationStatus to) {}
