package org.quex.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes staged rows as an Excel workbook with POI's streaming SXSSF (a window of rows in memory,
 * the rest flushed to a temporary file): one sheet, the header in its first row. Numbers go into
 * numeric cells and text into (inline) string cells, as a spreadsheet holds them; a damaged number
 * (a planted defect) is a text cell in a numeric column. The creation date is fixed, so the same
 * rows give the same bytes.
 */
final class XlsxFile {
    private static final int WINDOW = 1000;

    private XlsxFile() {
    }

    static long write(OutputStream out, String sheetName, List<RawLayouts.RawColumn> columns, Iterator<String[]> rows,
                      int year) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        wb.setCompressTempFiles(true);
        try {
            wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(Optional.of(
                    Date.from(java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC))));
            Sheet sheet = wb.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).rawName());
            }
            int r = 1;
            long written = 0;
            while (rows.hasNext()) {
                String[] values = rows.next();
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.length; i++) {
                    String v = values[i];
                    if (v.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    Double number = columns.get(i).storage().numeric() ? parse(v) : null;
                    if (number != null) {
                        cell.setCellValue(number);
                    } else {
                        cell.setCellValue(v);
                    }
                }
                written++;
            }
            wb.write(out);
            return written;
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private static Double parse(String v) {
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
