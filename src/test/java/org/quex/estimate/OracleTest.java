package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Every dataset in the oracle folder, fitted by Quex and compared with results computed
 * independently (Stata, R glm/plm) to the tolerances of the oracle README: estimates to a
 * relative 1e-6, standard errors to 1e-5 (Spector, printed by Stata to ~10 digits: 1e-5 and 1e-4).
 */
class OracleTest {

    private static Dataset<Row> table(String name) {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/" + name));
    }

    /** The FE references (Stata xtreg, R plm) keep singleton groups: so do these fits. */
    private static FitResult fit(String data, String model, String formula, String vce) {
        return Estimation.fit(table(data), ModelSpec.of(ModelSpec.parseModel(model), formula, vce).withKeepSingletons(true));
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(rel <= tolerance, what + ": expected " + expected + ", got " + actual + " (relative error " + rel
                + " > " + tolerance + ")");
    }

    private static void assertMatches(OracleReference ref, FitResult r, double estTol, double seTol) {
        for (Map.Entry<String, double[]> e : ref.terms().entrySet()) {
            FitResult.Term t = r.term(e.getKey());
            assertFalse(t.omitted(), e.getKey() + " should not be omitted");
            assertRelative(e.getValue()[0], t.estimate(), estTol, e.getKey() + " estimate");
            assertRelative(e.getValue()[1], t.stdError(), seTol, e.getKey() + " std. error");
        }
        if (ref.fit().containsKey("n")) {
            assertEquals(ref.fit().get("n").longValue(), ((Number) r.fit().get("n")).longValue(), "n");
        }
    }

    @Test
    void spectorProbitMatchesStata() throws Exception {
        OracleReference ref = OracleReference.load("spector.stata.csv", "spector.stata.fit");
        FitResult r = fit("spector.csv", "probit", "GRADE ~ GPA + TUCE + PSI", null);
        assertMatches(ref, r, 1e-5, 1e-4);
        // Stata stored the data as float: its ll is that of slightly different data (7.4e-7 away;
        // ours equals an independent evaluation in double to 1e-15).
        assertRelative(ref.fit().get("ll"), (double) r.fit().get("ll"), 1e-6, "ll");
        assertRelative(ref.fit().get("ll0"), (double) r.fit().get("ll0"), 1e-10, "ll0");
        assertRelative(ref.fit().get("pseudo_r2"), (double) r.fit().get("pseudo_r2"), 1e-6, "pseudo R2");
        assertEquals(true, r.fit().get("converged"));
    }

    /**
     * The reference (R glm) stopped on its deviance criterion: its score is still up to 1e-3, and
     * its x4 (mean ≈ 10) is 1.08e-6 away from the maximum. Quex converges further (score below 1e-8,
     * checked independently in {@link ProbitScoreTest}), so estimates are compared to 1.5e-6.
     */
    private static final double PROBIT20K_ESTIMATE_TOLERANCE = 1.5e-6;

    @Test
    void probit20kObservedInformationMatchesReference() throws Exception {
        OracleReference ref = OracleReference.load("probit20k.oim.csv", "probit20k.oim.fit");
        FitResult r = fit("probit20k.csv", "probit", "y ~ x1 + x2 + x3 + x4 + x5", "oim");
        assertMatches(ref, r, PROBIT20K_ESTIMATE_TOLERANCE, 1e-5);
        assertRelative(ref.fit().get("ll"), (double) r.fit().get("ll"), 1e-10, "ll");
        assertRelative(ref.fit().get("ll0"), (double) r.fit().get("ll0"), 1e-10, "ll0");
        assertRelative(ref.fit().get("pseudo_r2"), (double) r.fit().get("pseudo_r2"), 1e-8, "pseudo R2");
    }

    @Test
    void probit20kClusteredByFirmMatchesReference() throws Exception {
        OracleReference ref = OracleReference.load("probit20k.cluster.csv", "probit20k.cluster.fit");
        FitResult r = fit("probit20k.csv", "probit", "y ~ x1 + x2 + x3 + x4 + x5", "cluster:firm");
        assertMatches(ref, r, PROBIT20K_ESTIMATE_TOLERANCE, 1e-5);
        assertEquals(ref.fit().get("clusters").longValue(), r.fit().get("n_clusters"));
    }

    @Test
    void withinFeConventionalMatchesXtreg() throws Exception {
        OracleReference ref = OracleReference.load("fe_panel_small.conventional.csv", "fe_panel_small.conventional.fit");
        FitResult r = fit("fe_panel_small.csv", "fe", "y ~ z1 + z2 + z3 | firm", null);
        assertMatches(ref, r, 1e-6, 1e-5);
        assertEquals(ref.fit().get("groups").longValue(), r.fit().get("n_groups"));
        assertRelative(ref.fit().get("r2_within"), (double) r.fit().get("r2_within"), 1e-8, "r2_within");
    }

