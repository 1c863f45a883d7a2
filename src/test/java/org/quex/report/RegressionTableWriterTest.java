package org.quex.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.quex.estimate.FitResult;
import org.w3c.dom.Document;

class RegressionTableWriterTest {
    private static final RegressionTable TABLE2 = Fits.probitTable();

    @Test
    void coefficientHasFourDecimalsAndStarsAndTheStandardErrorIsBelowIt() {
        String md = RegressionTableWriter.markdown(TABLE2);
        assertTrue(md.contains("| qu | 0.0044*** | 0.0100** |\n|  | (0.0011) | (0.0046) |\n"), md);
        assertTrue(md.contains("| ln(cap) | 0.0500* | 0.0200 |\n"), md);
    }

    @Test
    void starsFollowTheTenFiveOnePercentConvention() {
        assertEquals("***", TableLayout.stars(0.0099));
        assertEquals("**", TableLayout.stars(0.01));
        assertEquals("*", TableLayout.stars(0.05));
        assertEquals("", TableLayout.stars(0.10));
        assertEquals("", TableLayout.stars(Double.NaN));
    }

    @Test
    void aTermAModelLacksIsBlankAndAnOmittedTermSaysSo() {
        String md = RegressionTableWriter.markdown(TABLE2);
        assertTrue(md.contains("| rd |  | (omitted) |\n|  |  |  |\n"), md);
        assertTrue(md.contains("(2-1) omits rd (collinear)."), md);
    }

    @Test
    void aTermALaterModelAddsStandsWhereThatModelHasIt() {
        FitResult base = Fits.probit("ex ~ qu + pro + sta", 100, 0.1, Fits.term("qu", 1, 1, 0.5),
                Fits.term("pro", 1, 1, 0.5), Fits.term("sta", 1, 1, 0.5), Fits.term("_cons", 1, 1, 0.5));
        FitResult withRd = Fits.probit("ex ~ qu + pro + rd + sta", 100, 0.1, Fits.term("qu", 1, 1, 0.5),
                Fits.term("pro", 1, 1, 0.5), Fits.term("rd", 1, 1, 0.5), Fits.term("sta", 1, 1, 0.5),
                Fits.term("_cons", 1, 1, 0.5));
        FitResult withSi = Fits.probit("ex ~ qu + pro + si + si2 + sta", 100, 0.1, Fits.term("qu", 1, 1, 0.5),
                Fits.term("pro", 1, 1, 0.5), Fits.term("si", 1, 1, 0.5), Fits.term("si2", 1, 1, 0.5),
                Fits.term("sta", 1, 1, 0.5), Fits.term("_cons", 1, 1, 0.5));
        RegressionTable t = new RegressionTable("table2", "Table 2", "", List.of(new ModelColumn("1", base),
                new ModelColumn("2-1", withRd), new ModelColumn("2-5", withSi)));
        assertEquals(List.of("qu", "pro", "rd", "si", "si2", "sta", "_cons"), t.terms());
    }

    @Test
    void theConstantIsTheLastRowEvenWhenAModelListsATermAfterIt() {
        assertEquals(List.of("qu", "ln_cap", "rd", "_cons"), TABLE2.terms());
        String md = RegressionTableWriter.markdown(TABLE2);
        assertTrue(md.indexOf("| rd |") < md.indexOf("| Constant | -1.2000*** | -1.1000*** |"), md);
    }

    @Test
    void headerNamesModelsDependentVariableAndEstimator() {
        String md = RegressionTableWriter.markdown(TABLE2);
        assertTrue(md.startsWith("### Table 2. Product quality upgrading and export status (Probit)\n\n"
                + "|  | (1) | (2-1) |\n|---|---:|---:|\n| Dependent variable | ex | ex |\n| Estimator | Probit | Probit |\n"),
                md);
    }

