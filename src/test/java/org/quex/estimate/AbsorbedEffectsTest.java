package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quex.estimate.OracleTest.assertRelative;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Any number of absorbed effects in any order against least squares with every effect as
 * factor dummies (R lm, oracles/hdfe/make_reference.R; singletons dropped there as reghdfe does):
 * estimates to 1e-6 relative, standard errors to 1e-5, N, singletons and residual degrees of
 * freedom exactly, the same with 1, 2 and 7 partitions.
 */
class AbsorbedEffectsTest {

    private static Dataset<Row> panel() {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/hdfe/panel_fe.csv"));
    }

    private static FitResult fit(String absorbed, String vce) {
        return Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | " + absorbed, vce));
    }

    private static OracleReference reference(String name) throws Exception {
        return OracleReference.load("hdfe/" + name + ".csv", "hdfe/" + name + ".fit");
    }

    private static void assertMatches(OracleReference ref, FitResult r) {
        for (Map.Entry<String, double[]> e : ref.terms().entrySet()) {
            FitResult.Term t = r.term(e.getKey());
            assertFalse(t.omitted(), e.getKey());
            assertRelative(e.getValue()[0], t.estimate(), 1e-6, e.getKey() + " estimate");
            assertRelative(e.getValue()[1], t.stdError(), 1e-5, e.getKey() + " std. error");
        }
        assertEquals(ref.fit().get("n").longValue(), ((Number) r.fit().get("n")).longValue(), "n");
        assertEquals(ref.fit().get("n_singletons").longValue(), ((Number) r.fit().get("n_singletons")).longValue(),
                "singletons");
        assertEquals(ref.fit().get("df_r").longValue(), ((Number) r.fit().get("df_r")).longValue(), "df_r");
        assertRelative(ref.fit().get("rss"), (double) r.fit().get("rss"), 1e-8, "rss");
    }

    @ParameterizedTest(name = "| {0}")
    @ValueSource(strings = {"firm + year + indyear", "firm + indyear + year", "year + firm + indyear",
        "year + indyear + firm", "indyear + firm + year", "indyear + year + firm"})
    void threeEffectsInAnyOrderMatchTheDummiesRegression(String absorbed) throws Exception {
        FitResult r = fit(absorbed, null);
        assertMatches(reference("three"), r);
        assertEquals("firm", r.fit().get("absorbed_primary"));
        assertEquals("schur", r.fit().get("absorb_method"));
        assertEquals(402L, r.fit().get("df_a"));
        // year is nested in industry-year: all its levels are redundant once industry-year is in.
        @SuppressWarnings("unchecked")
        Map<String, Long> redundant = (Map<String, Long>) r.fit().get("absorbed_redundant");
        assertEquals(0L, redundant.get("firm"));
        assertEquals(402L, ((Map<?, ?>) r.fit().get("absorbed_levels")).values().stream()
                .mapToLong(v -> (Long) v).sum() - redundant.values().stream().mapToLong(Long::longValue).sum());
    }

    @ParameterizedTest(name = "| {0}")
    @ValueSource(strings = {"firm + year + indyear + region", "region + indyear + year + firm",
        "year + region + firm + indyear"})
    void fourEffectsInAnyOrderMatchTheDummiesRegression(String absorbed) throws Exception {
        assertMatches(reference("four"), fit(absorbed, null));
    }

    @Test
    void singletonsAreKeptWhenAsked() throws Exception {
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | indyear + firm + year", null)
                .withKeepSingletons(true);
        FitResult r = Estimation.fit(panel(), spec);
        assertMatches(reference("three_keep"), r);
        assertEquals("kept", r.fit().get("singletons"));
    }

    @Test
    void anEffectNestedInTheLargestIsRedundantWhole() throws Exception {
        FitResult r = fit("ind0 + year + firm", null);
        assertMatches(reference("nested_industry"), r);
        assertEquals(Map.of("ind0", "firm"), r.fit().get("absorbed_nested_in"));
        @SuppressWarnings("unchecked")
        Map<String, Long> levels = (Map<String, Long>) r.fit().get("absorbed_levels");
        assertEquals(levels.get("ind0"), ((Map<?, ?>) r.fit().get("absorbed_redundant")).get("ind0"));
    }

