package org.fugong.transport.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The vehicles the bureau can charter: buses (rated seats, crew, cost per kilometre, the days they
 * are free) and trains and flights (seats, the origin they leave from, their day).
 */
@Service
public class Fleet {

    /** A vehicle. */
    public record Vehicle(
            UUID id,
            String kind,
            String label,
            String operator,
            int ratedSeats,
            int drivers,
            BigDecimal costPerKm,
            LocalDate availableFrom,
            LocalDate availableTo,
            @Nullable String originCode,
            @Nullable LocalDate departsOn) {}

    /** What the form asks for; text, checked here. */
    public record NewVehicle(
            @Nullable String kind,
            @Nullable String label,
            @Nullable String operator,
            @Nullable String ratedSeats,
            @Nullable String drivers,
            @Nullable String costPerKm,
            @Nullable String availableFrom,
            @Nullable String availableTo,
            @Nullable String originCode,
            @Nullable String departsOn,
            @Nullable String count) {}

    private final JdbcClient jdbc;
    private final Bureau bureau;
    private final Counties counties;
    private final AuditTrail audit;
    private final Clock clock;

    Fleet(JdbcClient jdbc, Bureau bureau, Counties counties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.bureau = bureau;
        this.counties = counties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Vehicle> all() {
        return jdbc.sql("""
                        select id, kind, label, operator, rated_seats, drivers, cost_per_km, available_from, available_to,
                               origin_code, departs_on
                        from transport_vehicle order by kind, available_from, label""").query(Vehicle.class).list();
    }

    /** The vehicles free on some day of the period. */
    @Transactional(readOnly = true)
    public List<Vehicle> availableIn(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select id, kind, label, operator, rated_seats, drivers, cost_per_km, available_from, available_to,
                               origin_code, departs_on
                        from transport_vehicle where available_from <= ? and available_to >= ? order by label""").params(to, from).query(Vehicle.class).list();
    }

    /** Adds a vehicle (or several alike, numbered): the bureau and the city only. */
    @Transactional
    public int add(Scope scope, NewVehicle form) {
        bureau.checkPlanner(scope);
        Map<String, String> problems = new LinkedHashMap<>();
        String kind = form.kind() == null ? "" : form.kind().trim().toUpperCase(Locale.ROOT);
        if (!List.of("BUS", "TRAIN", "FLIGHT").contains(kind)) {
            problems.put("kind", "transport.error.required");
        }
        String label = FormFields.text(form.label(), "label", 100, problems);
        String operator = FormFields.text(form.operator(), "operator", 200, problems);
        int seats = FormFields.integer(form.ratedSeats(), "ratedSeats", 1, 2000, "transport.error.number", problems);
        int drivers = kind.equals("BUS")
                ? FormFields.integer(form.drivers(), "drivers", 1, 6, "transport.error.number", problems)
                : 0;
        BigDecimal cost = BigDecimal.ZERO;
        if (form.costPerKm() != null && !form.costPerKm().isBlank()) {
            cost = FormFields.decimal(form.costPerKm(), "costPerKm", problems);
            if (cost != null && cost.signum() < 0) {
                problems.put("costPerKm", "transport.error.number");
            }
        }
        int count = form.count() == null || form.count().isBlank()
                ? 1
                : FormFields.integer(form.count(), "count", 1, 1000, "transport.error.number", problems);
        String origin = null;
        LocalDate departs = null;
        LocalDate from = null;
        LocalDate to = null;
        if (kind.equals("BUS")) {
            from = FormFields.date(form.availableFrom(), "availableFrom", problems);
            to = FormFields.date(form.availableTo(), "availableTo", problems);
            if (from != null && to != null && to.isBefore(from)) {
                problems.put("availableTo", "transport.error.windowOrder");
            }
        } else if (!kind.isEmpty()) {
            origin = form.originCode() == null ? "" : form.originCode().trim();
            if (counties.find(origin).isEmpty()) {
                problems.put("originCode", "transport.error.unknownCounty");
            }
            departs = FormFields.date(form.departsOn(), "departsOn", problems);
            from = departs;
            to = departs;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (int i = 1; i <= count; i++) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into transport_vehicle (id, kind, label, operator, rated_seats, drivers, cost_per_km,
                                                           available_from, available_to, origin_code, departs_on, unit, created_at)
                            values (:id, :kind, :label, :operator, :seats, :drivers, :cost, :from, :to, :origin, :departs, :unit, :at)""")
                    .param("id", id)
                    .param("kind", kind)
                    .param("label", count == 1 ? label : label + "-" + i)
                    .param("operator", operator)
                    .param("seats", seats)
                    .param("drivers", drivers)
                    .param("cost", cost)
                    .param("from", from)
                    .param("to", to)
                    .param("origin", origin)
                    .param("departs", departs)
                    .param("unit", bureau.unit())
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        }
        audit.record(AuditEntry.of("transport", "TransportVehicle", label, "TRANSPORT_VEHICLES_ADDED")
                .change(null, Map.of("kind", kind, "count", count, "ratedSeats", seats)));
        return count;
    }
}
