package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Predictions and residuals agree with the fit they come from: their sum of squares is the fit's
 * RSS (OLS, one- and two-way FE), FE residuals have mean zero in every group, a probit's fitted
 * value is Φ(x′b) computed here by hand, and rows with a missing variable are marked out of sample.
 */
class PredictionsTest {

    private static Dataset<Row> panel() {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/vce/vce_panel.csv"));
    }

    private static double sumOfSquares(Dataset<Row> p) {
        return p.where("_sample").agg(functions.sum(functions.col("_residual").multiply(functions.col("_residual"))))
                .first().getDouble(0);
    }

    @Test
    void olsAndFeResidualsGiveTheFitsRss() {
        for (String[] c : new String[][] {{"ols", "y ~ x1 + x2 + d"}, {"fe", "y ~ x1 + x2 + d | firm"},
            {"fe", "y ~ x1 + x2 + d | firm + year"}}) {
            ModelSpec spec = ModelSpec.of(ModelSpec.parseModel(c[0]), c[1], null);
            FitResult fit = Estimation.fit(panel(), spec);
            Dataset<Row> p = Predictions.of(panel(), fit).cache();
            OracleTest.assertRelative((double) fit.fit().get("rss"), sumOfSquares(p), 1e-9, c[1] + " rss");
            assertEquals(fit.sample().n(), p.where("_sample").count());
            if (c[0].equals("fe")) {
                double worst = p.groupBy("firm").agg(functions.abs(functions.avg("_residual")).as("m"))
                        .agg(functions.max("m")).first().getDouble(0);
                assertTrue(worst < 1e-9, "largest group mean of the residuals " + worst);
                Row r = p.where("_sample").select(functions.max(functions.abs(functions.col("y")
                        .cast("double").minus(functions.col("_fitted")).minus(functions.col("_residual"))))).first();
                assertTrue(r.getDouble(0) < 1e-12, "y = fitted + residual");
            } else {
                Row r = p.select(functions.max(functions.abs(functions.col("_fitted").minus(functions.col("_xb"))))).first();
                assertEquals(0.0, r.getDouble(0));
            }
            p.unpersist();
        }
    }

    /**
     * Terms named by the formula language (log(pos), year::2005, x1:x2, poly(zz, 2)1) are read as
     * the fit built them (ModelColumns.numericByName), not as columns of the table: the residuals
     * give back the fit's RSS, and a row with pos ≤ 0 (log undefined) is out of sample.
     */
    @Test
    void formulaTermsWithLogAndYearDummiesGiveTheFitsRss() {
        Dataset<Row> table = TableReader.read(SparkTestSession.get(),
                SparkTestSession.resource("oracles/formula/formula_panel.csv"))
                .withColumn("pos", functions.when(functions.col("firm").equalTo(2), functions.lit(0.0))
                        .otherwise(functions.col("pos").cast("double")));
        for (String[] c : new String[][] {{"ols", "y ~ x1*x2 + log(pos) + poly(zz, 2) + i(year, ref = 2001)"},
            {"fe", "y ~ x1 + log(pos) + i(year) | firm"}}) {
            FitResult fit = Estimation.fit(table, ModelSpec.of(ModelSpec.parseModel(c[0]), c[1], null));
            assertTrue(fit.terms().stream().anyMatch(t -> t.name().equals("year::2005")), fit.terms().toString());
            Dataset<Row> p = Predictions.of(table, fit).cache();
            OracleTest.assertRelative((double) fit.fit().get("rss"), sumOfSquares(p), 1e-9, c[1] + " rss");
            assertEquals(fit.sample().n(), p.where("_sample").count());
            assertEquals(table.where("firm = 2").count(), p.where("firm = 2 and not _sample").count());
            p.unpersist();
        }
    }

    /** With analytic weights the FE residuals are swept out by weighted group means, as the fit demeans. */
    @Test
    void weightedFeResidualsGiveTheFitsWeightedRss() {
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x2 + d | firm", null)
                .withWeights(ModelSpec.Weights.parse("fw:f"));
        FitResult fit = Estimation.fit(panel(), spec);
        Dataset<Row> p = Predictions.of(panel(), fit);
        double weighted = p.where("_sample").agg(functions.sum(functions.col("f").cast("double")
                .multiply(functions.col("_residual")).multiply(functions.col("_residual")))).first().getDouble(0);
        OracleTest.assertRelative((double) fit.fit().get("rss"), weighted, 1e-9, "weighted rss");
    }

    @Test
    void probitFittedValueIsTheNormalCdfOfTheIndex() {
        FitResult fit = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.PROBIT, "yb ~ x1 + x2 + d", null));
        Row r = Predictions.of(panel(), fit).where("firm = 1").orderBy("year").first();
        double x1 = Double.parseDouble(r.getAs("x1").toString());
        double x2 = Double.parseDouble(r.getAs("x2").toString());
        double d = Double.parseDouble(r.getAs("d").toString());
        double xb = fit.term("_cons").estimate() + fit.term("x1").estimate() * x1 + fit.term("x2").estimate() * x2
                + fit.term("d").estimate() * d;
        OracleTest.assertRelative(xb, r.getAs("_xb"), 1e-13, "xb");
        OracleTest.assertRelative(NormalDistribution.cdf(xb), r.getAs("_fitted"), 1e-13, "fitted");
        double y = Double.parseDouble(r.getAs("yb").toString());
        OracleTest.assertRelative(y - NormalDistribution.cdf(xb), r.getAs("_residual"), 1e-12, "residual");
    }

    @Test
    void rowsWithAMissingVariableAreOutOfSample() {
        Dataset<Row> data = panel().withColumn("x2", functions.when(functions.col("firm").equalTo(1), null)
                .otherwise(functions.col("x2")));
        FitResult fit = Estimation.fit(data, ModelSpec.of(ModelSpec.Model.OLS, "y ~ x1 + x2 + d", null));
        Dataset<Row> p = Predictions.of(data, fit);
        long firm1 = data.where("firm = 1").count();
        assertEquals(firm1, p.where("not _sample").count());
        assertEquals(firm1, p.where("_xb is null").count());
        assertEquals(fit.sample().n(), p.where("_sample").count());
    }
}