    @Test
    void probitColumnsReportNAndPseudoR2AndTheStarLegend() {
        String md = RegressionTableWriter.markdown(TABLE2);
        assertTrue(md.contains("| N | 418,213 | 418,213 |\n| Pseudo R² | 0.1234 | 0.1300 |\n| VCE | OIM | OIM |\n"),
                md);
        assertFalse(md.contains("FE |"), "no fixed-effects row without absorbed effects");
        assertFalse(md.contains("Adj."), md);
        assertTrue(md.contains("Standard errors in parentheses; * p<0.10, ** p<0.05, *** p<0.01 (z tests)."), md);
    }

    @Test
    void feColumnsReportAdjustedWithinR2GroupsAndClusteredErrors() {
        String md = RegressionTableWriter.markdown(Fits.feTable());
        assertTrue(md.contains("| firm FE | Yes |\n| N | 120,000 |\n| Within R² | 0.2600 |\n| Adjusted within R² | 0.2500 |\n"
                + "| Groups | 1,000 |\n| VCE | Cluster (firm) |\n"), md);
        assertFalse(md.contains("Pseudo"), md);
        assertTrue(md.contains("(t tests)"), md);
        assertTrue(md.contains("(3) omits age (constant within firm)."), md);
    }

    @Test
    void feColumnsWithTheDummyVariableR2ShowRAndAdjustedRBeforeTheWithinOnes() {
        FitResult m3 = Fits.feTable().models().get(0).fit();
        FitResult.Linear within = (FitResult.Linear) m3.statistics();
        FitResult withR2 = new FitResult(m3.spec(), m3.terms(), m3.sample(), m3.convergence(), new FitResult.Linear(
                within.dfResidual(), within.dfModel(), within.rss(), within.rmse(), 500.0, 0.8123, 0.7456, null,
                within.r2Within(), within.adjR2Within()), null, m3.notes(), null);
        RegressionTable t = new RegressionTable("t", "FE", null, List.of(new ModelColumn("3", withR2)));
        String md = RegressionTableWriter.markdown(t);
        assertTrue(md.contains("| N | 120,000 |\n| R² | 0.8123 |\n| Adjusted R² | 0.7456 |\n| Within R² | 0.2600 |\n"
                + "| Adjusted within R² | 0.2500 |\n"), md);
        Map<String, String[]> csv = csvRows(RegressionTableWriter.csv(t));
        assertEquals(0.7456, Double.parseDouble(csv.get("3/adj_r2")[3]), 0.0);
        assertEquals("Adjusted R²", csv.get("3/adj_r2")[10]);
    }

    @Test
    void referenceValuesAreABracketedRowUnderTheStandardError() {
        RegressionTable t = TABLE2.withReference(new ReferenceValues("truth",
                Map.of("1", Map.of("qu", 0.0044), "2-1", Map.of("ln_cap", -0.01))));
        String md = RegressionTableWriter.markdown(t);
        assertTrue(md.contains("| qu | 0.0044*** | 0.0100** |\n|  | (0.0011) | (0.0046) |\n|  | [0.0044] |  |\n"), md);
        assertTrue(md.contains("|  | (0.0300) | (0.0300) |\n|  |  | [-0.0100] |\n"), md);
        assertFalse(md.contains("| rd |  | (omitted) |\n|  |  |  |\n|  |"), "no reference row without values");
        assertTrue(md.contains("In brackets: truth."), md);
    }

