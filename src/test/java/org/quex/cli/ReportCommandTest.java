package org.quex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CommandRun;
import org.quex.SparkTestSession;
import org.quex.estimate.FitResult;
import org.quex.report.FitDirectory;

/** quex report: one table from stored fits (a run's models and an estimate output), and its one-line errors. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private static String models(String sub) {
        return SparkTestSession.resource("report/demo_models/" + sub);
    }

    @Test
    void aTableFromARunsModelsAndOneEstimateOutput() throws Exception {
        // an estimate output of one's own: Table 3's model 3 copied under another name, with a key a later Quex may add
        Path own = tmp.resolve("fits/robust");
        Files.createDirectories(own);
        Files.copy(Path.of(models("table3/3/coefficients.csv")), own.resolve("coefficients.csv"));
        Files.writeString(own.resolve("fit.json"), Files.readString(Path.of(models("table3/3/fit.json")))
                .replaceFirst("\\{", "{\n  \"a_key_of_tomorrow\" : { \"x\" : [ 1, 2 ] },"));
        Path out = tmp.resolve("out");
        CommandRun r = CommandRun.of("report", models("table3"), own.toString(), "--out", out.toString(), "--id", "scale",
                "--title", "Export scale", "--groups", "Paper: 3 4-1 4-2 4-3 4-4 4-5; Mine: robust",
                "--reference", "paper", "--digits", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals("### Export scale", r.out().lines().findFirst().orElse(""));
        assertTrue(r.out().contains("|  | Paper |  |  |  |  |  | Mine |\n"), r.out());
        assertTrue(r.out().contains("|  | (3) | (4-1) | (4-2) | (4-3) | (4-4) | (4-5) | (robust) |\n"), r.out());
        for (String ext : List.of("md", "csv", "tex", "html", "xlsx", "docx")) {
            assertTrue(Files.size(out.resolve("tables/scale." + ext)) > 100, ext);
        }
        assertTrue(Files.isRegularFile(out.resolve("plots/scale.png")));
        FitResult fit = FitDirectory.read(own);
        String csv = Files.readString(out.resolve("tables/scale.csv"));
        double qu = fit.terms().stream().filter(t -> t.name().equals("qu")).findFirst().orElseThrow().estimate();
        assertTrue(csv.contains("scale,robust,qu," + qu + ","), csv);
        // the copy is the paper's model 3 by formula, so it gets the paper's value too
        String md = Files.readString(out.resolve("tables/scale.md"));
        assertTrue(md.matches("(?s).*\\| qu \\| [-0-9.]+ \\|.*\\n\\|  \\| \\[[-0-9.]+\\] .*\\| \\[[-0-9.]+\\] \\|\\n.*"), md);
    }

    /** The margins.csv row of an effect: at (average or means) and term. */
    private static String[] marginsRow(Path fit, String at, String term) throws Exception {
        return Files.readAllLines(fit.resolve("margins.csv")).stream().map(l -> l.split(","))
                .filter(f -> f[0].equals(at) && f[1].equals(term)).findFirst().orElseThrow();
    }

    @Test
    void probitColumnsShowTheMarginalEffectsEstimateStored() throws Exception {
        Path ame = tmp.resolve("fits/spector");
        CommandRun e = CommandRun.of("estimate", "--input", SparkTestSession.resource("oracles/spector.csv"), "--model",
                "probit", "--formula", "GRADE ~ GPA + TUCE + PSI", "--vce", "robust", "--margins", "--out", ame.toString());
        assertEquals(0, e.status(), e.err());
        Path out = tmp.resolve("out");
        // one value for every probit column: the FE column keeps its coefficients; the fit given as a file:// URI
        CommandRun r = CommandRun.of("report", ame.toUri().toString(), models("table3/3"), "--out", out.toString(),
                "--id", "ame", "--show", "margins", "--digits", "3");
        assertEquals(0, r.status(), r.err());
        String[] gpa = marginsRow(ame, "average", "GPA");
        String[] psi = marginsRow(ame, "average", "PSI");
        String md = Files.readString(out.resolve("tables/ame.md"));
        assertEquals(md, r.out().substring(0, md.length()));
        assertTrue(md.contains("| Reported | AME | Coefficient |\n"), md);
        String gpaCell = String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(gpa[3]));
        String stars = Double.parseDouble(gpa[6]) < 0.01 ? "***" : Double.parseDouble(gpa[6]) < 0.05 ? "**"
                : Double.parseDouble(gpa[6]) < 0.1 ? "*" : "";
        assertTrue(md.contains("| GPA | " + gpaCell + stars + " |  |\n|  | ("
                + String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(gpa[4])) + ") |  |\n"), md);
        assertTrue(md.contains("| PSI | " + String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(psi[3]))), md);
        assertTrue(md.matches("(?s).*\\| Constant \\|  \\| [-0-9.]+\\**? \\|.*"), "no effect of the constant: " + md);
        assertTrue(md.contains("\nAME: Average marginal effects (dy/dx; for a 0/1 regressor the discrete change from 0 to 1)"
                + " with delta-method standard errors, in (spector).\n"), md);
        String csv = Files.readString(out.resolve("tables/ame.csv"));
        assertTrue(csv.startsWith("table,model,term,estimate,std_error,statistic,p_value,stars,omitted,reference,label,shown\n"));
        assertTrue(csv.contains("ame,spector,GPA," + Double.parseDouble(gpa[3]) + "," + Double.parseDouble(gpa[4]) + ","
                + Double.parseDouble(gpa[5]) + "," + Double.parseDouble(gpa[6]) + "," + stars + ",false,,GPA,margins\n"), csv);
        assertTrue(csv.contains("ame,3,qu,") && csv.contains(",qu,coefficients\n"), csv);
        assertTrue(Files.readString(out.resolve("tables/ame.tex")).contains("AME: Average marginal effects"));
        assertTrue(Files.readString(out.resolve("tables/ame.html")).contains("<td>" + gpaCell + "<sup>"));
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                Files.newInputStream(out.resolve("tables/ame.xlsx")))) {
            boolean found = false;
            for (org.apache.poi.ss.usermodel.Row row : wb.getSheetAt(0)) {
                if (row.getCell(0) != null && "GPA".equals(row.getCell(0).toString())) {
                    assertEquals(Double.parseDouble(gpa[3]), row.getCell(1).getNumericCellValue(), 0.0);
                    found = true;
                }
            }
            assertTrue(found, "GPA row in the sheet");
        }
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(
                Files.newInputStream(out.resolve("tables/ame.docx")))) {
            String text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc).getText();
            assertTrue(text.contains(gpaCell + stars) && text.contains("AME: Average marginal effects"), text);
        }

        // one value per fit: the effects at the means
        CommandRun at = CommandRun.of("report", ame.toString(), ame.toString(), "--out", tmp.resolve("at").toString(),
                "--columns", "coef,mem", "--show", "coefficients,atmeans", "--digits", "4");
        assertEquals(0, at.status(), at.err());
        String[] gpaMeans = marginsRow(ame, "means", "GPA");
        assertTrue(at.out().contains("| Reported | Coefficient | MEM |\n"), at.out());
        assertTrue(at.out().contains(" | " + String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(gpaMeans[3]))),
                at.out());
        assertTrue(at.out().contains("\nMEM: Marginal effects at means (dy/dx;"), at.out());

        // a fit estimated without --margins: one line naming it
        Path plain = tmp.resolve("fits/plain");
        Files.createDirectories(plain);
        Files.copy(ame.resolve("fit.json"), plain.resolve("fit.json"));
        Files.copy(ame.resolve("coefficients.csv"), plain.resolve("coefficients.csv"));
        CommandRun none = CommandRun.of("report", plain.toString(), "--out", tmp.resolve("o").toString(), "--show", "margins");
        assertEquals(1, none.status());
        assertEquals("quex report: error: " + plain + ": no margins.csv for --show margins (rerun estimate with --margins, or set margins = true in the model"
                + " file)", none.err().strip());
        CommandRun bad = CommandRun.of("report", ame.toString(), "--out", tmp.resolve("o").toString(), "--show", "margin");
        assertEquals(1, bad.status());
        assertTrue(bad.err().startsWith("quex report: error: --show 'margin' is not one of coefficients, margins, atmeans"),
                bad.err());
    }

    @Test
    void badFitDirectoriesAndOptionsFailInOneLine() {
        CommandRun missing = CommandRun.of("report", tmp.resolve("nowhere").toString(), "--out", tmp.toString());
        assertEquals(1, missing.status());
        assertEquals("quex report: error: fit directory " + tmp.resolve("nowhere") + " does not exist (give directories"
                + " that estimate or run wrote: they hold fit.json)", missing.err().strip());

        CommandRun truth = CommandRun.of("report", models("table2"), "--out", tmp.toString(), "--reference", "truth");
        assertEquals(1, truth.status());
        assertEquals("quex report: error: --reference truth needs --truth FILE (truth/coefficients.csv of generated data)",
                truth.err().strip());

        CommandRun columns = CommandRun.of("report", models("table2"), "--out", tmp.toString(), "--titles", "a,b");
        assertEquals(1, columns.status());
        assertEquals("quex report: error: --titles has 2 entries for 6 fits", columns.err().strip());

        CommandRun noFits = CommandRun.of("report", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, noFits.status());
        assertEquals("quex report: error: no fit.json under " + tmp + " (give directories that estimate or run wrote)",
                noFits.err().strip());
    }
}