    @ParameterizedTest(name = "vce {0}")
    @CsvSource({"robust,three_robust", "cluster:firm,three_cluster_firm", "cluster:group,three_cluster_group"})
    void robustAndClusteredErrorsMatchTheDummiesRegression(String vce, String name) throws Exception {
        FitResult r = fit("year + indyear + firm", vce);
        assertMatches(reference(name), r);
        if (vce.startsWith("cluster")) {
            assertTrue(((List<?>) r.fit().get("absorbed_nested_in_clusters")).contains("firm"));
        }
    }

    /** Two or more large effects: the iterative solve, forced here on a small panel. */
    @Test
    void theIterativeSolveGivesTheSameFit() throws Exception {
        int before = AbsorbedDesign.exactLevels;
        AbsorbedDesign.exactLevels = 0;
        try {
            FitResult r = fit("region + firm + year", null);
            assertMatches(reference("firm_year_region"), r);
            assertEquals("cg", r.fit().get("absorb_method"));
            assertEquals(true, r.fit().get("absorb_converged"));
            int iterations = (Integer) r.fit().get("absorb_iterations");
            assertTrue(iterations > 1 && iterations < 100, "iterations " + iterations);
            assertTrue((Double) r.fit().get("absorb_relative_residual") <= 1e-10);
            // Year nested in industry-year: the pairwise count (components of year with industry-year)
            // finds all its levels redundant, as the exact rank does.
            FitResult three = fit("firm + year + indyear", null);
            assertMatches(reference("three"), three);
            assertEquals(402L, three.fit().get("df_a"));
            assertEquals(Map.of("firm", 0L, "indyear", 1L, "year", 8L), three.fit().get("absorbed_redundant"));
        } finally {
            AbsorbedDesign.exactLevels = before;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"exact,cluster:firm", "exact,robust", "iterative,conventional"})
    void theFitDoesNotDependOnPartitioning(String solve, String vce) {
        int before = AbsorbedDesign.exactLevels;
        AbsorbedDesign.exactLevels = solve.equals("exact") ? before : 0;
        try {
            ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | year + firm + indyear + region", vce);
            FitResult one = Estimation.fit(panel(), spec.withPartitions(1));
            double tolerance = solve.equals("exact") ? 1e-10 : 1e-8;
            for (int partitions : new int[] {2, 7}) {
                FitResult other = Estimation.fit(panel(), spec.withPartitions(partitions));
                for (FitResult.Term t : one.terms()) {
                    assertRelative(t.estimate(), other.term(t.name()).estimate(), tolerance, t.name() + " @" + partitions);
                    assertRelative(t.stdError(), other.term(t.name()).stdError(), tolerance, t.name() + " se @" + partitions);
                }
                for (String key : new String[] {"n", "n_singletons", "df_r", "df_a", "n_clusters"}) {
                    assertEquals(one.fit().get(key), other.fit().get(key), key + " @" + partitions);
                }
            }
        } finally {
            AbsorbedDesign.exactLevels = before;
        }
    }

    /** One absorbed effect: the groups of one row are dropped in the partition, no extra pass. */
    @Test
    void oneWaySingletonGroupsAreDroppedWithTheSameEstimates() throws Exception {
        Map<String, Integer> rowsPerFirm = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/fe_panel_small.csv")));
        for (String line : lines.subList(1, lines.size())) {
            rowsPerFirm.merge(line.split(",")[0], 1, Integer::sum);
        }
        long singletons = rowsPerFirm.values().stream().filter(c -> c == 1).count();
        assertTrue(singletons > 0);
        Dataset<Row> small = TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/fe_panel_small.csv"));
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ z1 + z2 + z3 | firm", null);
        FitResult dropped = Estimation.fit(small, spec);
        FitResult kept = Estimation.fit(small, spec.withKeepSingletons(true));
        assertEquals(singletons, dropped.fit().get("n_singletons"));
        assertEquals(0L, kept.fit().get("n_singletons"));
        assertEquals((long) lines.size() - 1 - singletons, dropped.fit().get("n"));
        assertEquals((long) rowsPerFirm.size() - singletons, dropped.fit().get("n_groups"));
        // A singleton adds one row and one group: the same df_r, RSS and conventional errors.
        assertEquals(kept.fit().get("df_r"), dropped.fit().get("df_r"));
        for (FitResult.Term t : kept.terms()) {
            if (!t.name().equals("_cons")) {
                assertRelative(t.estimate(), dropped.term(t.name()).estimate(), 1e-10, t.name());
                assertRelative(t.stdError(), dropped.term(t.name()).stdError(), 1e-10, t.name());
            }
        }
    }