    @Test
    void marginsColumnsPrintTheStoredEffectsInEveryFormat() throws Exception {
        RegressionTable t = PaperTables.spectorMargins();
        java.util.List<String[]> margins = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                org.quex.SparkTestSession.resource("report/spector_margins/margins.csv"))).stream().skip(1)
                .map(l -> l.split(",")).toList();
        assertEquals(6, margins.size());
        String md = RegressionTableWriter.markdown(t);
        String tex = RegressionTableWriter.latex(t);
        String html = RegressionTableWriter.html(t, null);
        Map<String, String[]> csv = csvRows(RegressionTableWriter.csv(t));
        assertTrue(md.contains("| Reported | Coefficient | AME | MEM |\n"), md);
        for (String[] m : margins) {
            String column = m[0].equals("average") ? "ame" : "mem";
            double estimate = Double.parseDouble(m[3]);
            double se = Double.parseDouble(m[4]);
            String cell = String.format(java.util.Locale.ROOT, "%.4f", estimate);
            String stars = TableLayout.stars(Double.parseDouble(m[6]));
            FitResult.Term shown = t.models().stream().filter(c -> c.id().equals(column)).findFirst().orElseThrow()
                    .term(m[1]).orElseThrow();
            assertEquals(estimate, shown.estimate(), 0.0, m[1]);
            assertEquals(se, shown.stdError(), 0.0, m[1]);
            assertTrue(md.contains(cell + stars + " |") && md.contains("(" + String.format(java.util.Locale.ROOT, "%.4f", se)
                    + ")"), cell + " in " + md);
            assertTrue(tex.contains(cell + (stars.isEmpty() ? "" : "^{" + stars + "}")), cell + " in " + tex);
            assertTrue(html.contains("<td>" + cell + (stars.isEmpty() ? "</td>" : "<sup>" + stars + "</sup>")), html);
            String[] row = csv.get(column + "/" + m[1]);
            assertEquals(estimate, Double.parseDouble(row[3]), 0.0);
            assertEquals(se, Double.parseDouble(row[4]), 0.0);
            assertEquals(Double.parseDouble(m[6]), Double.parseDouble(row[6]), 0.0);
            assertEquals(m[0].equals("average") ? "margins" : "atmeans", row[11]);
        }
        assertEquals("coefficients", csv.get("coef/GPA")[11]);
        assertFalse(csv.containsKey("ame/_cons"), "a constant has no marginal effect");
        assertTrue(csv.containsKey("coef/_cons"));
        assertTrue(md.contains("\nAME: Average marginal effects (dy/dx; for a 0/1 regressor the discrete change from 0 to 1)"
                + " with delta-method standard errors, in (ame).\n"), md);
        assertTrue(md.contains("\nMEM: Marginal effects at means (dy/dx;"), md);
        assertTrue(tex.contains("AME: Average marginal effects"), tex);
        // references are coefficients: never under a marginal effect
        RegressionTable withTruth = t.withReference(new ReferenceValues("truth", Map.of("coef", Map.of("GPA", 1.5),
                "ame", Map.of("GPA", 1.5))));
        assertEquals(1.5, withTruth.reference("coef", "GPA"));
        assertEquals(null, withTruth.reference("ame", "GPA"));
    }

    @Test
    void marginsNeedAProbitWithStoredEffects() {
        FitResult fe = Fits.feTable().models().get(0).fit();
        org.quex.QuexException notProbit = org.junit.jupiter.api.Assertions.assertThrows(org.quex.QuexException.class,
                () -> new ModelColumn("3", fe, null, Shown.MARGINS));
        assertEquals("column 3: margins (marginal effects) is for probit models; this one is fe", notProbit.getMessage());
        FitResult probit = TABLE2.models().get(0).fit();
        org.quex.QuexException none = org.junit.jupiter.api.Assertions.assertThrows(org.quex.QuexException.class,
                () -> new ModelColumn("1", probit, null, Shown.ATMEANS));
        assertEquals("column 1: the fit has no marginal effects (estimate it with --margins, or margins = true in its"
                + " model file)", none.getMessage());
    }

    @Test
    void csvRoundTripsEveryNumberAndCarriesFitStatistics() {
        RegressionTable t = TABLE2.withReference(new ReferenceValues("paper", Map.of("1", Map.of("qu", 0.0041))));
        Map<String, String[]> rows = csvRows(RegressionTableWriter.csv(t));
        for (ModelColumn m : t.models()) {
            for (FitResult.Term x : m.fit().terms()) {
                String[] row = rows.get(m.id() + "/" + x.name());
                if (x.omitted()) {
                    assertEquals(List.of("", "", "", "", "", "true"), Arrays.asList(row).subList(3, 9));
                } else {
                    assertEquals(x.estimate(), Double.parseDouble(row[3]), 0.0);
                    assertEquals(x.stdError(), Double.parseDouble(row[4]), 0.0);
                    assertEquals(x.statistic(), Double.parseDouble(row[5]), 0.0);
                    assertEquals(x.pValue(), Double.parseDouble(row[6]), 0.0);
                    assertEquals(TableLayout.stars(x.pValue()), row[7]);
                    assertEquals("false", row[8]);
                }
            }
        }
        assertEquals(0.0041, Double.parseDouble(rows.get("1/qu")[9]), 0.0);
        assertEquals("coefficients", rows.get("1/qu")[11]);
        assertEquals("", rows.get("1/N")[11], "a statistic shows no term");
        assertEquals("", rows.get("2-1/qu")[9]);
        assertEquals(418213.0, Double.parseDouble(rows.get("1/N")[3]), 0.0);
        assertEquals(0.1234, Double.parseDouble(rows.get("1/pseudo_r2")[3]), 0.0);
        assertFalse(rows.containsKey("1/rd"), "a term the model lacks has no row");
        Map<String, String[]> fe = csvRows(RegressionTableWriter.csv(Fits.feTable()));
        assertEquals(0.25, Double.parseDouble(fe.get("3/adj_r2_within")[3]), 0.0);
        assertEquals(1000.0, Double.parseDouble(fe.get("3/n_groups")[3]), 0.0);
    }

    /** Rows keyed by model/term; every row has the header's twelve fields. */
    private static Map<String, String[]> csvRows(String csv) {
        String[] lines = csv.split("\n");
        assertEquals(RegressionTableWriter.CSV_HEADER.strip(), lines[0]);
        Map<String, String[]> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertEquals(12, f.length, lines[i]);
            rows.put(f[1] + "/" + f[2], f);
        }
        return rows;
    }

    @Test
    void latexUsesBooktabsEscapesUnderscoresAndBalancesEnvironments() {
        String tex = RegressionTableWriter.latex(TABLE2);
        assertTrue(tex.contains("ln(cap) & 0.0500^{*} & 0.0200 \\\\\n"), tex);
        assertTrue(tex.contains("Constant & -1.2000^{***} & -1.1000^{***}"), tex);
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("\\caption{Product quality upgrading and export status (Probit)}"), tex);
        assertTrue(tex.contains("\\label{tab:table2}"), tex);
        assertTrue(tex.contains("Pseudo R\\textsuperscript{2}"), tex);
        assertTrue(tex.contains("\\begin{tabular}{lD{.}{.}{3.7}D{.}{.}{3.7}}"), "decimal-aligned columns: " + tex);
        assertTrue(tex.contains("N & \\multicolumn{1}{c}{418,213} &"), tex);
        assertTrue(tex.contains("p$<$0.10"), tex);
        assertFalse(tex.replace("\\_", "").contains("_"), "every underscore escaped");
        assertBalanced(tex);
    }

    private static void assertBalanced(String tex) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = Pattern.compile("\\\\(begin|end)\\{([a-z]+)\\}").matcher(tex);
        int count = 0;
        while (m.find()) {
            count++;
            if (m.group(1).equals("begin")) {
                open.push(m.group(2));
            } else {
                assertEquals(open.pop(), m.group(2), tex);
            }
        }
        assertTrue(open.isEmpty(), tex);
        assertEquals(8, count, "table, threeparttable, tabular and tablenotes");
    }

    @Test
    void htmlIsOneWellFormedPageWithTheTableAndTheFigure() throws Exception {
        RegressionTable t = new RegressionTable("t", "Returns <to> scale & more", "Exporters with sales > 5m & <10 workers",
                TABLE2.models());
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"2\"/></svg>";
        String html = RegressionTableWriter.html(t, svg);
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());
        assertEquals("Returns <to> scale & more", doc.getElementsByTagName("caption").item(0).getTextContent());
        assertTrue(html.contains("<th scope=\"row\">qu</th><td>0.0044<sup>***</sup></td><td>0.0100<sup>**</sup></td>"),
                html);
        assertTrue(html.contains("<p>Exporters with sales &gt; 5m &amp; &lt;10 workers</p>"), html);
        assertFalse(html.matches("(?s).*\\b(src|href)=.*"), "no external resources");
        assertFalse(RegressionTableWriter.html(t, null).contains("<svg"));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
