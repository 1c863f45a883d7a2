package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Weights (aw, fw) and clusters with absorbed effects against least squares with every effect as
 * factor dummies (R lm and sandwich::vcovCL, oracles/hdfe/make_weights_clusters_reference.R):
 * estimates to 1e-6 relative, standard errors to 1e-5, N, singletons, df_r and RSS, with 1, 2
 * and 7 partitions by the exact (Schur) solve, and by the iterative (CG) one.
 *
 * <p>The clustered cases follow reghdfe's small-sample factor (Regression.mata, DoF.mata):
 * V = q · B (Σ_S (−1)^{|S|+1} M_S) B over the non-empty subsets S of the cluster variables
 * (Cameron–Gelbach–Miller), with
 * <pre>
 *   q = G/(G−1) · (N−1)/(N − K − df_c),   G = min over the cluster variables of their clusters,
 *   df_c = rank [1, dummies of the absorbed effects not nested in any cluster variable]
 * </pre>
 * (reghdfe: an effect nested in a cluster variable adds nothing to e(df_a); the constant is then
 * subtracted once, its nested_adj). The cases cover a cluster in which the largest effect does
 * not nest (firm effects clustered by year: df_c = 307 firms), one where only a secondary effect
 * is nested (firm + year + industry×year clustered by industry: industry×year nests, firms switch
 * industry, df_c = rank[1, firm, year] = 314), and the xtreg case (firm nested: df_c = 1 + the
 * others not nested).
 */
class AbsorbedWeightsClustersTest {
    /** The largest relative difference from R per case, printed at the end (for the record). */
    private static final Map<String, double[]> WORST = new TreeMap<>();

    private static Dataset<Row> panel() {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/hdfe/panel_fe_weights.csv"));
    }

    private static double relative(double expected, double actual) {
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    }

    private static void assertMatches(String name, OracleReference ref, FitResult r) {
        double[] worst = WORST.computeIfAbsent(name, k -> new double[2]);
        for (Map.Entry<String, double[]> e : ref.terms().entrySet()) {
            FitResult.Term t = r.term(e.getKey());
            assertFalse(t.omitted(), e.getKey());
            OracleTest.assertRelative(e.getValue()[0], t.estimate(), 1e-6, name + " " + e.getKey() + " estimate");
            OracleTest.assertRelative(e.getValue()[1], t.stdError(), 1e-5, name + " " + e.getKey() + " std. error");
            worst[0] = Math.max(worst[0], relative(e.getValue()[0], t.estimate()));
            worst[1] = Math.max(worst[1], relative(e.getValue()[1], t.stdError()));
        }
        Map<String, Object> fit = r.fit();
        assertEquals(ref.fit().get("n").longValue(), ((Number) fit.get("n")).longValue(), name + " n");
        assertEquals(ref.fit().get("n_singletons").longValue(), ((Number) fit.get("n_singletons")).longValue(),
                name + " singletons");
        assertEquals(ref.fit().get("df_r").longValue(), ((Number) fit.get("df_r")).longValue(), name + " df_r");
        OracleTest.assertRelative(ref.fit().get("rss"), (double) fit.get("rss"), 1e-8, name + " rss");
        if (ref.fit().containsKey("df_cluster") && r.absorption() != null) {
            assertEquals(ref.fit().get("df_cluster").longValue(), r.absorption().dfCluster(), name + " df_c");
        }
    }

    @ParameterizedTest(name = "{0}: | {1}, {2}, {3}")
    @CsvSource(delimiter = ';', value = {
        "w_aw_three;firm + year + indyear;conventional;aw:wa",
        "w_aw_three_cluster_firm;indyear + firm + year;cluster:firm;aw:wa",
        "w_fw_two;firm + year;conventional;fw:wf",
        "w_fw_two_cluster_firm;year + firm;cluster:firm;fw:wf",
        "c_two_firm_year;firm + year;cluster:firm+year;",
        "c_three_firm_year;year + indyear + firm;cluster:year+firm;",
        "c_three_firm_year_aw;firm + year + indyear;cluster:firm+year;aw:wa",
        "c_one_year;firm;cluster:year;",
        "c_two_year;firm + year;cluster:year;",
        "c_three_industry;firm + year + indyear;cluster:industry;",
        "w_fw_one_cluster_year;firm;cluster:year;fw:wf",
    })
    void weightsAndClustersMatchTheDummiesRegression(String name, String absorbed, String vce, String weights)
            throws Exception {
        OracleReference ref = OracleReference.load("hdfe/" + name + ".csv", "hdfe/" + name + ".fit");
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | " + absorbed, vce)
                .withWeights(ModelSpec.Weights.parse(weights));
        int before = AbsorbedDesign.exactLevels;
        try {
            for (String solve : absorbed.contains("+") ? List.of("schur", "cg") : List.of("one-way")) {
                AbsorbedDesign.exactLevels = solve.equals("cg") ? 0 : before;
                // The iterative solve's partition invariance is AbsorbedEffectsTest's: here once, on 7.
                for (int partitions : solve.equals("cg") ? new int[] {7} : new int[] {1, 2, 7}) {
                    FitResult r = Estimation.fit(panel(), spec.withPartitions(partitions));
                    assertMatches(name, ref, r);
                    if (!solve.equals("one-way")) {
                        assertEquals(solve, r.fit().get("absorb_method"));
                    }
                }
            }
        } finally {
            AbsorbedDesign.exactLevels = before;
        }
    }

    @Test
    void theNestingOfEachEffectInTheClustersIsReported() {
        FitResult industry = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE,
                "y ~ x1 + x2 + x3 | firm + year + indyear", "cluster:industry"));
        assertEquals(List.of("indyear"), industry.fit().get("absorbed_nested_in_clusters"));
        assertEquals(Map.of("industry", 12L), Map.of("industry", ((Number) industry.fit().get("n_clusters")).longValue()));
        FitResult twoWay = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE,
                "y ~ x1 + x2 + x3 | year + firm + indyear", "cluster:year+firm"));
        assertEquals(List.of("firm", "indyear", "year"), twoWay.fit().get("absorbed_nested_in_clusters"));
        assertEquals(Map.of("year", 8L, "firm", 307L), twoWay.fit().get("n_clusters_by_variable"));
        assertEquals(8L, ((Number) twoWay.fit().get("n_clusters")).longValue());
        // xtreg's case is unchanged: the group nests in its own clusters, K = the regressors and the constant.
        FitResult xtreg = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + x3 | firm",
                "cluster:firm"));
        assertTrue(xtreg.terms().stream().noneMatch(FitResult.Term::omitted));
    }

    @AfterAll
    static void printWorst() {
        WORST.forEach((name, w) -> System.out.printf("oracle %-26s max relative difference: estimates %.2e, std. errors"
                + " %.2e%n", name, w[0], w[1]));
    }
}
