package org.quex.estimate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.quex.QuexException;

/** Fits a model on any table: build the cached design once, estimate, release the cache. */
public final class Estimation {
    private Estimation() {
    }

    public static FitResult fit(Dataset<Row> table, ModelSpec spec) {
        return fit(table, spec, false);
    }

    /** With {@code margins} (probit only), the marginal effects too. */
    public static FitResult fit(Dataset<Row> table, ModelSpec spec, boolean margins) {
        if (margins && spec.model() != ModelSpec.Model.PROBIT) {
            throw new QuexException("--margins is for probit; the coefficients of "
                    + spec.model().name().toLowerCase(java.util.Locale.ROOT) + " are the marginal effects");
        }
        // for the Spark UI and event logs
        table.sparkSession().sparkContext().setJobDescription("estimate " + spec.model().name().toLowerCase(
                java.util.Locale.ROOT) + ": " + spec.formula());
        try (DesignData data = DesignData.build(table, spec)) {
            return spec.model() == ModelSpec.Model.PROBIT
                    ? ProbitEstimator.fit(data, spec, margins)
                    : LinearEstimator.fit(data, spec);
        } catch (Exception e) {
            // A bad value found on an executor arrives wrapped in a (checked) SparkException: surface it.
            QuexException cause = QuexException.findIn(e);
            if (cause != null) {
                throw cause;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }
}
