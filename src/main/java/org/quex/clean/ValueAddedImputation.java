package org.quex.clean;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Value added where a year's delivery lacks it (2004, 2006 in cloud-brain's files; 2001, 2004 in
 * TestEcon's): gross output − intermediate input + VAT payable, as those users rebuild it
 * (shared/reference/real_layouts/README.md). The row says whether its value was rebuilt
 * ({@value #FLAG}); a row that has neither value added nor all three parts keeps a missing value
 * and is removed by {@code missing_key_value}.
 */
public final class ValueAddedImputation {
    public static final String FLAG = "value_added_imputed";

    private ValueAddedImputation() {
    }

    /** The row's value added, or output − input + VAT when it is missing; null when neither is known. */
    public static Long valueAdded(Long valueAdded, Long grossOutput, Long intermediateInput, Long vat) {
        if (valueAdded != null) {
            return valueAdded;
        }
        if (grossOutput == null || intermediateInput == null || vat == null) {
            return null;
        }
        return grossOutput - intermediateInput + vat;
    }

    /** {@link #valueAdded} as Spark columns, plus the flag (1 rebuilt, 0 as delivered or still missing). */
    public static Dataset<Row> apply(Dataset<Row> asif, boolean enabled) {
        if (!enabled) {
            return asif.withColumn(FLAG, lit(0));
        }
        Column rebuilt = col("gross_output").minus(col("intermediate_input")).plus(col("vat"));
        return asif.withColumn(FLAG, when(col("value_added").isNull().and(rebuilt.isNotNull()), 1).otherwise(0))
                .withColumn("value_added", coalesce(col("value_added"), rebuilt));
    }
}
