package org.fugong.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * Reads the rows of an uploaded CSV (UTF-8, with or without a byte-order mark) or Excel (XLSX)
 * file as text cells, for imports that check every row before they save anything.
 */
public final class TabularFile {

    /** The file could not be read as a table; the message is a message key. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String messageKey) {
            super(messageKey);
        }
    }

    private TabularFile() {}

    /** Every line of the file as trimmed cells (the first sheet of a workbook), at most {@code columns} per line. */
    public static List<List<String>> read(String filename, byte[] content, int columns) throws UnreadableException {
        String name = filename.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xlsx")) {
                return workbook(content, columns);
            }
            if (name.endsWith(".csv")) {
                return csv(content);
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException("import.error.unreadable");
        }
        throw new UnreadableException("import.error.type");
    }

    /**
     * The lines of an uploaded file, its header first, or the file's problem at the form's field
     * {@code file}: unreadable (the reader's message), or not starting with the header
     * ({@code headerKey}, with the header as its argument).
     */
    public static List<List<String>> upload(String filename, byte[] content, List<String> header, String headerKey) {
        List<List<String>> lines;
        try {
            lines = read(filename, content, header.size());
        } catch (UnreadableException e) {
            throw InvalidInputException.of("file", e.getMessage());
        }
        if (!hasHeader(lines, header)) {
            throw InvalidInputException.of("file", headerKey, String.join(",", header));
        }
        return lines;
    }

    /** Whether the first line is exactly the expected header (case and a byte-order mark aside). */
    public static boolean hasHeader(List<List<String>> lines, List<String> header) {
        if (lines.isEmpty() || lines.get(0).size() < header.size()) {
            return false;
        }
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).equalsIgnoreCase(lines.get(0).get(i).trim().replace("\uFEFF", ""))) {
                return false;
            }
        }
        return true;
    }

    /** A cell of a line, or "" past its end. */
    public static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index).trim() : "";
    }

    private static List<List<String>> csv(byte[] content) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT
                        .builder()
                        .setTrim(true)
                        .setIgnoreEmptyLines(false)
                        .get())
                .get()) {
            for (CSVRecord record : parser) {
                lines.add(record.toList());
            }
        }
        return lines;
    }

    private static List<List<String>> workbook(byte[] content, int columns) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < columns; c++) {
                        Cell cell = row.getCell(c);
                        if (cell != null
                                && cell.getCellType() == CellType.NUMERIC
                                && DateUtil.isCellDateFormatted(cell)) {
                            cells.add(cell.getLocalDateTimeCellValue()
                                    .toLocalDate()
                                    .toString());
                        } else {
                            cells.add(
                                    cell == null
                                            ? ""
                                            : formatter.formatCellValue(cell).trim());
                        }
                    }
                }
                lines.add(cells);
            }
        }
        return lines;
    }
}
