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

/** The estimate command as a user runs it: files written, exit codes, one-line errors. */
class EstimateCommandTest {
    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void writesCoefficientsAndFitForTheSpectorProbit() throws Exception {
        Path out = tmp.resolve("spector");
        CommandRun r = run("estimate", "--input", SparkTestSession.resource("oracles/spector.csv"), "--model", "probit",
                "--formula", "GRADE ~ GPA + TUCE + PSI", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("coefficients.csv"));
        assertEquals("term,estimate,std_error,statistic,p_value,omitted,note", csv.get(0));
        assertEquals(5, csv.size());
        String[] gpa = csv.get(1).split(",");
        assertEquals("GPA", gpa[0]);
        assertEquals(1.62581025407, Double.parseDouble(gpa[1]), 1e-5 * 1.6);
        assertTrue(csv.get(4).startsWith("_cons,"));
        String fit = Files.readString(out.resolve("fit.json"));
        for (String key : new String[] {"\"n\" : 32", "\"iterations\"", "\"converged\" : true", "\"vce\" : \"oim\"",
            "\"ll\"", "\"ll0\"", "\"pseudo_r2\""}) {
            assertTrue(fit.contains(key), key + " in " + fit);
        }
        assertTrue(r.out().contains("GPA") && r.out().contains("_cons"), r.out());
    }

    @Test
    void writesVcovMarginsAndPredictionsWhenAsked() throws Exception {
        Path out = tmp.resolve("spector-margins");
        Path predictions = tmp.resolve("predictions");
        CommandRun r = run("estimate", "--input", SparkTestSession.resource("oracles/spector.csv"), "--model", "probit",
                "--formula", "GRADE ~ GPA + TUCE + PSI", "--vce", "robust", "--margins", "--predict",
                predictions.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> vcov = Files.readAllLines(out.resolve("vcov.csv"));
        assertEquals("term,GPA,TUCE,PSI,_cons", vcov.get(0));
        assertEquals(5, vcov.size());
        String[] coef = Files.readAllLines(out.resolve("coefficients.csv")).get(1).split(",");
        double se = Double.parseDouble(coef[2]);
        assertEquals(se * se, Double.parseDouble(vcov.get(1).split(",")[1]), 1e-15 * se * se);
        assertEquals(vcov.get(1).split(",")[2], vcov.get(2).split(",")[1], "symmetric");
        List<String> margins = Files.readAllLines(out.resolve("margins.csv"));
        assertEquals("at,term,effect,estimate,std_error,statistic,p_value,conf_low,conf_high", margins.get(0));
        assertTrue(margins.get(3).startsWith("average,PSI,discrete,"), margins.toString());
        assertEquals(7, margins.size());
        assertTrue(r.out().contains("Average marginal effects") && r.out().contains("1.PSI"), r.out());
        java.util.List<org.apache.spark.sql.Row> rows = SparkTestSession.get().read().parquet(predictions.toString())
                .select("_xb", "_fitted", "_residual", "_sample").collectAsList();
        assertEquals(32, rows.size());
        assertTrue(rows.stream().allMatch(x -> x.getBoolean(3)));
    }

    @Test
    void omittedTermsHaveEmptyNumbersAndAreListedInFitJson() throws Exception {
        Path out = tmp.resolve("fe");
        CommandRun r = run("estimate", "--input", SparkTestSession.resource("oracles/fe_panel_small.csv"), "--model", "fe",
                "--formula", "y ~ z1 + z2 + z3 + tinv + z4 | firm", "--vce", "cluster:firm", "--keep-singletons",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("coefficients.csv"));
        assertTrue(csv.contains("tinv,,,,,true,omitted: constant within firm"), csv.toString());
        assertTrue(csv.contains("z4,,,,,true,omitted: collinear"), csv.toString());
        String fit = Files.readString(out.resolve("fit.json"));
        assertTrue(fit.contains("\"omitted\" : [ \"tinv\", \"z4\" ]"), fit);
        assertTrue(fit.contains("\"n_groups\" : 3000") && fit.contains("\"n_clusters\" : 3000"), fit);
        assertTrue(fit.contains("\"r2_within\"") && fit.contains("\"adj_r2_within\""), fit);
    }

    @Test
    void badInputOrOptionExitsNonZeroWithOneClearLine() {
        CommandRun missingColumn = run("estimate", "--input", SparkTestSession.resource("oracles/spector.csv"), "--model",
                "probit", "--formula", "GRADE ~ GPA + SAT", "--out", tmp.resolve("x").toString());
        assertEquals(1, missingColumn.status());
        assertEquals("quex estimate: error: column 'SAT' not found in the input (columns: GPA, TUCE, PSI, GRADE)",
                missingColumn.err().strip());

        CommandRun badModel = run("estimate", "--input", "a.csv", "--model", "logit", "--formula", "y ~ x", "--out", "o");
        assertEquals(1, badModel.status());
        assertEquals("quex estimate: error: --model 'logit' is not one of probit, ols, fe", badModel.err().strip());

        CommandRun missingInput = run("estimate", "--input", tmp.resolve("none.csv").toString(), "--model", "ols",
                "--formula", "y ~ x", "--out", "o");
        assertEquals(1, missingInput.status());
        assertTrue(missingInput.err().strip().matches("quex estimate: error: input '.*none.csv' does not exist"),
                missingInput.err());

        CommandRun unknownOption = run("estimate", "--inptu", "a.csv");
        assertEquals(2, unknownOption.status());
        assertEquals(1, unknownOption.err().strip().lines().count(), unknownOption.err());

        CommandRun unknownCommand = run("estimat");
        assertEquals(2, unknownCommand.status());
    }

    @Test
    void helpListsTheOptions() {
        CommandRun help = run("estimate", "--help");
        assertEquals(0, help.status());
        String text = help.out() + help.err();
        assertTrue(text.contains("--formula") && text.contains("--vce") && text.contains("--partitions"), text);
    }
}
