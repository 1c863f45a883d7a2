package org.quex.ingest.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.TableHeader;

/** Sheets written with POI in the three ways workbooks come (XSSF shared strings, SXSSF inline strings, HSSF .xls). */
class ExcelRecordsTest {
    @TempDir
    static Path tmp;

    /** The writers: .xlsx with a shared-string table, .xlsx streamed with inline strings, .xls. */
    private static final List<Object[]> WRITERS = List.of(
            new Object[] {"shared.xlsx", (Supplier<Workbook>) XSSFWorkbook::new},
            new Object[] {"inline.xlsx", (Supplier<Workbook>) () -> new SXSSFWorkbook(50)},
            new Object[] {"old.xls", (Supplier<Workbook>) HSSFWorkbook::new});

    /**
     * Row 1 empty, the header on row 2 (names padded with spaces), values of every kind on 3, a
     * stored blank row 4, an unstored row 5, more values on 6, a value beyond the header on 7, and
     * formatted empty rows 8-20 that hold nothing.
     */
    private static Path write(String name, Workbook wb) throws IOException {
        Sheet notes = wb.createSheet("说明");
        notes.createRow(0).createCell(0).setCellValue("本表为样本数据");
        wb.createSheet("空表");
        Sheet s = wb.createSheet("2005年");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle zeros = wb.createCellStyle();
        zeros.setDataFormat(wb.createDataFormat().getFormat("000000"));
        CellStyle grey = wb.createCellStyle();
        grey.setFillForegroundColor((short) 22);
        String[] header = {" 法人代码 ", "名称", "hs", "amount", "date", "flag", "formula", "zip", "note"};
        Row h = s.createRow(1);
        for (int i = 0; i < header.length; i++) {
            h.createCell(i).setCellValue(header[i]);
        }
        h.createCell(12).setCellStyle(grey); // a formatted empty cell: not a column
        Row a = s.createRow(2);
        a.createCell(0).setCellValue(8633950000.0);
        a.createCell(1).setCellValue("天津力达橡胶厂");
        a.createCell(2).setCellValue(1012100);
        a.createCell(3).setCellValue(12.5);
        Cell d = a.createCell(4);
        d.setCellValue(LocalDate.of(2005, 3, 15));
        d.setCellStyle(date);
        a.createCell(5).setCellValue(true);
        Cell f = a.createCell(6);
        f.setCellFormula("D3*2");
        wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(f);
        Cell z = a.createCell(7);
        z.setCellValue(50011);
        z.setCellStyle(zeros);
        a.createCell(8).setCellValue("  spaces kept  ");
        s.createRow(3).createCell(2).setCellStyle(grey); // stored, blank
        Row b = s.createRow(5);
        b.createCell(0).setCellValue("0845011124");
        b.createCell(2).setCellValue(0.1 + 0.2);
        b.createCell(3).setCellValue(1e20);
        b.createCell(4).setCellValue(-0.5);
        b.createCell(5).setCellValue(false);
        b.createCell(6).setCellErrorValue(FormulaError.NA.getCode());
        Row c = s.createRow(6);
        c.createCell(0).setCellValue("x");
        c.createCell(10).setCellValue("beyond");
        for (int r = 7; r < 20; r++) {
            s.createRow(r).createCell(1).setCellStyle(grey);
        }
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    private static List<String> read(ExcelRecords records) {
        List<String> out = new ArrayList<>();
        records.forEachRemaining(r -> out.add(r.line() + (r instanceof AssembledRecord.Record rec
                ? " " + String.join("|", rec.fields()) : " malformed: " + ((AssembledRecord.Malformed) r).reason())));
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKindOfCellBecomesTheTextIngestTypesInEveryWorkbookFormat() throws IOException {
        for (Object[] w : WRITERS) {
            String name = (String) w[0];
            Path file = write(name, ((Supplier<Workbook>) w[1]).get());
            List<TableHeader> tables = ExcelRecords.tables(file, name);
            assertEquals(List.of(TableHeader.skipped("空表", "the sheet is empty"),
                    TableHeader.of("2005年", List.of("法人代码", "名称", "hs", "amount", "date", "flag", "formula", "zip",
                            "note"))), tables.subList(1, 3), name);
            assertEquals(List.of("本表为样本数据"), tables.get(0).header(), name);
            try (ExcelRecords records = ExcelRecords.open(Files.newInputStream(file), name + "#2005年", "2005年")) {
                assertEquals(tables.get(2).header(), records.header());
                assertEquals(List.of(
                        "3 8633950000|天津力达橡胶厂|1012100|12.5|2005-03-15|1|25|050011|  spaces kept  ",
                        "4 malformed: blank line",
                        "5 malformed: blank line",
                        "6 0845011124||0.3|100000000000000000000|-0.5|0|#N/A||",
                        "7 malformed: a value in column K, beyond the header's 9 columns"), read(records), name);
                assertEquals(6, records.linesRead(), name + ": the header and rows 3-7; the formatted rows 8-20 hold nothing");
            }
        }
    }

    @Test
    void theTemporaryCopyIsDeletedOnClose() throws IOException {
        Path file = write("copy.xlsx", new XSSFWorkbook());
        List<Path> before = temporaryCopies();
        ExcelRecords records = ExcelRecords.open(Files.newInputStream(file), "copy.xlsx#2005年", "2005年");
        assertEquals(before.size() + 1, temporaryCopies().size());
        records.close();
        records.close();
        assertEquals(before, temporaryCopies());
    }

    private static List<Path> temporaryCopies() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("quex-input-")).sorted().toList();
        }
    }

    @Test
    void aSheetThatIsNotThereOrAFileThatIsNoWorkbookFailsByName() throws IOException {
        Path file = write("named.xlsx", new XSSFWorkbook());
        QuexException e = assertThrows(QuexException.class,
                () -> ExcelRecords.open(Files.newInputStream(file), "named.xlsx#Sheet1", "Sheet1"));
        assertEquals("named.xlsx#Sheet1: the workbook has no sheet 'Sheet1' (it has [说明, 空表, 2005年])", e.getMessage());
        e = assertThrows(QuexException.class, () -> ExcelRecords.open(Files.newInputStream(file), "named.xlsx#空表", "空表"));
        assertEquals("named.xlsx#空表: the sheet is empty (no header row)", e.getMessage());
        Path bad = Files.write(tmp.resolve("asif_2003.xlsx"), "firm,name\n1,a\n".getBytes());
        e = assertThrows(QuexException.class, () -> ExcelRecords.tables(bad, "asif_2003.xlsx"));
        assertTrue(e.getMessage().startsWith("asif_2003.xlsx: not an Excel workbook"), e.getMessage());
        e = assertThrows(QuexException.class, () -> ExcelRecords.open(new ByteArrayInputStream(new byte[] {
                (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}),
                "cut.xls#Sheet1", "Sheet1"));
        assertTrue(e.getMessage().startsWith("cut.xls#Sheet1: not a readable Excel workbook ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    /** A workbook in the 1904 date system (Excel for Mac before 2011) stores dates 1,462 days lower. */
    @Test
    void datesOfThe1904DateSystem() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        var ct = wb.getCTWorkbook();
        (ct.isSetWorkbookPr() ? ct.getWorkbookPr() : ct.addNewWorkbookPr()).setDate1904(true);
        Sheet s = wb.createSheet("d");
        s.createRow(0).createCell(0).setCellValue("日期");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
        Cell c = s.createRow(1).createCell(0);
        c.setCellValue(LocalDate.of(2005, 12, 9));
        c.setCellStyle(date);
        assertEquals(org.apache.poi.ss.usermodel.DateUtil.getExcelDate(LocalDate.of(2005, 12, 9), false) - 1462,
                c.getNumericCellValue(), "stored in the 1904 system");
        Path file = tmp.resolve("mac.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        try (ExcelRecords records = ExcelRecords.open(Files.newInputStream(file), "mac.xlsx#d", "d")) {
            assertEquals(List.of("2 2005-12-09"), read(records));
        }
    }

    @Test
    void numbersArePlainDecimalsOfExcelsFifteenDigits() {
        assertEquals("1012100", CellText.number(1012100.0));
        assertEquals("8633950000", CellText.number(8633950000.0));
        assertEquals("0.3", CellText.number(0.1 + 0.2));
        assertEquals("123456789012345000000", CellText.number(1.23456789012345e20));
        assertEquals("0.0000001", CellText.number(1e-7));
        assertEquals("0", CellText.number(-0.0));
        assertEquals("-2.5", CellText.number(-2.5));
        assertEquals("A", CellText.column(0));
        assertEquals("Z", CellText.column(25));
        assertEquals("AA", CellText.column(26));
        assertEquals("XFD", CellText.column(16383));
    }
}
