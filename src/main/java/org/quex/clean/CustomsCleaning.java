package org.quex.clean;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Customs rows of one year with their HS2002 targets and the cleaning rules they violate.
 */
public final class CustomsCleaning {
    static final String TARGETS = "hs2002_targets";

    private CustomsCleaning() {
    }

    /** Adds hs6 (the code's first six digits), its HS2002 targets (null if unknown), rules and rule. */
    public static Dataset<Row> flag(Dataset<Row> customs, int year, CleaningConfig config, HsConcordance concordance) {
        return RuleFlags.flag(withTargets(customs, year, config, concordance),
                RuleFlags.conditions(CustomsRules.ALL, config));
    }

    /** Adds hs6 (the code's first six digits) and its HS2002 targets in the year's vintage (null if unknown). */
    public static Dataset<Row> withTargets(Dataset<Row> customs, int year, CleaningConfig config,
                                           HsConcordance concordance) {
        Dataset<Row> table = concordanceTable(customs.sparkSession(), concordance, config.hsVintage(year));
        return customs.withColumn("hs6", substring(col("hs_code"), 1, 6))
                .join(broadcast(table), col("hs6").equalTo(col("hs_vintage_code")), "left")
                .drop("hs_vintage_code");
    }

    private static Dataset<Row> concordanceTable(SparkSession spark, HsConcordance concordance, String vintage) {
        List<Row> rows = new ArrayList<>();
        for (HsConcordance.Entry e : concordance.entries()) {
            if (e.vintage().equals(vintage)) {
                rows.add(RowFactory.create(e.code(), e.targets().toArray(new String[0])));
            }
        }
        StructType schema = new StructType()
                .add("hs_vintage_code", DataTypes.StringType, false)
                .add(TARGETS, DataTypes.createArrayType(DataTypes.StringType, false), false);
        return spark.createDataFrame(rows, schema);
    }
}