    /** An iterative absorption stopped by its limit is a result that says so, not an error. */
    @Test
    void anUnconvergedAbsorptionIsReportedAsSuch() {
        int before = AbsorbedDesign.exactLevels;
        AbsorbedDesign.exactLevels = 0;
        try {
            ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | firm + year + indyear", null);
            FitResult r = Estimation.fit(panel(), spec.withAbsorb(new ModelSpec.Absorb(false, 1e-10, 2)));
            assertEquals(false, r.fit().get("converged"));
            assertEquals(2, r.fit().get("absorb_iterations"));
            assertEquals("not_converged", r.fit().get("status"));
            assertTrue((Double) r.fit().get("absorb_relative_residual") > 1e-10);
        } finally {
            AbsorbedDesign.exactLevels = before;
        }
    }

    /**
     * The formula language's terms (a transform, an interaction, i() dummies) with two absorbed
     * effects, by the exact and by the iterative solve, against the dummies regression in R
     * (oracles/hdfe/make_terms_reference.R).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"exact,conventional,terms_firm_region", "exact,cluster:firm,terms_firm_region_cluster_firm",
        "iterative,conventional,terms_firm_region"})
    void formulaTermsWithTwoAbsorbedEffectsMatchTheDummiesRegression(String solve, String vce, String name)
            throws Exception {
        int before = AbsorbedDesign.exactLevels;
        AbsorbedDesign.exactLevels = solve.equals("exact") ? before : 0;
        try {
            FitResult r = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE,
                    "y ~ x1 + log(abs(x2)) + x1:x3 + i(year, ref = 2001) | firm + region", vce));
            assertMatches(reference(name), r);
            assertEquals(solve.equals("exact") ? "schur" : "cg", r.fit().get("absorb_method"));
            assertEquals(311L, r.fit().get("df_a"));
            assertEquals(List.of("x1", "log(abs(x2))", "year::2002", "year::2003", "year::2004", "year::2005",
                    "year::2006", "year::2007", "year::2008", "x1:x3", "_cons"), r.terms().stream().map(FitResult.Term::name).toList());
        } finally {
            AbsorbedDesign.exactLevels = before;
        }
    }

    /** The same model with the terms' columns written out in the table: the same fit. */
    @Test
    void formulaTermsEqualTheirExplicitColumns() {
        Dataset<Row> panel = panel();
        Dataset<Row> explicit = panel.withColumn("lx2", functions.log(functions.abs(functions.col("x2"))))
                .withColumn("x1x3", functions.col("x1").cast("double").multiply(functions.col("x3").cast("double")));
        StringBuilder years = new StringBuilder();
        for (int year = 2002; year <= 2008; year++) {
            explicit = explicit.withColumn("y" + year, functions.when(functions.col("year").equalTo(year), 1.0)
                    .otherwise(0.0));
            years.append(" + y").append(year);
        }
        FitResult terms = Estimation.fit(panel, ModelSpec.of(ModelSpec.Model.FE,
                "y ~ x1 + log(abs(x2)) + x1:x3 + i(year, ref = 2001) | region + firm", "cluster:firm"));
        FitResult columns = Estimation.fit(explicit, ModelSpec.of(ModelSpec.Model.FE,
                "y ~ x1 + lx2" + years + " + x1x3 | region + firm", "cluster:firm"));
        for (int j = 0; j < terms.terms().size(); j++) {
            FitResult.Term a = terms.terms().get(j);
            FitResult.Term b = columns.terms().get(j);
            assertRelative(b.estimate(), a.estimate(), 1e-10, a.name());
            assertRelative(b.stdError(), a.stdError(), 1e-10, a.name() + " std. error");
        }
        for (String key : new String[] {"n", "n_singletons", "df_r", "df_a"}) {
            assertEquals(columns.fit().get(key), terms.fit().get(key), key);
        }
        assertRelative((double) columns.fit().get("rss"), (double) terms.fit().get("rss"), 1e-10, "rss");
    }
}
