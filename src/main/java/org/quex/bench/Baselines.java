package org.quex.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What a Spark user does without Quex: MLlib's GeneralizedLinearRegression (binomial, probit link,
 * IRLS) with its standard errors, and firm fixed effects by window-function demeaning followed by
 * MLlib's LinearRegression (normal equations) with its standard errors.
 */
final class Baselines {
    private Baselines() {
    }

    /** Coefficients (slopes x1..xk, then intercept) and standard errors of MLlib's probit. */
    static double[][] mllibProbit(Dataset<Row> assembled, double tolerance) {
        GeneralizedLinearRegressionModel model = new GeneralizedLinearRegression()
                .setFamily("binomial").setLink("probit").setLabelCol("y_bin").setFeaturesCol("features")
                .setMaxIter(100).setTol(tolerance).setRegParam(0.0)
                .fit(assembled);
        double[] se = model.summary().coefficientStandardErrors();
        return new double[][] {withIntercept(model.coefficients().toArray(), model.intercept()), se};
    }

    /** Slopes and standard errors after demeaning y and every x within firm by window averages. */
    static double[][] windowDemeanedOls(Dataset<Row> data, List<String> regressors) {
        WindowSpec byFirm = Window.partitionBy("firm");
        Dataset<Row> demeaned = data.withColumn("y_w", col("y").minus(avg("y").over(byFirm)));
        String[] within = new String[regressors.size()];
        for (int j = 0; j < regressors.size(); j++) {
            String x = regressors.get(j);
            within[j] = x + "_w";
            demeaned = demeaned.withColumn(within[j], col(x).minus(avg(x).over(byFirm)));
        }
        Dataset<Row> assembled = new VectorAssembler().setInputCols(within).setOutputCol("features")
                .transform(demeaned);
        LinearRegressionModel model = new LinearRegression().setLabelCol("y_w").setFeaturesCol("features")
                .setFitIntercept(false).setSolver("normal").setRegParam(0.0).setStandardization(false)
                .fit(assembled);
        return new double[][] {model.coefficients().toArray(), model.summary().coefficientStandardErrors()};
    }

    static Dataset<Row> assemble(Dataset<Row> data, List<String> regressors) {
        return new VectorAssembler().setInputCols(regressors.toArray(String[]::new)).setOutputCol("features")
                .transform(data).select("y_bin", "features");
    }

    private static double[] withIntercept(double[] slopes, double intercept) {
        double[] all = java.util.Arrays.copyOf(slopes, slopes.length + 1);
        all[slopes.length] = intercept;
        return all;
    }
}
