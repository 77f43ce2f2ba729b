package org.fugong.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the rows of an uploaded CSV (UTF-8, with or without a byte-order mark) or Excel (XLSX)
 * file as text cells, for imports that check every row before they save anything.
 *
 * <p>Both formats are read as streams, never as a whole document: a workbook's sheet and shared
 * strings are parsed event by event, and every limit — lines, characters in a cell, characters in
 * the whole file — is enforced while reading, so a file that would fill the memory (a sheet of a
 * million blank rows, a zip bomb within the ratio POI allows, a CSV of blank lines) is refused
 * after the first line beyond the limit instead of after it has been parsed.
 */
public final class TabularFile {

    /** Characters one cell may hold. */
    public static final int MAX_CELL_CHARS = 10_000;

    /** Characters all the kept cells of a file may hold together (about 128 MB of text). */
    public static final long MAX_FILE_CHARS = 64L * 1024 * 1024;

    /** The file could not be read as a table; the message is a message key, with its arguments. */
    public static final class UnreadableException extends Exception {
        private final transient List<Object> args;

        public UnreadableException(String messageKey, Object... args) {
            super(messageKey);
            this.args = List.of(args);
        }

        public List<Object> args() {
            return args;
        }
    }

    private TabularFile() {}

    /**
     * Every line of the file as trimmed cells (the first sheet of a workbook), at most
     * {@code columns} per line, refused as soon as it has more than {@code maxLines} lines after
     * its first (blank lines count: they cost memory too).
     */
    public static List<List<String>> read(String filename, byte[] content, int columns, int maxLines)
            throws UnreadableException {
        String name = filename.toLowerCase(Locale.ROOT);
        Limits limits = new Limits(maxLines + 1);
        try {
            if (name.endsWith(".xlsx")) {
                return workbook(content, columns, limits);
            }
            if (name.endsWith(".csv")) {
                return csv(content, columns, limits);
            }
        } catch (LimitException e) {
            throw e.refusal;
        } catch (IOException | RuntimeException | SAXException | OpenXML4JException e) {
            throw new UnreadableException("import.error.unreadable");
        }
        throw new UnreadableException("import.error.type");
    }

