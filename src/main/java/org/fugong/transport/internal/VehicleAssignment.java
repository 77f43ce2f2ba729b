package org.fugong.transport.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Gives the planned bus trips their vehicles, in order of arrival: a bus of the trip's class (its
 * usable seats, at least its crew) that is available on the days the trip takes and back from its
 * previous trip. A trip no bus can take stays without one, for the bureau to charter.
 */
final class VehicleAssignment {

    private final List<Fleet.Vehicle> buses;
    private final TransportRules.Rules rules;
    private final Map<UUID, LocalDate> freeFrom = new HashMap<>();

    VehicleAssignment(List<Fleet.Vehicle> buses, TransportRules.Rules rules) {
        this.buses = new ArrayList<>(buses);
        this.rules = rules;
    }

    /** The days a trip holds its bus before arriving: the drive out and back with passengers, at the crew's pace. */
    static int daysOut(int distanceKm, int drivers, TransportRules.Rules rules) {
        double perDay = rules.speedKmh() * rules.drivingHours().doubleValue() * Math.max(1, drivers);
        return (int) Math.ceil(distanceKm / perDay);
    }

    @Nullable UUID assign(TripSlot slot, LocalDate arrive) {
        for (Fleet.Vehicle bus : buses) {
            if (rules.usableSeats(bus.ratedSeats()) != slot.capacity() || bus.drivers() < slot.drivers()) {
                continue;
            }
            LocalDate start = arrive.minusDays(daysOut(slot.distanceKm(), bus.drivers(), rules));
            LocalDate free = freeFrom.get(bus.id());
            if (bus.availableFrom().isAfter(start)
                    || bus.availableTo().isBefore(arrive)
                    || (free != null && free.isAfter(start))) {
                continue;
            }
            freeFrom.put(bus.id(), arrive.plusDays(1));
            return bus.id();
        }
        return null;
    }
}
