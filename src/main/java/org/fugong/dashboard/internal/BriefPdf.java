package org.fugong.dashboard.internal;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Writes a brief as PDF with OpenPDF: headings, tables and bar and line charts drawn on the page, in
 * WenQuanYi Micro Hei embedded (the glyphs used), so that it prints the same anywhere.
 */
@Component
class BriefPdf {

    /** One section of a brief: a heading, then a table, a bar chart, a line chart or a paragraph. */
    sealed interface Block permits Heading, Table, Bars, Line, Text {}

    record Heading(String text) implements Block {}

    record Text(String text) implements Block {}

    record Table(List<String> header, List<List<String>> rows, float[] widths) implements Block {}

    /** Bars of values 0..max with their labels. */
    record Bars(List<String> labels, List<Double> values, double max, String unit) implements Block {}

    /** A line over days: labels on the x axis, values 0..max, nulls skipped. */
    record Line(List<String> labels, List<@Nullable Double> values, double max) implements Block {}

    private static final Color INK = new Color(33, 37, 41);
    private static final Color MUTED = new Color(108, 117, 125);
    private static final Color BAR = new Color(13, 110, 253);
    private static final Color LOW = new Color(220, 53, 69);
    private static final Color GRID = new Color(222, 226, 230);

    private final byte[] fontBytes;

    BriefPdf() {
        try (InputStream in = new ClassPathResource("fonts/wqy-microhei.ttc").getInputStream()) {
            this.fontBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The brief's font is missing", e);
        }
    }

    byte[] render(String title, String subtitle, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BaseFont base = BaseFont.createFont(
                    "wqy-microhei.ttc,0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, fontBytes, null);
            Font body = new Font(base, 9, Font.NORMAL, INK);
            Font small = new Font(base, 8, Font.NORMAL, MUTED);
            Font heading = new Font(base, 12, Font.BOLD, INK);
            Font titleFont = new Font(base, 17, Font.BOLD, INK);
            Document document = new Document(PageSize.A4, 40, 40, 40, 40);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle(title);
            document.addCreator("Fugong");
            document.open();
            document.add(new Paragraph(title, titleFont));
            document.add(new Paragraph(subtitle, small));
            for (Block block : blocks) {
                if (block instanceof Heading h) {
                    Paragraph p = new Paragraph(h.text(), heading);
                    p.setSpacingBefore(10);
                    p.setSpacingAfter(4);
                    document.add(p);
                } else if (block instanceof Text t) {
                    document.add(new Paragraph(t.text(), body));
                } else if (block instanceof Table t) {
                    document.add(table(t, body, small));
                } else if (block instanceof Bars b) {
                    document.add(bars(writer, base, b));
                } else if (block instanceof Line l) {
                    document.add(line(writer, base, l));
                }
            }
            document.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The brief could not be written as PDF", e);
        }
        return out.toByteArray();
    }

    private static PdfPTable table(Table t, Font body, Font header) throws DocumentException {
        PdfPTable table = new PdfPTable(t.header().size());
        table.setWidthPercentage(100);
        if (t.widths().length == t.header().size()) {
            table.setWidths(t.widths());
        }
        for (String h : t.header()) {
            PdfPCell cell = new PdfPCell(new Phrase(h, header));
            cell.setBackgroundColor(new Color(248, 249, 250));
            table.addCell(cell);
        }
        for (List<String> row : t.rows()) {
            for (int c = 0; c < t.header().size(); c++) {
                PdfPCell cell = new PdfPCell(new Phrase(c < row.size() ? row.get(c) : "", body));
                if (c > 0) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
        }
        if (t.rows().isEmpty()) {
            PdfPCell cell = new PdfPCell(new Phrase("—", body));
            cell.setColspan(t.header().size());
            table.addCell(cell);
        }
        return table;
    }

    private static Image bars(PdfWriter writer, BaseFont font, Bars b) throws DocumentException {
        float width = 515;
        float rowHeight = 14;
        float height = Math.max(rowHeight, b.labels().size() * rowHeight) + 6;
        PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
        float labelWidth = 120;
        float barWidth = width - labelWidth - 60;
        for (int i = 0; i < b.labels().size(); i++) {
            float y = height - (i + 1) * rowHeight;
            double v = b.values().get(i) == null ? 0 : b.values().get(i);
            float w = (float) (b.max() <= 0 ? 0 : Math.max(0, Math.min(1, v / b.max())) * barWidth);
            t.setColorFill(GRID);
            t.rectangle(labelWidth, y + 2, barWidth, rowHeight - 4);
            t.fill();
            t.setColorFill(v < b.max() * 0.6 ? LOW : BAR);
            t.rectangle(labelWidth, y + 2, w, rowHeight - 4);
            t.fill();
            text(t, font, b.labels().get(i), 0, y + 4, 8, INK, PdfContentByte.ALIGN_LEFT);
            text(
                    t,
                    font,
                    String.format("%.1f%s", v, b.unit()),
                    labelWidth + barWidth + 4,
                    y + 4,
                    8,
                    INK,
                    PdfContentByte.ALIGN_LEFT);
        }
        return Image.getInstance(t);
    }

    private static Image line(PdfWriter writer, BaseFont font, Line l) throws DocumentException {
        float width = 515;
        float height = 120;
        float left = 30;
        float bottom = 18;
        PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
        float plotW = width - left - 10;
        float plotH = height - bottom - 8;
        t.setColorStroke(GRID);
        t.setLineWidth(0.5f);
        for (int g = 0; g <= 4; g++) {
            float y = bottom + plotH * g / 4;
            t.moveTo(left, y);
            t.lineTo(left + plotW, y);
            t.stroke();
            text(
                    t,
                    font,
                    String.format("%.0f", l.max() * g / 4),
                    left - 4,
                    y - 3,
                    7,
                    MUTED,
                    PdfContentByte.ALIGN_RIGHT);
        }
        int n = l.labels().size();
        t.setColorStroke(BAR);
        t.setLineWidth(1.5f);
        boolean started = false;
        for (int i = 0; i < n; i++) {
            Double v = l.values().get(i);
            float x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            if (i % Math.max(1, n / 7) == 0 || i == n - 1) {
                text(t, font, l.labels().get(i), x, 4, 7, MUTED, PdfContentByte.ALIGN_CENTER);
            }
            if (v == null) {
                continue;
            }
            float y = bottom + (float) (l.max() <= 0 ? 0 : Math.min(1, v / l.max()) * plotH);
            if (started) {
                t.lineTo(x, y);
            } else {
                t.moveTo(x, y);
                started = true;
            }
        }
        if (started) {
            t.stroke();
        }
        return Image.getInstance(t);
    }

    private static void text(
            PdfTemplate t, BaseFont font, String text, float x, float y, float size, Color colour, int align) {
        t.beginText();
        t.setFontAndSize(font, size);
        t.setColorFill(colour);
        t.showTextAligned(align, text, x, y, 0);
        t.endText();
    }
}
