package org.quex.ingest.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.quex.QuexException;

/**
 * An Excel 97–2003 .xls workbook (BIFF8) through POI's HSSF. The workbook is read whole: a BIFF8
 * sheet holds at most 65,536 rows of 256 columns, so it fits in a task's memory.
 */
final class XlsWorkbook implements ExcelWorkbook {
    private final String name;
    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;
    private final boolean date1904;
    private final Map<Short, CellText.Format> formats = new HashMap<>();

    XlsWorkbook(Path file, String name) throws IOException {
        this.name = name;
        fs = new POIFSFileSystem(file.toFile(), true);
        try {
            workbook = new HSSFWorkbook(fs, false);
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
        date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
    }

    @Override
    public List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        return names;
    }

    @Override
    public SheetRows rows(String sheet) {
        HSSFSheet s = workbook.getSheet(sheet);
        if (s == null) {
            throw new QuexException(name + ": the workbook has no sheet '" + sheet + "' (it has " + sheetNames() + ")");
        }
        Iterator<Row> rows = s.rowIterator(); // in row order
        return new SheetRows() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public SheetRow next() {
                Row row = rows.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    cells.add(text((HSSFCell) row.getCell(i)));
                }
                return new SheetRow(row.getRowNum() + 1L, cells);
            }

            @Override
            public void close() {
            }
        };
    }

    private String text(HSSFCell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> CellText.numeric(cell.getNumericCellValue(), format(cell.getCellStyle()), date1904);
            case BOOLEAN -> cell.getBooleanCellValue() ? "1" : "0";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> "";
        };
    }

    private CellText.Format format(HSSFCellStyle style) {
        return formats.computeIfAbsent(style.getIndex(),
                i -> CellText.Format.of(style.getDataFormat(), style.getDataFormatString()));
    }

    @Override
    public void close() {
        try {
            workbook.close();
            fs.close();
        } catch (IOException e) {
            // read only: nothing to lose
        }
    }
}
