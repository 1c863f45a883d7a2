package org.quex.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A regression table for Excel (.xlsx) and Word (.docx), through Apache POI. In the workbook every
 * number is a number cell holding the estimate at full precision, shown with the table's decimals
 * and its stars, parentheses or brackets by a number format (so a reader can compute with the
 * cells); a second sheet holds the table's CSV rows. The Word table holds the printed text.
 */
public final class OfficeTableWriter {
    private OfficeTableWriter() {
    }

    public static byte[] xlsx(RegressionTable t) {
        TableLayout layout = TableLayout.of(t);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            Sheet sheet = wb.createSheet(sheetName(t.id()));
            int r = 0;
            sheet.createRow(r++).createCell(0).setCellValue(t.title());
            if (!layout.groups().isEmpty()) {
                Row groups = sheet.createRow(r);
                for (TableLayout.Span g : layout.groups()) {
                    Cell c = groups.createCell(g.first() + 1);
                    c.setCellValue(g.title());
                    c.setCellStyle(styles.centred);
                    if (g.count() > 1) {
                        sheet.addMergedRegion(new CellRangeAddress(r, r, g.first() + 1, g.first() + g.count()));
                    }
                }
                r++;
            }
            Row head = sheet.createRow(r++);
            for (int i = 0; i < layout.columns().size(); i++) {
                Cell c = head.createCell(i + 1);
                c.setCellValue(layout.columns().get(i));
                c.setCellStyle(styles.header);
            }
            for (List<TableLayout.Row> part : List.of(layout.header(), layout.body(), layout.statistics())) {
                for (TableLayout.Row row : part) {
                    Row x = sheet.createRow(r++);
                    x.createCell(0).setCellValue(row.label());
                    for (int i = 0; i < row.cells().size(); i++) {
                        TableLayout.Cell cell = row.cells().get(i);
                        if (cell.text().isEmpty()) {
                            continue;
                        }
                        Cell c = x.createCell(i + 1);
                        if (cell.numeric()) {
                            c.setCellValue(cell.value());
                            c.setCellStyle(styles.number(row.kind(), cell));
                        } else {
                            c.setCellValue(cell.text());
                            c.setCellStyle(styles.centred);
                        }
                    }
                }
            }
            r++;
            for (String note : layout.notes()) {
                sheet.createRow(r++).createCell(0).setCellValue(note);
            }
            sheet.setColumnWidth(0, 24 * 256);
            for (int i = 1; i <= layout.columns().size(); i++) {
                sheet.setColumnWidth(i, 14 * 256);
            }
            csvSheet(wb.createSheet("data"), RegressionTableWriter.csv(t));
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV's rows, numbers as number cells. */
    private static void csvSheet(Sheet sheet, String csv) {
        int r = 0;
        for (String line : csv.split("\n")) {
            Row row = sheet.createRow(r);
            List<String> fields = csvFields(line);
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                if (f.isEmpty()) {
                    continue;
                }
                Cell c = row.createCell(i);
                if (r > 0 && i >= 3 && i <= 6) {
                    c.setCellValue(Double.parseDouble(f));
                } else {
                    c.setCellValue(f);
                }
            }
            r++;
        }
    }

    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    private static String sheetName(String id) {
        String name = id.replaceAll("[\\\\/?*\\[\\]:]", "_");
        return name.length() > 31 ? name.substring(0, 31) : name;
    }

    /** Cell styles, one per number format: POI limits a workbook's styles, so they are shared. */
    private static final class Styles {
        final XSSFWorkbook wb;
        final CellStyle header;
        final CellStyle centred;
        final Map<String, CellStyle> numbers = new HashMap<>();

        Styles(XSSFWorkbook wb) {
            this.wb = wb;
            header = wb.createCellStyle();
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setBorderBottom(BorderStyle.THIN);
            centred = wb.createCellStyle();
            centred.setAlignment(HorizontalAlignment.CENTER);
        }

        CellStyle number(TableLayout.Kind kind, TableLayout.Cell cell) {
            String digits = cell.digits() < 0 ? "#,##0" : cell.digits() == 0 ? "0" : "0." + "0".repeat(cell.digits());
            String format = switch (kind) {
                case STD_ERROR -> "\"(\"" + digits + "\")\"";
                case REFERENCE -> "\"[\"" + digits + "\"]\"";
                default -> cell.stars().isEmpty() ? digits : digits + "\"" + cell.stars() + "\"";
            };
            return numbers.computeIfAbsent(format, f -> {
                CellStyle s = wb.createCellStyle();
                s.setDataFormat(wb.createDataFormat().getFormat(f));
                s.setAlignment(HorizontalAlignment.RIGHT);
                return s;
            });
        }
    }

    public static byte[] docx(RegressionTable t) {
        TableLayout layout = TableLayout.of(t);
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFRun title = doc.createParagraph().createRun();
            title.setBold(true);
            title.setText(t.title());
            List<List<String>> rows = new ArrayList<>();
            if (!layout.groups().isEmpty()) {
                List<String> groups = new ArrayList<>(java.util.Collections.nCopies(layout.columns().size() + 1, ""));
                layout.groups().forEach(g -> groups.set(g.first() + 1, g.title()));
                rows.add(groups);
            }
            List<String> head = new ArrayList<>(List.of(""));
            head.addAll(layout.columns());
            rows.add(head);
            for (List<TableLayout.Row> part : List.of(layout.header(), layout.body(), layout.statistics())) {
                for (TableLayout.Row row : part) {
                    List<String> x = new ArrayList<>(List.of(row.label()));
                    row.cells().forEach(c -> x.add(c.text() + c.stars()));
                    rows.add(x);
                }
            }
            XWPFTable table = doc.createTable(rows.size(), layout.columns().size() + 1);
            for (int r = 0; r < rows.size(); r++) {
                XWPFTableRow row = table.getRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
                    p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
                    XWPFRun run = p.createRun();
                    run.setFontSize(9);
                    run.setText(rows.get(r).get(c));
                }
            }
            for (String note : layout.notes()) {
                XWPFRun run = doc.createParagraph().createRun();
                run.setFontSize(8);
                run.setText(note);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