    @Test
    void withinFeClusteredByFirmMatchesXtreg() throws Exception {
        OracleReference ref = OracleReference.load("fe_panel_small.cluster.csv", "fe_panel_small.cluster.fit");
        FitResult r = fit("fe_panel_small.csv", "fe", "y ~ z1 + z2 + z3 | firm", "cluster:firm");
        assertMatches(ref, r, 1e-6, 1e-5);
        assertEquals(ref.fit().get("groups").longValue(), r.fit().get("n_clusters"));
    }

    @Test
    void twoWayFeMatchesReference() throws Exception {
        OracleReference ref = OracleReference.load("fe_panel_small.twoway.csv", "fe_panel_small.twoway.fit");
        FitResult r = fit("fe_panel_small.csv", "fe", "y ~ z1 + z2 + z3 | firm + year", null);
        assertMatches(ref, r, 1e-6, 1e-5);
    }

    /** FE fits' overall R² and adjusted R² (areg's, reghdfe's) against the dummy-variable regression in R (oracles/fe_r2). */
    @ParameterizedTest(name = "FE R² {0}")
    @CsvSource({"oneway,fe_panel_small.conventional.csv,firm", "twoway,fe_panel_small.twoway.csv,firm + year"})
    void feOverallR2MatchesTheDummyVariableRegression(String name, String terms, String absorbed) throws Exception {
        OracleReference ref = OracleReference.load(terms, "fe_r2/" + name + ".fit");
        FitResult r = fit("fe_panel_small.csv", "fe", "y ~ z1 + z2 + z3 | " + absorbed, null);
        assertMatches(ref, r, 1e-6, 1e-5);
        assertEquals(ref.fit().get("df_r").longValue(), r.fit().get("df_r"), "df_r");
        assertRelative(ref.fit().get("rss"), (double) r.fit().get("rss"), 1e-8, "rss");
        assertRelative(ref.fit().get("tss"), (double) r.fit().get("tss"), 1e-10, "tss");
        assertRelative(ref.fit().get("r2"), (double) r.fit().get("r2"), 1e-8, "r2");
        assertRelative(ref.fit().get("adj_r2"), (double) r.fit().get("adj_r2"), 1e-8, "adj_r2");
    }

    @Test
    void withinConstantAndCollinearRegressorsAreOmittedAndTheRestUnchanged() throws Exception {
        OracleReference ref = OracleReference.load("fe_panel_small.conventional.csv", "fe_panel_small.conventional.fit");
        FitResult r = fit("fe_panel_small.csv", "fe", "y ~ z1 + z2 + z3 + tinv + z4 | firm", null);
        assertMatches(ref, r, 1e-6, 1e-5);
        assertTrue(r.term("tinv").omitted(), "tinv is constant within firm");
        assertEquals("constant within firm", r.term("tinv").omittedReason());
        assertTrue(r.term("z4").omitted(), "z4 = 2 z1 - z3");
        assertEquals("collinear", r.term("z4").omittedReason());
        assertRelative(ref.fit().get("r2_within"), (double) r.fit().get("r2_within"), 1e-8, "r2_within");
    }

    @ParameterizedTest(name = "OLS vce={0}")
    @CsvSource({"conventional,conventional", "robust,robust", "cluster:firm,cluster"})
    void olsMatchesStatsmodels(String vce, String reference) throws Exception {
        OracleReference ref = OracleReference.load("statsmodels/ols20k." + reference + ".csv",
                "statsmodels/ols20k." + reference + ".fit");
        FitResult r = fit("probit20k.csv", "ols", "y ~ x1 + x2 + x3 + x4 + x5", vce);
        assertMatches(ref, r, 1e-10, 1e-9);
        assertRelative(ref.fit().get("rss"), (double) r.fit().get("rss"), 1e-10, "rss");
        assertRelative(ref.fit().get("r2"), (double) r.fit().get("r2"), 1e-10, "r2");
        assertRelative(ref.fit().get("adj_r2"), (double) r.fit().get("adj_r2"), 1e-10, "adj_r2");
    }

    @Test
    void probitRobustMatchesStatsmodelsSandwich() throws Exception {
        OracleReference ref = OracleReference.load("statsmodels/probit20k.robust.csv", "statsmodels/probit20k.robust.fit");
        FitResult r = fit("probit20k.csv", "probit", "y ~ x1 + x2 + x3 + x4 + x5", "robust");
        assertMatches(ref, r, 1e-9, 1e-8);
        assertRelative(ref.fit().get("ll"), (double) r.fit().get("ll"), 1e-12, "ll");
    }
}
