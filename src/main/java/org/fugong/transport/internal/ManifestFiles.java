package org.fugong.transport.internal;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * A trip's manifest as files (一车一策): XLSX for the operator, a printable PDF for the bus (Chinese
 * in the standard STSong-Light font, which every PDF reader supplies). Headings in both languages.
 */
@Component
public class ManifestFiles {

    private static List<List<String>> header(Trips.Manifest m) {
        Trips.Trip t = m.trip();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("车次 Trip", String.valueOf(t.number()), "方式 Mode", t.mode()));
        rows.add(List.of("到达 Arrives", t.arriveOn().toString(), "座位 Seats", String.valueOf(t.seats())));
        rows.add(List.of(
                "车辆 Vehicle",
                t.vehicleLabel() == null ? "-" : t.vehicleLabel(),
                "驾驶员 Driver",
                t.driver() == null ? "-" : t.driver()));
        rows.add(List.of("里程 km", String.valueOf(t.distanceKm()), "状态 Status", t.status()));
        return rows;
    }

    private static List<String> loadRow(Trips.Load l) {
        return List.of(
                String.valueOf(l.seq()),
                l.originName(),
                l.enterpriseName(),
                l.contact() == null ? "" : l.contact(),
                String.valueOf(l.workers()));
    }

    private static List<String> passengerRow(Trips.Passenger p, int n) {
        return List.of(
                p.seat() == null ? "-" : String.valueOf(p.seat()),
                p.maskedName() == null ? "(" + n + ")" : p.maskedName(),
                p.status(),
                p.colour() == null ? "" : p.colour(),
                p.reason() == null ? "" : p.reason().replace("transport.passenger.reason.", ""));
    }

    static final List<String> LOAD_HEADER =
            List.of("顺序 Order", "上车地 Pickup", "接收单位 Employer", "联系人 Contact", "人数 Workers");
    static final List<String> PASSENGER_HEADER = List.of("座位 Seat", "姓名 Name", "状态 Status", "健康码 Code", "原因 Reason");

    public byte[] xlsx(Trips.Manifest m) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("manifest");
            int r = 0;
            for (List<String> row : header(m)) {
                r = write(sheet, r, row);
            }
            r = write(sheet, r + 1, LOAD_HEADER);
            for (Trips.Load l : m.loads()) {
                r = write(sheet, r, loadRow(l));
            }
            r = write(sheet, r + 1, PASSENGER_HEADER);
            int n = 0;
            for (Trips.Passenger p : m.passengers()) {
                r = write(sheet, r, passengerRow(p, ++n));
            }
            for (int c = 0; c < 5; c++) {
                sheet.setColumnWidth(c, 24 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int write(Sheet sheet, int r, List<String> cells) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < cells.size(); c++) {
            row.createCell(c).setCellValue(cells.get(c));
        }
        return r + 1;
    }

    public byte[] pdf(Trips.Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BaseFont base = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
            Font font = new Font(base, 9);
            Font title = new Font(base, 14, Font.BOLD);
            Document document = new Document(PageSize.A4, 36, 36, 36, 36);
            PdfWriter.getInstance(document, out);
            document.open();
            document.add(new Paragraph("返岗包车乘车清单（一车一策） Passenger manifest", title));
            document.add(table(header(m), font, 4));
            document.add(new Paragraph(" ", font));
            List<List<String>> loads = new ArrayList<>();
            loads.add(LOAD_HEADER);
            m.loads().forEach(l -> loads.add(loadRow(l)));
            document.add(table(loads, font, 5));
            document.add(new Paragraph(" ", font));
            List<List<String>> passengers = new ArrayList<>();
            passengers.add(PASSENGER_HEADER);
            int n = 0;
            for (Trips.Passenger p : m.passengers()) {
                passengers.add(passengerRow(p, ++n));
            }
            document.add(table(passengers, font, 5));
            document.add(new Paragraph(
                    "途中不停车、不上下客；最后两排为观察区。 Point to point, no stops; the last two rows are the observation zone.",
                    font));
            document.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The manifest could not be written as PDF", e);
        }
        return out.toByteArray();
    }

    private static PdfPTable table(List<List<String>> rows, Font font, int columns) {
        PdfPTable table = new PdfPTable(columns);
        table.setWidthPercentage(100);
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                table.addCell(new Phrase(c < row.size() ? row.get(c) : "", font));
            }
        }
        return table;
    }
}
