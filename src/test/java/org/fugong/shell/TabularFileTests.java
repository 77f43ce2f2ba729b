package org.fugong.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Crafted files, made here: each is refused while it is read, within seconds, allocating far less
 * than the file would take as a document; an ordinary workbook reads as it did.
 */
class TabularFileTests {

    private static final long MB = 1024 * 1024;

    /** A workbook written by hand: {@code rows} rows of one random number and zeros, which compress about 30 to 1 (POI refuses 100 to 1). */
    static byte[] craftedWorkbook(int rows, int cellsPerRow) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            StringBuilder xml = new StringBuilder(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            for (int r = 1; r <= rows; r++) {
                xml.append("<row r=\"").append(r).append("\">");
                xml.append("<c><v>").append(random.nextInt(1000)).append("</v></c>");
                xml.append("<c><v>0</v></c>".repeat(cellsPerRow - 1));
                xml.append("</row>");
                if (xml.length() > 64 * 1024) {
                    zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
                    xml.setLength(0);
                }
            }
            xml.append("</sheetData></worksheet>");
            zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Bytes this thread allocates while reading: an upper bound of what the read can add to the heap. */
    private static long allocatedBy(ThrowingRunnable read) throws Exception {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        read.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aWorkbookOfNinetyMegabytesOfSheetIsRefusedAfterItsLimitWithoutFillingTheMemory() throws Exception {
        // About 95 MB of sheet XML in about 3.5 MB of zip: within POI's zip-bomb ratio.
        byte[] bomb = craftedWorkbook(550_000, 10);
        assertThat((long) bomb.length).isBetween(2 * MB, 10 * MB);
        long started = System.nanoTime();
        long allocated = allocatedBy(() -> assertThatThrownBy(() -> TabularFile.read("bomb.xlsx", bomb, 7, 150_000))
                .isInstanceOfSatisfying(TabularFile.UnreadableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("import.error.tooManyLines");
                    assertThat(e.args()).containsExactly(150_000);
                }));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "crafted workbook of %.1f MB: refused in %d ms, %d MB allocated while reading%n",
                bomb.length / (double) MB, took.toMillis(), allocated / MB);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(allocated).as("bytes allocated while reading").isLessThan(256 * MB);
    }

    @Test
    void twoBombsAtOnceAreBothRefused() throws Exception {
        byte[] bomb = craftedWorkbook(300_000, 10);
        var first = CompletableFuture.supplyAsync(() -> refusal("a.xlsx", bomb, 100_000));
        var second = CompletableFuture.supplyAsync(() -> refusal("b.xlsx", bomb, 100_000));
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("import.error.tooManyLines");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("import.error.tooManyLines");
    }

    private static String refusal(String name, byte[] content, int limit) {
        try {
            TabularFile.read(name, content, 7, limit);
            return "read";
        } catch (TabularFile.UnreadableException e) {
            return e.getMessage();
        }
    }

    @Test
    void aCsvOfNineteenMegabytesOfBlankLinesIsRefusedAtTheLimit() throws Exception {
        byte[] blank = "\n".repeat(19 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        long allocated = allocatedBy(
                () -> assertThat(refusal("blank.csv", blank, 200_000)).isEqualTo("import.error.tooManyLines"));
        assertThat(allocated).as("bytes allocated while reading").isLessThan(256 * MB);
    }

    @Test
    void aRowFarDownTheSheetCountsTheRowsBeforeIt() throws Exception {
        byte[] sparse = craftedWorkbook(1, 1);
        // The same workbook, its one row moved to the sheet's last row.
        String marker = "<row r=\"1\">";
        byte[] moved = rewriteSheet(sparse, marker, "<row r=\"1048576\">");
        assertThat(refusal("sparse.xlsx", moved, 1000)).isEqualTo("import.error.tooManyLines");
    }

    private static byte[] rewriteSheet(byte[] workbook, String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(workbook));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                entry(zip, e.getName(), text.replace(from, to));
            }
        }
        return out.toByteArray();
    }

    @Test
    void aCellLongerThanTheLimitIsRefusedWithItsLine() {
        String csv = "a,b\nx,y\nok," + "z".repeat(TabularFile.MAX_CELL_CHARS + 1) + "\n";
        assertThatThrownBy(() -> TabularFile.read("long.csv", csv.getBytes(StandardCharsets.UTF_8), 2, 10))
                .isInstanceOfSatisfying(TabularFile.UnreadableException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("import.error.cellTooLong");
                    assertThat(e.args()).containsExactly(3, TabularFile.MAX_CELL_CHARS);
                });
    }

    @Test
    void anOrdinaryWorkbookReadsItsTextNumbersDatesAndBlankRows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet();
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("name");
            header.createCell(1).setCellValue("staff");
            header.createCell(2).setCellValue("day");
            Row first = sheet.createRow(1);
            first.createCell(0).setCellValue("宁波港 ");
            first.createCell(1).setCellValue(120);
            first.createCell(2).setCellValue(LocalDate.of(2020, 2, 10));
            first.getCell(2).setCellStyle(date);
            first.createCell(5).setCellValue("past the columns");
            Row third = sheet.createRow(3);
            third.createCell(1).setCellValue(2.5);
            third.createCell(2).setCellValue(true);
            book.write(out);
        }
        List<List<String>> lines = TabularFile.read("staff.xlsx", out.toByteArray(), 3, 10);
        assertThat(lines)
                .containsExactly(
                        List.of("name", "staff", "day"),
                        List.of("宁波港", "120", "2020-02-10"),
                        List.of(),
                        List.of("", "2.5", "TRUE"));
        assertThat(TabularFile.hasHeader(lines, List.of("NAME", "staff"))).isTrue();
    }

    @Test
    void aCsvWithAByteOrderMarkAndQuotesReadsAsWritten() throws Exception {
        byte[] csv = "\uFEFFname,note\n\"Ningbo, Port\",\"said \"\"yes\"\"\"\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(TabularFile.read("a.CSV", csv, 2, 5))
                .containsExactly(List.of("name", "note"), List.of("Ningbo, Port", "said \"yes\""), List.of(""));
    }

    @Test
    void otherFilesAndBrokenWorkbooksAreUnreadableNotErrors() {
        assertThat(refusal("a.txt", new byte[] {1, 2}, 5)).isEqualTo("import.error.type");
        assertThat(refusal("a.xlsx", "not a zip".getBytes(StandardCharsets.UTF_8), 5))
                .isEqualTo("import.error.unreadable");
    }
}
