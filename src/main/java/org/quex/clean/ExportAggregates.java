package org.quex.clean;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Firm-year export aggregates from the kept Customs export rows: value in USD, number of HS2002
 * six-digit products and of destinations, share of processing trade, and the firm's modal name,
 * phone and zip (the values on most rows; ties go to the smallest) for matching with ASIF.
 *
 * <p>The export rows, narrowed to the columns these need, are shuffled once by firm-year and each
 * partition adds its rows up in one pass ({@link FirmYearExports}). In Spark SQL the distinct
 * counts and the modes cost one aggregation of a few entries per row (or an expand of every row
 * per distinct column, and mode()'s sort of every row): five times the rows through hash tables
 * keyed by strings, which measured ten times a plain aggregation of the year (docs/benchmarks.md).
 */
public final class ExportAggregates {
    /**
     * Trade modes of processing trade (进料加工贸易, 来料加工装配贸易 …) contain this (clean.customs.processing_trade
     * = contains); exact_modes takes the list clean.customs.processing_modes instead.
     */
    static final String PROCESSING = "加工";

    /** The firm-year table's columns. */
    static final StructType SCHEMA = new StructType().add("year", DataTypes.IntegerType, false)
            .add("firm_code", DataTypes.StringType, false).add("export_usd", DataTypes.DoubleType)
            .add("n_products", DataTypes.LongType, false).add("n_destinations", DataTypes.LongType, false)
            .add("processing_share", DataTypes.DoubleType).add("ambiguous_usd", DataTypes.DoubleType)
            .add("firm_name", DataTypes.StringType).add("phone", DataTypes.StringType).add("zip", DataTypes.StringType);

    private ExportAggregates() {
    }

    /**
     * The firm-year table from kept rows (with their {@code hs2002_targets}): the export rows' value
     * split over their HS2002 targets, 1/n for a code with n targets under equal_shares, all to the
     * first target under first_target.
     */
    public static Dataset<Row> firmYear(Dataset<Row> kept, CleaningConfig config) {
        boolean firstTarget = config.oneToMany() == CleaningConfig.OneToMany.FIRST_TARGET;
        Column processing = config.processingByExactModes()
                ? col("trade_mode").isin(config.processingModes().toArray()) : col("trade_mode").contains(PROCESSING);
        Dataset<Row> exports = kept.where(col("direction").equalTo("export")).select(col("year"), col("firm_code"),
                col(CustomsCleaning.TARGETS), col("value_usd"), processing.equalTo(true).as("processing"),
                col("country"), col("firm_name"), col("phone"), col("zip"));
        int partitions = Integer.parseInt(kept.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        JavaRDD<InternalRow> byFirm = exports.repartition(partitions, col("year"), col("firm_code"))
                .queryExecution().toRdd().toJavaRDD();
        JavaRDD<InternalRow> totals = byFirm.mapPartitions(rows -> add(rows, firstTarget));
        return ((org.apache.spark.sql.classic.SparkSession) kept.sparkSession())
                .internalCreateDataFrame(totals.rdd(), SCHEMA, false);
    }

    /** The firm-years of one partition's rows (every row of a firm-year is in it), one row each. */
    private static Iterator<InternalRow> add(Iterator<InternalRow> rows, boolean firstTarget) {
        Map<Integer, Map<UTF8String, FirmYearExports>> years = new HashMap<>();
        UTF8String[] targets = new UTF8String[4];
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            UTF8String firm = r.getUTF8String(1);
            Map<UTF8String, FirmYearExports> firms = years.computeIfAbsent(r.getInt(0), y -> new HashMap<>());
            FirmYearExports f = firms.get(firm);
            if (f == null) {
                f = new FirmYearExports();
                firms.put(firm.clone(), f);
            }
            ArrayData codes = r.getArray(2);
            int n = codes.numElements();
            if (n > targets.length) {
                targets = new UTF8String[n];
            }
            for (int i = 0; i < n; i++) {
                targets[i] = codes.getUTF8String(i);
            }
            f.add(targets, firstTarget ? Math.min(n, 1) : n, r.getDouble(3), firstTarget ? 1.0 : 1.0 / n,
                    !r.isNullAt(4) && r.getBoolean(4), n > 1, string(r, 5), string(r, 6), string(r, 7), string(r, 8));
        }
        List<InternalRow> out = new ArrayList<>();
        years.forEach((year, firms) -> firms.forEach((firm, f) -> out.add(new GenericInternalRow(new Object[] {
                year, firm, f.exportUsd(), f.products(), f.destinations(), f.processingShare(), f.ambiguousUsd(),
                f.name(), f.phone(), f.zip()}))));
        return out.iterator();
    }

    private static UTF8String string(InternalRow r, int i) {
        return r.isNullAt(i) ? null : r.getUTF8String(i);
    }
}
