package org.quex.estimate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Fits a model on any table: build the cached design once, estimate, release the cache. */
public final class Estimation {
    private Estimation() {
    }

    public static FitResult fit(Dataset<Row> table, ModelSpec spec) {
        try (DesignData data = DesignData.build(table, spec)) {
            return spec.model() == ModelSpec.Model.PROBIT
                    ? ProbitEstimator.fit(data, spec)
                    : LinearEstimator.fit(data, spec);
        }
    }
}
