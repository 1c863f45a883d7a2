package org.quex.clean;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Firm-year export aggregates from the kept Customs export rows: value in USD, number of HS2002
 * six-digit products and of destinations, share of processing trade, and the firm's modal name,
 * phone and zip (the values on most rows; ties go to the smallest) for matching with ASIF.
 */
public final class ExportAggregates {
    /**
     * Trade modes of processing trade (进料加工贸易, 来料加工装配贸易 …) contain this (clean.customs.processing_trade
     * = contains); exact_modes takes the list clean.customs.processing_modes instead.
     */
    static final String PROCESSING = "加工";

    private ExportAggregates() {
    }

    /**
     * Kept export rows, one per HS2002 target, with the share of the row's value it carries:
     * 1/n for a code with n targets under equal_shares, 1 for the first target under first_target.
     */
    public static Dataset<Row> byProduct(Dataset<Row> flagged, CleaningConfig config) {
        Dataset<Row> exports = flagged.where(RuleFlags.kept().and(col("direction").equalTo("export")));
        if (config.oneToMany() == CleaningConfig.OneToMany.FIRST_TARGET) {
            return exports.withColumn("hs6_2002", element_at(col(CustomsCleaning.TARGETS), 1))
                    .withColumn("share", lit(1.0));
        }
        return exports.withColumn("share", lit(1.0).divide(size(col(CustomsCleaning.TARGETS))))
                .withColumn("hs6_2002", explode(col(CustomsCleaning.TARGETS)));
    }

    public static Dataset<Row> firmYear(Dataset<Row> byProduct, CleaningConfig config) {
        Column value = col("value_usd").multiply(col("share"));
        Column processing = config.processingByExactModes()
                ? col("trade_mode").isin(config.processingModes().toArray()) : col("trade_mode").contains(PROCESSING);
        Dataset<Row> totals = byProduct.groupBy("year", "firm_code").agg(
                sum(value).as("export_usd"),
                countDistinct("hs6_2002").as("n_products"),
                countDistinct("country").as("n_destinations"),
                sum(when(processing, value).otherwise(0.0)).divide(sum(value))
                        .as("processing_share"),
                sum(when(size(col(CustomsCleaning.TARGETS)).gt(1), value).otherwise(0.0)).as("ambiguous_usd"));
        // each source row once: its first target (targets are distinct, sorted)
        Dataset<Row> rows = byProduct.where(col("hs6_2002").equalTo(element_at(col(CustomsCleaning.TARGETS), 1)));
        Dataset<Row> modal = modal(rows);
        return totals.join(modal, new String[] {"year", "firm_code"}, "left");
    }

    /**
     * The most frequent non-null firm_name, phone and zip per firm-year, ties to the smallest value
     * (as Spark's deterministic mode()), from plain aggregations: each row's three values counted by
     * (firm-year, column, value) in a hash aggregation that generated code runs, then per firm-year
     * the smallest (-count, value) of each column. mode() is an object aggregate: past 128 firm-years
     * in a task it falls back to sorting every row, which cost about a third of the firm-year table.
     */
    static Dataset<Row> modal(Dataset<Row> rows) {
        String[] columns = {"firm_name", "phone", "zip"};
        Column[] entries = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            entries[i] = struct(lit(i).as("c"), col(columns[i]).as("v"));
        }
        Dataset<Row> counted = rows.select(col("year"), col("firm_code"), explode(array(entries)).as("e"))
                .where(col("e.v").isNotNull())
                .groupBy(col("year"), col("firm_code"), col("e.c").as("c"), col("e.v").as("v"))
                .agg(count(lit(1)).as("n"));
        Column[] modes = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            modes[i] = min(when(col("c").equalTo(i), struct(negate(col("n")).as("n"), col("v").as("v"))))
                    .getField("v").as(columns[i]);
        }
        return counted.groupBy("year", "firm_code").agg(modes[0], java.util.Arrays.copyOfRange(modes, 1, modes.length));
    }
}
