package org.fugong.transport.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transport rules as data, versioned: the share of rated seats a charter may use, the rows kept
 * empty as an observation zone, the road factor on great-circle distance, the speed, each driver's
 * daily driving, how far apart one bus's pickups may be, and the distance above which a train or a
 * flight is suggested.
 */
@Service
public class TransportRules {

    /** One version of the rules. */
    public record Rules(
            int version,
            LocalDate effectiveFrom,
            BigDecimal usableShare,
            int observationRows,
            int seatsPerRow,
            BigDecimal roadFactor,
            int speedKmh,
            BigDecimal drivingHours,
            int pickupRadiusKm,
            int railThresholdKm,
            String reason,
            String createdBy) {

        /**
         * The seats a bus may use: at most the usable share of its rated seats, and none in the rows
         * kept as an observation zone (passengers sit apart in the front rows, so the stricter of the two).
         */
        public int usableSeats(int ratedSeats) {
            int byShare = usableShare.multiply(BigDecimal.valueOf(ratedSeats)).intValue();
            int byRows = ratedSeats - observationRows * seatsPerRow;
            return Math.max(0, Math.min(byShare, byRows));
        }

        public TripSlot.Limits limits() {
            return new TripSlot.Limits(pickupRadiusKm, speedKmh, drivingHours.doubleValue());
        }
    }

    private final JdbcClient jdbc;
    private final Bureau bureau;
    private final AuditTrail audit;
    private final Clock clock;

