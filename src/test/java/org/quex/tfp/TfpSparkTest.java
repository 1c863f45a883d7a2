package org.quex.tfp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/** The one-pass design on Spark: same objective as row by row, same results on any partitioning. */
class TfpSparkTest {
    static final TfpSpark.Columns LP = new TfpSpark.Columns("id", "year", "log_y", List.of("log_lab1", "log_lab2"),
            List.of("log_k"), "log_materials", null);

    static Dataset<Row> chilean() {
        SparkSession spark = SparkTestSession.get();
        return TableReader.read(spark, SparkTestSession.resource(ChileanPanel.PATH));
    }

    private static TfpSpec spec(Method m) {
        return TfpSpec.of(m, LP.free(), LP.state(), LP.proxy());
    }

    @Test
    void sparkMomentsGiveTheRowByRowObjective() throws Exception {
        Map<String, TfpEstimator.SecondStage> sums = TfpSpark.secondStage(chilean(), LP, spec(Method.LP), 3);
        TfpEstimator.SecondStage s = sums.get("all");
        assertEquals(1944, s.rows);
        DirectObjective direct = new DirectObjective(ChileanPanel.rows(false), false);
        for (double beta : new double[] {-0.2, 0.05, 0.1165, 0.3, 0.9}) {
            double d = direct.opLp(beta);
            assertEquals(d, s.objective(0, new double[] {beta}), 1e-9 * d, "beta " + beta);
        }
        Map<String, TfpEstimator.SecondStage> acf = TfpSpark.secondStage(chilean(), LP, spec(Method.ACF), 3);
        DirectObjective directAcf = new DirectObjective(ChileanPanel.rows(false), true);
        for (double[] theta : new double[][] {{.5, .5, .5}, {.15, .16, .14}, {.64, .64, .25}}) {
            double d = directAcf.acf(theta);
            assertEquals(d, acf.get("all").objective(0, theta), 1e-9 * d);
        }
    }

    @Test
    void resultsDoNotDependOnThePartitions() throws Exception {
        for (Method m : new Method[] {Method.LP, Method.ACF, Method.WRDG}) {
            TfpSpec spec = m == Method.ACF ? spec(m).withStart(new double[] {.5, .5, .5}) : spec(m);
            TfpResult local = new TfpEstimator(spec).estimate(ChileanPanel.rows(false));
            for (int partitions : new int[] {1, 2, 7}) {
                TfpSpark.Outcome o = TfpSpark.estimate(chilean(), LP, spec, 20, partitions);
                TfpResult r = o.byGroup().get("all");
                assertEquals(0, o.rowsDropped());
                assertEquals(2544, r.rows());
                assertEquals(1944, r.secondStageRows());
                assertEquals(m == Method.WRDG ? 1 : 2, o.passes());
                for (int j = 0; j < 3; j++) {
                    assertEquals(local.estimates()[j], r.estimates()[j], 1e-10 * Math.abs(local.estimates()[j]),
                            m + " " + partitions + " partitions, parameter " + j);
                }
            }
        }
    }

    /** Gross output through Spark: OLS reads the proxy as an input; LP and ACF as on one machine. */
    @Test
    void grossOutputOnSparkIsTheLocalEstimate() throws Exception {
        for (Method m : new Method[] {Method.OLS, Method.LP, Method.ACF}) {
            TfpSpec spec = spec(m).withOutput(OutputKind.GROSS_OUTPUT);
            if (m == Method.ACF) {
                spec = spec.withStart(new double[] {.5, .5, .5, 0});
            }
            TfpResult local = new TfpEstimator(spec).estimate(ChileanPanel.rows(false));
            TfpResult r = TfpSpark.estimate(chilean(), LP, spec, 20, 3).byGroup().get("all");
            assertEquals(List.of("log_lab1", "log_lab2", "log_k", "log_materials"), r.names());
            for (int j = 0; j < 4; j++) {
                assertEquals(local.estimates()[j], r.estimates()[j], 1e-10 * Math.abs(local.estimates()[j]),
                        m + " parameter " + j);
            }
        }
    }
}
