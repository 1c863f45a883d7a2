package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * The same estimates, standard errors and fit statistics (relative 1e-10) with 1, 2 and 7
 * partitions, including multi-way clusters (whose cross-partition sums meet on the driver) and weights.
 */
class PartitionInvarianceTest {

    @ParameterizedTest(name = "{0} {1} vce={2}")
    @CsvSource(delimiter = ';', value = {
        "probit20k.csv;probit;y ~ x1 + x2 + x3 + x4 + x5;cluster:firm;",
        "probit20k.csv;probit;y ~ x1 + x2 + x3 + x4 + x5;robust;",
        "probit20k.csv;ols;y ~ x1 + x2 + x3 + x4 + x5;robust;",
        "fe_panel_small.csv;fe;y ~ z1 + z2 + z3 + tinv | firm;cluster:firm;",
        "fe_panel_small.csv;fe;y ~ z1 + z2 + z3 | firm + year;conventional;",
        "vce/vce_panel.csv;ols;y ~ x1 + x2 + d;cluster:firm+year+ind;",
        "vce/vce_panel.csv;ols;y ~ x1 + x2 + d;hc3;aw:w",
        "vce/vce_panel.csv;fe;y ~ x1 + x2 + d | firm;cluster:firm+year;fw:f",
        "vce/vce_panel.csv;probit;yb ~ x1 + x2 + d;cluster:year+firm;fw:f",
        "formula/formula_panel.csv;probit;d ~ x1 + i(year) + x1:x2 + poly(zz, 2);robust;",
        "formula/formula_panel.csv;fe;y ~ x1 + xbig + log(pos) + i(year) | firm;cluster:firm;",
        "hdfe/panel_fe_weights.csv;fe;y ~ x1 + x2 + x3 | year + firm + indyear;cluster:firm+year;aw:wa",
        "hdfe/panel_fe_weights.csv;fe;y ~ x1 + x2 + x3 | firm + year;cluster:industry;fw:wf",
        "hdfe/panel_fe_weights.csv;fe;y ~ x1 + x2 + x3 | firm;cluster:year;",
    })
    void estimatesDoNotDependOnPartitioning(String file, String model, String formula, String vce, String weights) {
        Dataset<Row> table = TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/" + file));
        ModelSpec spec = ModelSpec.of(ModelSpec.parseModel(model), formula, vce)
                .withWeights(ModelSpec.Weights.parse(weights));
        FitResult one = Estimation.fit(table, spec.withPartitions(1));
        for (int partitions : new int[] {2, 7}) {
            FitResult other = Estimation.fit(table, spec.withPartitions(partitions));
            for (FitResult.Term t : one.terms()) {
                FitResult.Term o = other.term(t.name());
                assertEquals(t.omitted(), o.omitted(), t.name());
                if (!t.omitted()) {
                    OracleTest.assertRelative(t.estimate(), o.estimate(), 1e-10, t.name() + " @" + partitions);
                    if (!(Double.isNaN(t.stdError()) && Double.isNaN(o.stdError()))) { // a negative CGM variance
                        OracleTest.assertRelative(t.stdError(), o.stdError(), 1e-10, t.name() + " se @" + partitions);
                    }
                }
            }
            for (String key : new String[] {"ll", "rss", "r2_within"}) {
                if (one.fit().get(key) instanceof Double d) {
                    OracleTest.assertRelative(d, (Double) other.fit().get(key), 1e-10, key + " @" + partitions);
                }
            }
            assertEquals(one.fit().get("n"), other.fit().get("n"));
            assertEquals(one.fit().get("n_clusters"), other.fit().get("n_clusters"));
            assertEquals(one.fit().get("n_groups"), other.fit().get("n_groups"));
            assertEquals(one.fit().get("n_clusters_by_variable"), other.fit().get("n_clusters_by_variable"));
        }
    }

    /** Typed Parquet columns (int keys, double values) take a different read path than CSV text. */
    @org.junit.jupiter.api.Test
    void parquetInputGivesTheSameFitAsCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        Dataset<Row> csv = TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/fe_panel_small.csv"));
        String parquet = tmp.resolve("panel.parquet").toString();
        csv.selectExpr("cast(firm as int) firm", "cast(year as int) year", "cast(y as double) y",
                "cast(z1 as double) z1", "cast(z2 as double) z2", "cast(z3 as double) z3").write().parquet(parquet);
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ z1 + z2 + z3 | firm + year", "cluster:firm");
        FitResult fromCsv = Estimation.fit(csv, spec);
        FitResult fromParquet = Estimation.fit(TableReader.read(SparkTestSession.get(), parquet), spec);
        for (FitResult.Term t : fromCsv.terms()) {
            OracleTest.assertRelative(t.estimate(), fromParquet.term(t.name()).estimate(), 1e-10, t.name());
            OracleTest.assertRelative(t.stdError(), fromParquet.term(t.name()).stdError(), 1e-10, t.name() + " se");
        }
        assertEquals(fromCsv.fit().get("n_clusters"), fromParquet.fit().get("n_clusters"));
    }

    /**
     * A cached table of numbers is read as columnar batches, other input as rows: the same fit,
     * with the same rows (nulls and NaN) dropped as missing.
     */
    @org.junit.jupiter.api.Test
    void cachedNumbersAreReadAsColumnarBatchesWithTheSameFit() {
        Dataset<Row> csv = TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/probit20k.csv"))
                .selectExpr("cast(y as double) y", "if(x1 > 1.5, null, cast(x1 as double)) x1",
                        "if(x2 > 2.2, double('NaN'), cast(x2 as double)) x2", "cast(x3 as double) x3",
                        "cast(x4 as double) x4", "cast(x5 as double) x5");
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.PROBIT, "y ~ x1 + x2 + x3 + x4 + x5", "robust");
        Dataset<Row> cached = csv.cache();
        Dataset<Row> filtered = cached.where("y >= 0"); // every row, but a plan that yields rows
        try {
            try (DesignData rows = DesignData.build(filtered, spec); DesignData batches = DesignData.build(cached, spec)) {
                assertEquals(false, rows.fromBatches);
                assertEquals(true, batches.fromBatches);
                org.junit.jupiter.api.Assertions.assertTrue(batches.summary().missingRows() > 100);
                assertEquals(rows.summary().missingRows(), batches.summary().missingRows());
            }
            FitResult fromRows = Estimation.fit(filtered, spec);
            FitResult fromBatches = Estimation.fit(cached, spec);
            for (FitResult.Term t : fromRows.terms()) {
                OracleTest.assertRelative(t.estimate(), fromBatches.term(t.name()).estimate(), 1e-12, t.name());
                OracleTest.assertRelative(t.stdError(), fromBatches.term(t.name()).stdError(), 1e-12, t.name() + " se");
            }
            assertEquals(fromRows.fit().get("n"), fromBatches.fit().get("n"));
            assertEquals(fromRows.fit().get("n_dropped_missing"), fromBatches.fit().get("n_dropped_missing"));
        } finally {
            cached.unpersist();
        }
    }
}