    TransportRules(JdbcClient jdbc, Bureau bureau, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.bureau = bureau;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules in force on a day: the latest version effective by then (the first one before any). */
    @Transactional(readOnly = true)
    public Rules on(LocalDate day) {
        return jdbc.sql("""
                        select * from transport_rules
                        order by (effective_from <= ?) desc, case when effective_from <= ? then effective_from end desc nulls last,
                                 version
                        limit 1""").params(day, day).query(Rules.class).single();
    }

    /** One version, as a plan made under it keeps it. */
    @Transactional(readOnly = true)
    public Rules version(int version) {
        return jdbc.sql("select * from transport_rules where version = ?")
                .param(version)
                .query(Rules.class)
                .single();
    }

    @Transactional(readOnly = true)
    public List<Rules> versions() {
        return jdbc.sql("select * from transport_rules order by version desc")
                .query(Rules.class)
                .list();
    }

    /** A new version (the city and the bureau only); the old ones stay for the plans made under them. */
    @Transactional
    public Rules add(Actor actor, Scope scope, RulesForm form) {
        bureau.checkPlanner(scope);
        form.check();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from transport_rules")
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into transport_rules values
                        (:version, :from, :share, :rows, :perRow, :factor, :speed, :hours, :radius, :rail, :reason, :by, :at)""")
                .params(Map.ofEntries(
                        Map.entry("version", version),
                        Map.entry("from", form.effectiveFrom()),
                        Map.entry("share", form.usableShare()),
                        Map.entry("rows", form.observationRows()),
                        Map.entry("perRow", form.seatsPerRow()),
                        Map.entry("factor", form.roadFactor()),
                        Map.entry("speed", form.speedKmh()),
                        Map.entry("hours", form.drivingHours()),
                        Map.entry("radius", form.pickupRadiusKm()),
                        Map.entry("rail", form.railThresholdKm()),
                        Map.entry("reason", form.reason().trim()),
                        Map.entry("by", actor.getUsername()),
                        Map.entry("at", Timestamp.from(clock.instant()))))
                .update();
        audit.record(AuditEntry.of("transport", "TransportRules", version, "TRANSPORT_RULES_ADDED")
                .change(
                        null,
                        Map.of(
                                "effectiveFrom", form.effectiveFrom().toString(),
                                "usableShare", form.usableShare().toPlainString(),
                                "observationRows", form.observationRows(),
                                "reason", form.reason().trim())));
        return versions().get(0);
    }

    /** What an official enters for a new version. */
    public record RulesForm(
            @Nullable LocalDate effectiveFrom,
            @Nullable BigDecimal usableShare,
            int observationRows,
            int seatsPerRow,
            @Nullable BigDecimal roadFactor,
            int speedKmh,
            @Nullable BigDecimal drivingHours,
            int pickupRadiusKm,
            int railThresholdKm,
            String reason) {

        /** The form as typed: what cannot be read is refused at its field. */
        public static RulesForm parse(
                @Nullable String effectiveFrom,
                @Nullable String usableShare,
                @Nullable String observationRows,
                @Nullable String seatsPerRow,
                @Nullable String roadFactor,
                @Nullable String speedKmh,
                @Nullable String drivingHours,
                @Nullable String pickupRadiusKm,
                @Nullable String railThresholdKm,
                @Nullable String reason) {
            Map<String, String> problems = new LinkedHashMap<>();
            LocalDate from = FormFields.date(effectiveFrom, "effectiveFrom", problems);
            RulesForm form = new RulesForm(
                    from,
                    FormFields.decimal(usableShare, "usableShare", problems),
                    FormFields.integer(
                            observationRows,
                            "observationRows",
                            Integer.MIN_VALUE,
                            Integer.MAX_VALUE,
                            "transport.error.number",
                            problems),
                    FormFields.integer(
                            seatsPerRow,
                            "seatsPerRow",
                            Integer.MIN_VALUE,
                            Integer.MAX_VALUE,
                            "transport.error.number",
                            problems),
                    FormFields.decimal(roadFactor, "roadFactor", problems),
                    FormFields.integer(
                            speedKmh,
                            "speedKmh",
                            Integer.MIN_VALUE,
                            Integer.MAX_VALUE,
                            "transport.error.number",
                            problems),
                    FormFields.decimal(drivingHours, "drivingHours", problems),
                    FormFields.integer(
                            pickupRadiusKm,
                            "pickupRadiusKm",
                            Integer.MIN_VALUE,
                            Integer.MAX_VALUE,
                            "transport.error.number",
                            problems),
                    FormFields.integer(
                            railThresholdKm,
                            "railThresholdKm",
                            Integer.MIN_VALUE,
                            Integer.MAX_VALUE,
                            "transport.error.number",
                            problems),
                    reason == null ? "" : reason);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return form;
        }

        void check() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (effectiveFrom == null) {
                problems.put("effectiveFrom", "transport.error.required");
            }
            if (usableShare == null || usableShare.signum() <= 0 || usableShare.compareTo(BigDecimal.ONE) > 0) {
                problems.put("usableShare", "transport.rules.error.share");
            }
            if (observationRows < 0 || observationRows > 10) {
                problems.put("observationRows", "transport.rules.error.range");
            }
            if (seatsPerRow < 1 || seatsPerRow > 10) {
                problems.put("seatsPerRow", "transport.rules.error.range");
            }
            if (roadFactor == null
                    || roadFactor.compareTo(BigDecimal.ONE) < 0
                    || roadFactor.compareTo(BigDecimal.valueOf(3)) > 0) {
                problems.put("roadFactor", "transport.rules.error.factor");
            }
            if (speedKmh < 10 || speedKmh > 120) {
                problems.put("speedKmh", "transport.rules.error.range");
            }
            if (drivingHours == null
                    || drivingHours.signum() <= 0
                    || drivingHours.compareTo(BigDecimal.valueOf(12)) > 0) {
                problems.put("drivingHours", "transport.rules.error.range");
            }
            if (pickupRadiusKm < 0 || pickupRadiusKm > 1000) {
                problems.put("pickupRadiusKm", "transport.rules.error.range");
            }
            if (railThresholdKm < 100 || railThresholdKm > 5000) {
                problems.put("railThresholdKm", "transport.rules.error.range");
            }
            if (reason == null || reason.isBlank() || reason.length() > 500) {
                problems.put("reason", "transport.error.required");
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
    }
}
