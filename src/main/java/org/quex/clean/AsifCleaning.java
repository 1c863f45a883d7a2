package org.quex.clean;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** ASIF rows of one year with the cleaning rules they violate ({@code rules}) and the first ({@code rule}). */
public final class AsifCleaning {
    private AsifCleaning() {
    }

    public static Dataset<Row> flag(Dataset<Row> asif, CleaningConfig config) {
        return RuleFlags.flag(asif, RuleFlags.conditions(AsifRules.ALL, config));
    }
}
