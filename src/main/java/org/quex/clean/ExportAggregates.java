package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.size;
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
        // The modal values in an aggregation of their own: mode() is an object aggregate, whose
        // sort fallback would change the order in which the sums above add up (their last digits).
        Dataset<Row> modal = rows.groupBy("year", "firm_code").agg(modal("firm_name"), modal("phone"), modal("zip"));
        return totals.join(modal, new String[] {"year", "firm_code"}, "left");
    }

    /**
     * The most frequent non-null value of a column per firm-year; ties go to the smallest value.
     * Spark's deterministic mode: the three columns in one pass, where a group-by, a window and a
     * join per column read the rows three times.
     */
    private static Column modal(String column) {
        return mode(col(column), true).as(column);
    }
}
