package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Every variance estimator against references computed in R (oracles/vce/make_vce_oracles.R,
 * R and sandwich versions in R.version.txt beside it), with Stata's and reghdfe's small-sample
 * factors: estimates to 1e-6 relative, standard errors to 1e-5, cluster counts exactly.
 */
class VarianceOracleTest {

    private static Dataset<Row> panel() {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/vce/vce_panel.csv"));
    }

    @ParameterizedTest(name = "{0} {2} vce={3} ({4} partitions)")
    @CsvSource(delimiter = ';', value = {
        "ols_hc1;ols;y ~ x1 + x2 + d;robust;2;",
        "ols_hc3;ols;y ~ x1 + x2 + d;hc3;2;",
        "ols_cluster_firm;ols;y ~ x1 + x2 + d;cluster:firm;2;",
        "ols_cluster_firm_year;ols;y ~ x1 + x2 + d;cluster:firm+year;1;",
        "ols_cluster_firm_year;ols;y ~ x1 + x2 + d;cluster:year+firm;7;",
        "ols_cluster_firm_year_ind;ols;y ~ x1 + x2 + d;cluster:firm+year+ind;3;",
        "fe_cluster_firm_year;fe;y ~ x1 + x2 + d | firm;cluster:year+firm;2;",
        "probit_robust;probit;yb ~ x1 + x2 + d;robust;2;",
        "probit_cluster_firm;probit;yb ~ x1 + x2 + d;cluster:firm;2;",
        "probit_cluster_firm_year;probit;yb ~ x1 + x2 + d;cluster:firm+year;1;",
        "probit_cluster_firm_year;probit;yb ~ x1 + x2 + d;cluster:firm+year;7;",
        "ols_aw_conventional;ols;y ~ x1 + x2 + d;conventional;2;aw:w",
        "ols_aw_hc1;ols;y ~ x1 + x2 + d;robust;2;aw:w",
        "ols_aw_hc3;ols;y ~ x1 + x2 + d;hc3;2;aw:w",
        "ols_aw_cluster_firm;ols;y ~ x1 + x2 + d;cluster:firm;2;aw:w",
        "fe_aw_conventional;fe;y ~ x1 + x2 + d | firm;conventional;2;aw:w",
        "ols_fw_conventional;ols;y ~ x1 + x2 + d;conventional;2;fw:f",
        "ols_fw_hc1;ols;y ~ x1 + x2 + d;robust;2;fw:f",
        "ols_fw_cluster_firm;ols;y ~ x1 + x2 + d;cluster:firm;2;fw:f",
        "fe_fw_cluster_firm;fe;y ~ x1 + x2 + d | firm;cluster:firm;2;fw:f",
        "probit_fw_oim;probit;yb ~ x1 + x2 + d;oim;2;fw:f",
        "probit_fw_cluster_firm_year;probit;yb ~ x1 + x2 + d;cluster:firm+year;7;fw:f",
    })
    void matchesR(String reference, String model, String formula, String vce, int partitions, String weights)
            throws Exception {
        OracleReference ref = OracleReference.load("vce/" + reference + ".csv", "vce/" + reference + ".fit");
        FitResult r = Estimation.fit(panel(), ModelSpec.of(ModelSpec.parseModel(model), formula, vce)
                .withPartitions(partitions).withWeights(ModelSpec.Weights.parse(weights)));
        for (Map.Entry<String, double[]> e : ref.terms().entrySet()) {
            FitResult.Term t = r.term(e.getKey());
            assertFalse(t.omitted(), e.getKey());
            OracleTest.assertRelative(e.getValue()[0], t.estimate(), 1e-6, e.getKey() + " estimate");
            OracleTest.assertRelative(e.getValue()[1], t.stdError(), 1e-5, e.getKey() + " std. error");
        }
        assertEquals(ref.fit().get("n").longValue(), ((Number) r.fit().get("n")).longValue());
        if (ref.fit().containsKey("clusters")) {
            assertEquals(ref.fit().get("clusters").longValue(), r.fit().get("n_clusters"), "n_clusters (the minimum)");
        }
        if (ref.fit().containsKey("clusters_year")) {
            @SuppressWarnings("unchecked")
            Map<String, Long> by = (Map<String, Long>) r.fit().get("n_clusters_by_variable");
            assertEquals(ref.fit().get("clusters_year").longValue(), by.get("year"));
            assertEquals(ref.fit().get("clusters_firm").longValue(), by.get("firm"));
        }
        if (ref.fit().containsKey("rss")) {
            OracleTest.assertRelative(ref.fit().get("rss"), (double) r.fit().get("rss"), 1e-10, "rss");
        }
        if (ref.fit().containsKey("ll")) {
            OracleTest.assertRelative(ref.fit().get("ll"), (double) r.fit().get("ll"), 1e-10, "ll");
        }
    }

    @org.junit.jupiter.api.Test
    void badVceSpecificationsAreRefusedWithOneLine() {
        assertEquals("--vce 'cluster:firm+' : an empty cluster variable; write cluster:firm or cluster:firm+year"
                .replace("' :", "':"), assertThrows(QuexException.class,
                () -> ModelSpec.Vce.parse("cluster:firm+", ModelSpec.Model.OLS)).getMessage());
        assertEquals("--vce hc3 is for --model ols (as Stata's regress, vce(hc3)); probit takes robust or cluster:VAR",
                assertThrows(QuexException.class, () -> ModelSpec.Vce.parse("hc3", ModelSpec.Model.PROBIT)).getMessage());
        assertEquals("cluster:firm+year", ModelSpec.Vce.parse("cluster: firm + year", ModelSpec.Model.OLS).toString());
        assertEquals("--weights 'pw:w' is not aw:VAR (analytic) or fw:VAR (frequency)",
                assertThrows(QuexException.class, () -> ModelSpec.Weights.parse("pw:w")).getMessage());
        assertEquals("probit takes frequency weights (fw:VAR), not analytic ones, as Stata's probit",
                assertThrows(QuexException.class, () -> Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.PROBIT,
                        "yb ~ x1", null).withWeights(ModelSpec.Weights.parse("aw:w")))).getMessage());
        assertEquals("frequency weight 'w' is 1.5; frequency weights must be whole numbers (use aw: for analytic weights)",
                assertThrows(QuexException.class, () -> Estimation.fit(panel().where("w = 1.5"),
                        ModelSpec.of(ModelSpec.Model.OLS, "y ~ x1", null).withWeights(ModelSpec.Weights.parse("fw:w"))))
                        .getMessage());
    }
}
