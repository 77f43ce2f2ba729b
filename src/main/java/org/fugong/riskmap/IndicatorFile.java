package org.fugong.riskmap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads figures from a CSV or XLSX file with the header
 * {@code unit_code,day,new_local,new_imported,new_asymptomatic,active_clusters,cumulative_confirmed,population}.
 * Every unreadable cell is reported with its line; rows are numbered as the file's lines.
 */
public final class IndicatorFile {

    public static final List<String> COLUMNS = List.of("unit_code", "day", "new_local", "new_imported",
            "new_asymptomatic", "active_clusters", "cumulative_confirmed", "population");
    static final int MAX_ROWS = 50_000;

    /** The rows read, the line each came from, and the problems found while reading. */
    public record Parsed(List<IndicatorRow> rows, List<Integer> lines, List<IndicatorRejectedException.Problem> problems) {
    }

    private IndicatorFile() {
    }

    public static Parsed read(String filename, byte[] content) {
        String name = filename.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xlsx")) {
                return fromCells(readWorkbook(content));
            }
            if (name.endsWith(".csv")) {
                return fromCells(readCsv(content));
            }
        } catch (IOException | RuntimeException e) {
            return failure("riskmap.import.error.unreadable");
        }
        return failure("riskmap.import.error.type");
    }

    private static Parsed failure(String key) {
        return new Parsed(List.of(), List.of(), List.of(new IndicatorRejectedException.Problem(0, "file", key, List.of())));
    }

    private static List<List<String>> readCsv(byte[] content) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(false).get()).get()) {
            for (CSVRecord record : parser) {
                lines.add(record.toList());
            }
        }
        return lines;
    }

    private static List<List<String>> readWorkbook(byte[] content) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        Cell cell = row.getCell(c);
                        if (cell != null && cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                            cells.add(cell.getLocalDateTimeCellValue().toLocalDate().toString());
                        } else {
                            cells.add(cell == null ? "" : formatter.formatCellValue(cell).trim());
                        }
                    }
                }
                lines.add(cells);
            }
        }
        return lines;
    }

    private static Parsed fromCells(List<List<String>> lines) {
        List<IndicatorRejectedException.Problem> problems = new ArrayList<>();
        List<IndicatorRow> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (lines.isEmpty() || !header(lines.get(0))) {
            return failure("riskmap.import.error.header");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            return failure("riskmap.import.error.tooLarge");
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
                    numbersRead[c - 2] = Integer.parseInt(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
                } catch (NumberFormatException e) {
                    problems.add(problem(line, COLUMNS.get(c), "riskmap.import.error.number", value));
                }
            }
            if (problems.size() == before) {
                rows.add(new IndicatorRow(unit, day, numbersRead[0], numbersRead[1], numbersRead[2], numbersRead[3],
                        numbersRead[4], populationGiven ? numbersRead[5] : null, null));
                numbers.add(line);
            }
        }
        return new Parsed(rows, numbers, problems);
    }

    private static boolean header(List<String> cells) {
        if (cells.size() < COLUMNS.size()) {
            return false;
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!COLUMNS.get(i).equalsIgnoreCase(cells.get(i).trim().replace("\uFEFF", ""))) {
                return false;
            }
        }
        return true;
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index).trim() : "";
    }

    private static IndicatorRejectedException.Problem problem(int line, String field, String key, Object... args) {
        return new IndicatorRejectedException.Problem(line, field, key, List.of(args));
    }

}
