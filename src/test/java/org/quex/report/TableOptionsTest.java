package org.quex.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.estimate.FitResult;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.PaperValues;

/** Labels, digits, column titles and groups, reference values, and the Excel and Word files. */
class TableOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void thePackedLabelsAreThePapersNamesAndAFileOfOnesOwnOrNoneReplacesThem() throws Exception {
        String md = RegressionTableWriter.markdown(PaperTables.table("table3", "Table 3"));
        assertTrue(md.contains("| age² | -0.0007*** |"), md);
        assertTrue(md.contains("| scale₁ | 0.8685*** |"), md);
        assertTrue(md.contains("| Dependent variable | ln(export) |"), md);
        assertTrue(md.contains("| Firm FE | Yes | Yes |"), md);
        Path own = tmp.resolve("labels.conf");
        Files.writeString(own, "qu = Quality upgrading\nfe.firm_id = Firm effects\n");
        String mine = RegressionTableWriter.markdown(PaperTables.table("table3", "Table 3")
                .withFormat(TableFormat.paper().withLabels(Labels.load(own.toString()))));
        assertTrue(mine.contains("| Quality upgrading | -0.0026 |"), mine);
        assertTrue(mine.contains("| age2 | -0.0007*** |"), "a variable the file does not label keeps its name");
        assertTrue(mine.contains("| Firm effects | Yes |"), mine);
        String none = RegressionTableWriter.markdown(PaperTables.table("table3", "Table 3")
                .withFormat(TableFormat.paper().withLabels(Labels.load("none"))));
        assertTrue(none.contains("| ln_cap | 0.0978 |") && none.contains("| firm_id FE | Yes |"), none);
        QuexException missing = assertThrows(QuexException.class, () -> Labels.load(tmp.resolve("no.conf").toString()));
        assertEquals("labels file " + tmp.resolve("no.conf") + " does not exist", missing.getMessage());
    }

    @Test
    void digitsAreSetPerTableAndPerTerm() {
        RegressionTable t = PaperTables.table("table2", "Table 2");
        TableFormat f = TableFormat.parseDigits("3, si2=1", TableFormat.paper(), "--digits");
        String md = RegressionTableWriter.markdown(t.withFormat(f));
        FitResult.Term qu = t.models().get(0).term("qu").orElseThrow();
        assertTrue(md.contains("| qu | " + String.format(java.util.Locale.ROOT, "%.3f", qu.estimate()) + " |"), md);
        FitResult.Term si2 = t.models().get(5).term("si2").orElseThrow();
        assertTrue(md.contains("| si² |  |  |  |  |  | " + String.format(java.util.Locale.ROOT, "%.1f", si2.estimate())
                + " |\n|  |  |  |  |  |  | (" + String.format(java.util.Locale.ROOT, "%.1f", si2.stdError()) + ") |\n"), md);
        QuexException bad = assertThrows(QuexException.class, () -> TableFormat.parseDigits("si2=x", TableFormat.paper(),
                "--digits"));
        assertEquals("--digits: digits 'si2=x' is not N or TERM=N (e.g. 3, si2=1)", bad.getMessage());
    }

    @Test
    void statisticsRowsCarryStatasNamesAndFixedEffectsRows() {
        String md = RegressionTableWriter.markdown(PaperTables.table("table2", "Table 2"));
        assertTrue(md.contains("| N | 20,997 |") || md.matches("(?s).*\\| N \\| [0-9,]+ \\|.*"), md);
        assertTrue(md.contains("| Pseudo R² | "), md);
        assertTrue(md.contains("| Log likelihood | "), md);
        assertTrue(md.contains("| LR χ² | "), md);
        assertFalse(md.contains("FE |"), "probit has no absorbed effects");
        String fe = RegressionTableWriter.markdown(PaperTables.table("table4", "Table 4"));
        assertTrue(fe.contains("| Within R² | ") && fe.contains("| Adjusted within R² | ") && fe.contains("| Groups | "), fe);
    }

    @Test
    void theFeNotesBarIsEscapedInLatexAndColumnTitlesAndGroupsPrintEverywhere() {
        RegressionTable t = PaperTables.table("table3", "Table 3");
        List<ModelColumn> titled = new ArrayList<>();
        for (ModelColumn m : t.models()) {
            titled.add(new ModelColumn(m.id(), m.fit(), m.id().equals("3") ? "Baseline" : null));
        }
        RegressionTable g = new RegressionTable(t.id(), t.title(), t.note(), titled, null,
                ModelTable.parseGroups("Baseline: 3; Finance: 4-1 4-2 4-3; Market: 4-4 4-5", "test"), t.format());
        String tex = LatexTableWriter.latex(g);
        assertTrue(tex.contains("absorbed (\\textbar{} firm\\_id)."), tex);
        assertTrue(tex.contains(" & \\multicolumn{1}{c}{Baseline} & \\multicolumn{3}{c}{Finance} & \\multicolumn{2}{c}{Market} \\\\\n"
                + "\\cmidrule(lr){2-2}\\cmidrule(lr){3-5}\\cmidrule(lr){6-7}\n"), tex);
        assertTrue(tex.contains(" & \\multicolumn{1}{c}{Baseline} &  &  &  &  &  \\\\\n"), "title row: " + tex);
        String html = RegressionTableWriter.html(g, null);
        assertTrue(html.contains("<tr class=\"groups\"><th></th><th colspan=\"1\">Baseline</th><th colspan=\"3\">Finance</th>"
                + "<th colspan=\"2\">Market</th></tr>"), html);
        String md = RegressionTableWriter.markdown(g);
        assertTrue(md.contains("|  | Baseline | Finance |  |  | Market |  |\n|---|"), md);
        QuexException notAdjacent = assertThrows(QuexException.class, () -> t.withGroups(
                ModelTable.parseGroups("Odd: 3 4-2", "test")));
        assertTrue(notAdjacent.getMessage().startsWith("table table3: group 'Odd' is not a run of adjacent columns"),
                notAdjacent.getMessage());
    }

    @Test
    void paperValuesGoToThePapersModelsByFormulaWhateverTheTableIsCalled() {
        RegressionTable t = PaperTables.table("table2", "Table 2");
        List<ModelColumn> renamed = new ArrayList<>();
        for (ModelColumn m : t.models()) {
            renamed.add(new ModelColumn("m" + m.id(), m.fit()));
        }
        ReferenceValues paper = PaperValues.of(renamed);
        assertEquals(0.0044, paper.value("m1", "qu"), 0.0);
        assertEquals(0.0051, paper.value("m2-1", "qu"), 0.0);
        // a model of one's own (Table 2's model 1 without sta) is not the paper's
        FitResult own = Fits.probit("ex ~ qu + tfp + ln_cap + age + age2 + scale1 + scale2 + scale3 + pro + cen", 100, 0.1,
                Fits.term("qu", 1, 1, 0.5));
        assertNull(PaperValues.of(List.of(new ModelColumn("1", own))));
        assertFalse(RegressionTableWriter.markdown(t).contains("["), "no reference rows unless asked");
        assertTrue(RegressionTableWriter.markdown(t.withReference(PaperValues.of(t.models()))).contains("|  | [0.0044] |"));
    }

    @Test
    void theWorkbookHoldsTheCsvNumbersAtFullPrecisionAndTheWordFileOpens() throws Exception {
        RegressionTable t = PaperTables.table("table2", "Table 2").withReference(PaperValues.of(
                PaperTables.table("table2", "Table 2").models()));
        Map<String, String[]> csv = new HashMap<>();
        for (String line : RegressionTableWriter.csv(t).split("\n")) {
            String[] f = OfficeTableWriter.csvFields(line).toArray(String[]::new);
            csv.put(f[1] + "/" + f[2], f);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(OfficeTableWriter.xlsx(t)))) {
            Sheet table = wb.getSheet("table2");
            // the table sheet: model columns from B, the coefficient of qu in model 2-1 and its standard error below it
            Row qu = findRow(table, "qu");
            Cell coefficient = qu.getCell(2);
            assertEquals(CellType.NUMERIC, coefficient.getCellType());
            assertEquals(Double.parseDouble(csv.get("2-1/qu")[3]), coefficient.getNumericCellValue(), 0.0);
            assertEquals(csv.get("2-1/qu")[7], new DataFormatter().formatCellValue(coefficient).replaceAll("[^*]", ""));
            Cell se = table.getRow(qu.getRowNum() + 1).getCell(2);
            assertEquals(Double.parseDouble(csv.get("2-1/qu")[4]), se.getNumericCellValue(), 0.0);
            assertEquals("(" + ReportNumbers.fourDecimals(se.getNumericCellValue()) + ")", new DataFormatter().formatCellValue(se));
            // the data sheet: every number of the CSV, as a number
            Sheet data = wb.getSheet("data");
            int numbers = 0;
            for (Row r : data) {
                if (r.getRowNum() == 0) {
                    continue;
                }
                String[] f = csv.get(r.getCell(1).getStringCellValue() + "/" + r.getCell(2).getStringCellValue());
                for (int i = 3; i <= 6; i++) {
                    Cell c = r.getCell(i);
                    if (f[i].isEmpty()) {
                        assertNull(c);
                    } else {
                        assertEquals(Double.parseDouble(f[i]), c.getNumericCellValue(), 0.0, f[1] + "/" + f[2]);
                        numbers++;
                    }
                }
            }
            assertEquals(csv.size() - 1, data.getLastRowNum(), "one row per CSV row");
            assertTrue(numbers > 6 * 13 * 4, "numbers compared: " + numbers);
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(OfficeTableWriter.docx(t)))) {
            assertEquals("Table 2", doc.getParagraphs().get(0).getText());
            assertEquals("(2-1)", doc.getTables().get(0).getRow(0).getCell(2).getText());
            assertTrue(doc.getTables().get(0).getText().contains("ln(cap)"));
        }
    }

    private static Row findRow(Sheet sheet, String label) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && r.getCell(0).getCellType() == CellType.STRING
                    && r.getCell(0).getStringCellValue().equals(label)) {
                return r;
            }
        }
        throw new AssertionError("no row " + label);
    }
}
