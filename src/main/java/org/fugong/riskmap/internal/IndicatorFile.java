package org.fugong.riskmap.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.fugong.riskmap.reporting.IndicatorRejectedException;
import org.fugong.riskmap.reporting.IndicatorRow;
import org.fugong.shell.TabularFile;

/**
 * Reads figures from a CSV or XLSX file with the header
 * {@code unit_code,day,new_local,new_imported,new_asymptomatic,active_clusters,cumulative_confirmed,population}.
 * Every unreadable cell is reported with its line; rows are numbered as the file's lines.
 */
public final class IndicatorFile {

    public static final List<String> COLUMNS = List.of(
            "unit_code",
            "day",
            "new_local",
            "new_imported",
            "new_asymptomatic",
            "active_clusters",
            "cumulative_confirmed",
            "population");
    static final int MAX_ROWS = 50_000;

    /** The rows read, the line each came from, and the problems found while reading. */
    public record Parsed(
            List<IndicatorRow> rows, List<Integer> lines, List<IndicatorRejectedException.Problem> problems) {}

    private IndicatorFile() {}

    public static Parsed read(String filename, byte[] content) {
        try {
            return fromCells(TabularFile.read(filename, content, COLUMNS.size(), MAX_ROWS));
        } catch (TabularFile.UnreadableException e) {
            return failure(e.getMessage(), e.args());
        }
    }

    private static Parsed failure(String key) {
        return failure(key, List.of());
    }

    private static Parsed failure(String key, List<Object> args) {
        return new Parsed(List.of(), List.of(), List.of(new IndicatorRejectedException.Problem(0, "file", key, args)));
    }

    private static Parsed fromCells(List<List<String>> lines) {
        List<IndicatorRejectedException.Problem> problems = new ArrayList<>();
        List<IndicatorRow> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (!TabularFile.hasHeader(lines, COLUMNS)) {
            return failure("import.error.header");
        }
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            int line = i + 1;
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            int before = problems.size();
            String unit = cell(cells, 0);
            if (unit.isEmpty()) {
                problems.add(problem(line, "unit_code", "riskmap.error.required"));
            }
            LocalDate day = null;
            try {
                day = LocalDate.parse(cell(cells, 1));
            } catch (DateTimeParseException e) {
                problems.add(problem(line, "day", "riskmap.import.error.date", cell(cells, 1)));
            }
            int[] numbersRead = new int[6];
            boolean populationGiven = !cell(cells, 7).isEmpty();
            for (int c = 2; c < COLUMNS.size(); c++) {
                String value = cell(cells, c);
                if (c == 7 && value.isEmpty()) {
                    continue;
                }
                try {
                    numbersRead[c - 2] =
                            Integer.parseInt(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
                } catch (NumberFormatException e) {
                    problems.add(problem(line, COLUMNS.get(c), "riskmap.import.error.number", value));
                }
            }
            if (problems.size() == before) {
                rows.add(new IndicatorRow(
                        unit,
                        day,
                        numbersRead[0],
                        numbersRead[1],
                        numbersRead[2],
                        numbersRead[3],
                        numbersRead[4],
                        populationGiven ? numbersRead[5] : null,
                        null));
                numbers.add(line);
            }
        }
        return new Parsed(rows, numbers, problems);
    }

    private static String cell(List<String> cells, int index) {
        return TabularFile.cell(cells, index);
    }

    private static IndicatorRejectedException.Problem problem(int line, String field, String key, Object... args) {
        return new IndicatorRejectedException.Problem(line, field, key, List.of(args));
    }
}
