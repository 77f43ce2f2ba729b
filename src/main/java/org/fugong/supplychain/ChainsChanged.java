package org.fugong.supplychain;

import java.util.List;
import java.util.UUID;

/**
 * Leads whose standing changed after a status change somewhere in their chains: whether each can
 * run now, and whether every part it needs has a supplier that can (for the dashboard).
 */
public record ChainsChanged(List<Lead> leads) {

    public record Lead(UUID leadId, boolean canRun, boolean suppliersReady) {}
}
