package org.fugong.riskmap;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.riskmap.internal.Breakdown;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.riskmap.internal.Overrides;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reads the map: the colours of a day, a unit's explanation, the history, the figures entered. */
@Service
public class RiskMap {

    /** A unit's colour on a day, with what made it and whether a hand-set colour holds it. */
    public record UnitColour(
            MapUnit unit,
            RiskColour colour,
            @Nullable RiskColour computed,
            double score,
            int ruleSetVersion,
            @Nullable Breakdown breakdown,
            Overrides.@Nullable Override override) {

        public boolean overridden() {
            return override != null;
        }
    }

    /** A unit's figures for a day, as entered (version 0 when none were). */
    public record Figures(
            MapUnit unit,
            LocalDate day,
            int newLocal,
            int newImported,
            int newAsymptomatic,
            int activeClusters,
            int cumulativeConfirmed,
            @Nullable Integer population,
            long version,
            @Nullable String updatedBy) {}

    private final JdbcClient jdbc;
    private final MapUnits units;
    private final Overrides overrides;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;

    RiskMap(JdbcClient jdbc, MapUnits units, Overrides overrides, JsonMapper json, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.overrides = overrides;
        this.json = json;
        this.times = times;
        this.clock = clock;
    }

    /** Every unit's colour on a day; an override counts if it held the unit at the end of that day (or now). */
    @Transactional(readOnly = true)
    public List<UnitColour> colours(LocalDate day) {
        Map<String, Object[]> stored = new HashMap<>();
        jdbc.sql("select unit_code, colour, score, rule_set_version, breakdown::text from risk_colour where day = ?")
                .param(Date.valueOf(day))
                .query((rs, n) -> stored.put(rs.getString(1), new Object[] {
                    RiskColour.valueOf(rs.getString(2)), rs.getDouble(3), rs.getInt(4), rs.getString(5)
                }))
                .list();
        Map<String, Overrides.Override> held = new HashMap<>();
        overrides.active(instantFor(day)).forEach(o -> held.put(o.unitCode(), o));
        List<UnitColour> colours = new ArrayList<>();
        for (MapUnit unit : units.all()) {
            Object[] row = stored.get(unit.code());
            Overrides.Override override = held.get(unit.code());
            RiskColour computed = row == null ? null : (RiskColour) row[0];
            RiskColour colour = override != null ? override.colour() : computed == null ? RiskColour.GREEN : computed;
            colours.add(new UnitColour(
                    unit,
                    colour,
                    computed,
                    row == null ? 0 : (double) row[1],
                    row == null ? 0 : (int) row[2],
                    row == null ? null : json.readValue((String) row[3], Breakdown.class),
                    override));
        }
        return colours;
    }

    /** A district's current colour, for other modules (applications, health codes). */
    @Transactional(readOnly = true)
    public RiskColour currentColour(String unitCode) {
        LocalDate today = times.today();
        // The same answer as colours(today) for one unit, without reading every unit's colour.
        return overrides.active(instantFor(today)).stream()
                .filter(o -> o.unitCode().equals(unitCode))
                .findFirst()
                .map(Overrides.Override::colour)
                .or(() -> jdbc.sql("select colour from risk_colour where day = ? and unit_code = ?")
                        .params(Date.valueOf(today), unitCode)
                        .query(String.class)
                        .optional()
                        .map(RiskColour::valueOf))
                .orElse(RiskColour.GREEN);
    }

    /** The colours of every unit for a range of days, for replaying history: day → unit → colour. */
    @Transactional(readOnly = true)
    public Map<LocalDate, Map<String, RiskColour>> history(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, RiskColour>> history = new LinkedHashMap<>();
        jdbc.sql("select day, unit_code, colour from risk_colour where day between ? and ? order by day")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> history.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new HashMap<>())
                        .put(rs.getString(2), RiskColour.valueOf(rs.getString(3))))
                .list();
        return history;
    }

    /** The first day of every month in which some unit was not green, newest first: the periods worth replaying. */
    @Transactional(readOnly = true)
    public List<LocalDate> activeMonths() {
        return jdbc.sql("""
                        select distinct cast(date_trunc('month', day) as date) from risk_colour
                        where colour <> 'GREEN' order by 1 desc""").query(LocalDate.class).list();
    }

    /** The figures of a district and its townships for a day, as the entry form shows them. */
    @Transactional(readOnly = true)
    public List<Figures> figures(String districtCode, LocalDate day) {
        Map<String, Figures> entered = new HashMap<>();
        jdbc.sql("""
                        select unit_code, new_local, new_imported, new_asymptomatic, active_clusters, cumulative_confirmed,
                               population, version, updated_by
                        from risk_indicator where district_code = ? and day = ?""")
                .params(districtCode, Date.valueOf(day))
                .query((rs, n) -> {
                    MapUnit unit = units.find(rs.getString("unit_code")).orElse(null);
                    if (unit != null) {
                        entered.put(
                                unit.code(),
                                new Figures(
                                        unit,
                                        day,
                                        rs.getInt("new_local"),
                                        rs.getInt("new_imported"),
                                        rs.getInt("new_asymptomatic"),
                                        rs.getInt("active_clusters"),
                                        rs.getInt("cumulative_confirmed"),
                                        (Integer) rs.getObject("population"),
                                        rs.getLong("version"),
                                        rs.getString("updated_by")));
                    }
                    return null;
                })
                .list();
        // Units without figures that day start from their last cumulative figure: one query for all.
        Map<String, Integer> carried = new HashMap<>();
        jdbc.sql("""
                        select distinct on (unit_code) unit_code, cumulative_confirmed from risk_indicator
                        where district_code = ? and day < ? order by unit_code, day desc""")
                .params(districtCode, Date.valueOf(day))
                .query((rs, n) -> carried.put(rs.getString(1), rs.getInt(2)))
                .list();
        List<Figures> figures = new ArrayList<>();
        List<MapUnit> district = new ArrayList<>();
        units.find(districtCode).ifPresent(district::add);
        district.addAll(units.townships(districtCode));
        for (MapUnit unit : district) {
            figures.add(entered.getOrDefault(
                    unit.code(),
                    new Figures(unit, day, 0, 0, 0, 0, carried.getOrDefault(unit.code(), 0), null, 0, null)));
        }
        return figures;
    }

    private Instant instantFor(LocalDate day) {
        Instant endOfDay = times.startOfDay(day.plusDays(1)).minusSeconds(1);
        Instant now = clock.instant();
        return endOfDay.isAfter(now) ? now : endOfDay;
    }
}