    /**
     * The lines of an uploaded file, its header first, or the file's problem at the form's field
     * {@code file}: unreadable (the reader's message), too long, or not starting with the header
     * ({@code headerKey}, with the header as its argument).
     */
    public static List<List<String>> upload(
            String filename, byte[] content, List<String> header, String headerKey, int maxLines) {
        List<List<String>> lines;
        try {
            lines = read(filename, content, header.size(), maxLines);
        } catch (UnreadableException e) {
            throw InvalidInputException.of("file", e.getMessage(), e.args().toArray());
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

    /** A limit passed while reading; carries the refusal out of parsers that only throw their own exceptions. */
    private static final class LimitException extends RuntimeException {
        private final transient UnreadableException refusal;

        LimitException(String key, Object... args) {
            super(key, null, false, false);
            this.refusal = new UnreadableException(key, args);
        }
    }

    /** The counts a file is held to while it is read. */
    private static final class Limits {
        private final int maxLines;
        private long chars;

        Limits(int maxLines) {
            this.maxLines = maxLines;
        }

        void line(int count) {
            if (count > maxLines) {
                throw new LimitException("import.error.tooManyLines", maxLines - 1);
            }
        }

        String cell(String value, int line) {
            if (value.length() > MAX_CELL_CHARS) {
                throw new LimitException("import.error.cellTooLong", line, MAX_CELL_CHARS);
            }
            chars += value.length();
            if (chars > MAX_FILE_CHARS) {
                throw new LimitException("import.error.tooLarge");
            }
            // Blank cells are most cells of many files: all of them share one empty string.
            return value.isEmpty() ? "" : value;
        }
    }

    private static List<List<String>> csv(byte[] content, int columns, Limits limits) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        int bom = content.length >= 3
                        && (content[0] & 0xFF) == 0xEF
                        && (content[1] & 0xFF) == 0xBB
                        && (content[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        InputStream in = new ByteArrayInputStream(content, bom, content.length - bom);
        try (CSVParser parser = CSVParser.builder()
                .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .setFormat(CSVFormat.DEFAULT
                        .builder()
                        .setTrim(true)
                        .setIgnoreEmptyLines(false)
                        .get())
                .get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                limits.line(lines.size() + 1);
                int line = lines.size() + 1;
                List<String> cells = new ArrayList<>(Math.min(record.size(), columns));
                for (int c = 0; c < record.size() && c < columns; c++) {
                    cells.add(limits.cell(record.get(c), line));
                }
                lines.add(cells);
            }
        }
        return lines;
    }

    private static List<List<String>> workbook(byte[] content, int columns, Limits limits)
            throws IOException, SAXException, OpenXML4JException {
        // A package opened from a file is read entry by entry; opened from a stream, POI would
        // inflate every entry into memory first.
        Path temp = Files.createTempFile("fugong-import", ".xlsx");
        try {
            Files.write(temp, content);
            try (OPCPackage pkg = OPCPackage.open(temp.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                List<String> strings = new ArrayList<>();
                // A workbook may have no shared strings (inline strings only) and no styles.
                try (InputStream in = part(reader, true)) {
                    if (in != null) {
                        parse(in, new SharedStrings(strings, limits));
                    }
                }
                Map<Integer, Boolean> dateStyles = new HashMap<>();
                try (InputStream in = part(reader, false)) {
                    if (in != null) {
                        parse(in, new Styles(dateStyles));
                    }
                }
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    return List.of();
                }
                SheetRows rows = new SheetRows(columns, limits, strings, dateStyles);
                try (InputStream sheet = sheets.next()) {
                    parse(sheet, rows);
                }
                return rows.lines;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static InputStream part(XSSFReader reader, boolean sharedStrings) {
        try {
            return sharedStrings ? reader.getSharedStringsData() : reader.getStylesData();
        } catch (IOException | OpenXML4JException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        try {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(handler);
            xml.parse(new InputSource(in));
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }

    /** The shared strings table: each item's text, rich runs joined, phonetic guides left out. */
    private static final class SharedStrings extends DefaultHandler {
        private final List<String> strings;
        private final Limits limits;
        private final StringBuilder text = new StringBuilder();
        private boolean inText;
        private boolean inPhonetic;

        SharedStrings(List<String> strings, Limits limits) {
            this.strings = strings;
            this.limits = limits;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "si" -> text.setLength(0);
                case "t" -> inText = !inPhonetic;
                case "rPh" -> inPhonetic = true;
                default -> {}
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> strings.add(limits.cell(text.toString(), 0));
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                if (text.length() + length > MAX_CELL_CHARS) {
                    throw new LimitException("import.error.cellTooLong", 0, MAX_CELL_CHARS);
                }
                text.append(ch, start, length);
            }
        }
    }

    /** Which cell styles show dates: the number formats and the cell formats that use them. */
    private static final class Styles extends DefaultHandler {
        private static final int MAX_STYLES = 100_000;
        private final Map<Integer, Boolean> dateStyles;
        private final Map<Integer, String> formats = new HashMap<>();
        private boolean inCellFormats;
        private int index;

        Styles(Map<Integer, Boolean> dateStyles) {
            this.dateStyles = dateStyles;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("numFmt".equals(localName) && formats.size() < MAX_STYLES) {
                formats.put(integer(attributes.getValue("numFmtId")), attributes.getValue("formatCode"));
            } else if ("cellXfs".equals(localName)) {
                inCellFormats = true;
            } else if ("xf".equals(localName) && inCellFormats) {
                if (index >= MAX_STYLES) {
                    throw new LimitException("import.error.tooLarge");
                }
                int id = integer(attributes.getValue("numFmtId"));
                String code = formats.getOrDefault(id, BuiltinFormats.getBuiltinFormat(id));
                dateStyles.put(index++, code != null && DateUtil.isADateFormat(id, code));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if ("cellXfs".equals(localName)) {
                inCellFormats = false;
            }
        }
    }

    /** The first sheet's rows as lines of cells; missing rows are blank lines, cells past the columns ignored. */
    private static final class SheetRows extends DefaultHandler {
        private static final MathContext SIGNIFICANT = new MathContext(15);
        private final int columns;
        private final Limits limits;
        private final List<String> strings;
        private final Map<Integer, Boolean> dateStyles;
        final List<List<String>> lines = new ArrayList<>();
        private final StringBuilder value = new StringBuilder();
        private List<String> cells;
        private int column;
        private boolean keep;
        private boolean inValue;
        private String type;
        private int style;

        SheetRows(int columns, Limits limits, List<String> strings, Map<Integer, Boolean> dateStyles) {
            this.columns = columns;
            this.limits = limits;
            this.strings = strings;
            this.dateStyles = dateStyles;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    int number = rowNumber(attributes.getValue("r"), lines.size() + 1);
                    limits.line(number);
                    while (lines.size() < number - 1) {
                        lines.add(List.of());
                    }
                    cells = new ArrayList<>();
                    column = -1;
                }
                case "c" -> {
                    if (cells == null) {
                        return;
                    }
                    String reference = attributes.getValue("r");
                    column = reference == null ? column + 1 : columnOf(reference);
                    keep = column >= 0 && column < columns;
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? 0 : integer(s);
                    value.setLength(0);
                }
                case "v", "t" -> inValue = keep;
                default -> {}
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    if (keep) {
                        while (cells.size() < column) {
                            cells.add("");
                        }
                        cells.add(limits.cell(text(), lines.size() + 1));
                    }
                    keep = false;
                }
                case "row" -> {
                    if (cells != null) {
                        lines.add(cells);
                        cells = null;
                    }
                }
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                if (value.length() + length > MAX_CELL_CHARS) {
                    throw new LimitException("import.error.cellTooLong", lines.size() + 1, MAX_CELL_CHARS);
                }
                value.append(ch, start, length);
            }
        }

        private String text() {
            String raw = value.toString().trim();
            if (raw.isEmpty()) {
                return "";
            }
            if (type == null || "n".equals(type)) {
                try {
                    if (dateStyles.getOrDefault(style, false)) {
                        double number = Double.parseDouble(raw);
                        if (DateUtil.isValidExcelDate(number)) {
                            LocalDateTime date = DateUtil.getLocalDateTime(number);
                            return date.toLocalDate().toString();
                        }
                    }
                    return number(raw);
                } catch (NumberFormatException e) {
                    return raw;
                }
            }
            return switch (type) {
                case "s" -> {
                    int index = integer(raw);
                    yield index >= 0 && index < strings.size()
                            ? strings.get(index).trim()
                            : "";
                }
                case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
                default -> raw;
            };
        }

        /** A number as Excel shows it in General: at most 15 significant digits, no exponent, no trailing zeros. */
        private static String number(String raw) {
            boolean digits = raw.length() <= 15;
            for (int i = 0; i < raw.length() && digits; i++) {
                digits = Character.isDigit(raw.charAt(i));
            }
            if (digits) {
                return raw;
            }
            return new BigDecimal(raw).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
        }

        private static int rowNumber(String reference, int next) {
            int number = reference == null ? next : integer(reference);
            return number < 1 ? next : number;
        }

        private static int columnOf(String reference) {
            int column = 0;
            for (int i = 0; i < reference.length(); i++) {
                char c = reference.charAt(i);
                if (c < 'A' || c > 'Z') {
                    break;
                }
                column = column * 26 + (c - 'A' + 1);
                if (column > 20_000) {
                    return -1;
                }
            }
            return column - 1;
        }
    }

    private static int integer(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
