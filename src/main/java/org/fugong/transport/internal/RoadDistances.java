package org.fugong.transport.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Road distances that replace great circle × road factor where they are known: a file of
 * {@code from_code,to_code,km} (county codes, or {@code CITY} for the city's hub; a pair counts both
 * ways unless the file gives the other way too), checked whole and loaded as a whole.
 */
@Service
public class RoadDistances {

    public static final List<String> HEADER = List.of("from_code", "to_code", "km");
    public static final String CITY = "CITY";
    /** Lines one distance file may have (3,000 counties to the city, and between nearby ones). */
    static final int MAX_LINES = 100_000;

    private final JdbcClient jdbc;
    private final Counties counties;
    private final Bureau bureau;
    private final AuditTrail audit;

    RoadDistances(JdbcClient jdbc, Counties counties, Bureau bureau, AuditTrail audit) {
        this.jdbc = jdbc;
        this.counties = counties;
        this.bureau = bureau;
        this.audit = audit;
    }

    /** Replaces the distances with a file's; every line's problems, nothing saved if one is wrong. */
    @Transactional
    public int load(Scope scope, String filename, byte[] content) {
        bureau.checkPlanner(scope);
        List<List<String>> lines = FormFields.lines(filename, content, HEADER, MAX_LINES);
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        Map<String, Integer> pairs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size() && problems.size() < 50; i++) {
            List<String> cells = lines.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            String from = TabularFile.cell(cells, 0);
            String to = TabularFile.cell(cells, 1);
            Map<String, String> lineProblems = new LinkedHashMap<>();
            for (String[] place : new String[][] {{"from_code", from}, {"to_code", to}}) {
                if (!place[1].equals(CITY) && counties.find(place[1]).isEmpty()) {
                    lineProblems.put(place[0], "transport.error.unknownCounty");
                }
            }
            int km = FormFields.integer(
                    TabularFile.cell(cells, 2), "km", 1, 10000, "transport.roads.error.km", lineProblems);
            if (!lineProblems.containsKey("km") && from.equals(to)) {
                lineProblems.putIfAbsent("to_code", "transport.roads.error.same");
            }
            problems.addAll(FormFields.atLine(i + 1, lineProblems, Map.of()));
            if (lineProblems.isEmpty()) {
                pairs.put(from + "|" + to, km);
                pairs.putIfAbsent(to + "|" + from, km);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("delete from transport_road_km").update();
        for (var pair : pairs.entrySet()) {
            String[] codes = pair.getKey().split("\\|");
            jdbc.sql("insert into transport_road_km (from_code, to_code, km) values (?, ?, ?)")
                    .params(codes[0], codes[1], pair.getValue())
                    .update();
        }
        audit.record(AuditEntry.of("transport", "TransportRoadDistances", null, "TRANSPORT_ROAD_DISTANCES_LOADED")
                .change(null, Map.of("pairs", pairs.size())));
        return pairs.size();
    }

    /** How many ordered pairs are known. */
    @Transactional(readOnly = true)
    public int count() {
        return jdbc.sql("select count(*) from transport_road_km")
                .query(Integer.class)
                .single();
    }

    /** The known distances between these places, keyed {@code from|to}. */
    @Transactional(readOnly = true)
    public Map<String, Integer> between(Collection<String> codes) {
        Map<String, Integer> known = new HashMap<>();
        if (codes.isEmpty()) {
            return known;
        }
        String[] array = codes.toArray(String[]::new);
        jdbc.sql("select from_code, to_code, km from transport_road_km where from_code = any(?) and to_code = any(?)")
                .params(array, array)
                .query((rs, n) -> known.put(rs.getString("from_code") + "|" + rs.getString("to_code"), rs.getInt("km")))
                .list();
        return known;
    }
}
