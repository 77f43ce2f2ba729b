package org.fugong.riskmap.internal;

import java.util.Arrays;

/**
 * A unit's figures for the days up to the assessed day (index 0 the oldest, the last the day
 * itself). Days without a report are zero new cases with the cumulative figure carried forward.
 */
public record UnitHistory(
        int[] newLocal, int[] newImported, int[] newAsymptomatic, int activeClusters, int cumulativeConfirmed) {

    public UnitHistory {
        if (newLocal.length != newImported.length
                || newLocal.length != newAsymptomatic.length
                || newLocal.length == 0) {
            throw new IllegalArgumentException("Histories must have the same, non-zero length");
        }
    }

    public int days() {
        return newLocal.length;
    }

    int newCases(int index) {
        return newLocal[index] + newImported[index] + newAsymptomatic[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitHistory h
                && Arrays.equals(newLocal, h.newLocal)
                && Arrays.equals(newImported, h.newImported)
                && Arrays.equals(newAsymptomatic, h.newAsymptomatic)
                && activeClusters == h.activeClusters
                && cumulativeConfirmed == h.cumulativeConfirmed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(newLocal) * 31 + cumulativeConfirmed;
    }

    @Override
    public String toString() {
        return "UnitHistory[" + days() + " days, cumulative " + cumulativeConfirmed + "]";
    }
}
