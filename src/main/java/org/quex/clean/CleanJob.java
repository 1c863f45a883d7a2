package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.quex.QuexException;
import org.quex.ingest.SourceSchema;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;
import org.quex.synth.RawLayouts;

/**
 * lake/raw → lake/clean for one year: ASIF and Customs rows flagged by the rules, kept rows and
 * rejected rows (with the first rule and all rules) written as separate tables, Customs export
 * aggregates by firm-year, and a report of rows in, removed by rule and kept.
 */
public final class CleanJob {
    private CleanJob() {
    }

    /** What cleaning did to one source in one year. */
    public record Report(String source, int year, long rowsIn, long kept, Map<String, Long> firstRule,
                         Map<String, Long> anyRule, Double ambiguousUsd, Double exportUsd) {
        long rejected() {
            return rowsIn - kept;
        }

        /** The report as printed: one summary line, then one line per rule. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("clean source=" + source + " year=" + year + " in=" + rowsIn + " kept=" + kept
                    + " rejected=" + rejected());
            firstRule.forEach((rule, n) -> lines.add(String.format("  %-28s removed=%d (violated by %d)", rule, n,
                    anyRule.getOrDefault(rule, 0L))));
            if (ambiguousUsd != null) {
                lines.add(String.format("  exports %.0f USD, of which %.0f USD through one-to-many HS codes (%.2f%%)",
                        exportUsd, ambiguousUsd, exportUsd > 0 ? 100 * ambiguousUsd / exportUsd : 0.0));
            }
            return lines;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("year", year);
            m.put("rows_in", rowsIn);
            m.put("kept", kept);
            m.put("rejected", rejected());
            m.put("removed_by_first_rule", firstRule);
            m.put("violating_rule", anyRule);
            if (ambiguousUsd != null) {
                m.put("export_usd", exportUsd);
                m.put("ambiguous_one_to_many_usd", ambiguousUsd);
            }
            return m;
        }
    }

    public static List<Report> run(SparkSession spark, LakeTables lake, int year, List<String> sources,
                                   CleaningConfig config, String configLabel) {
        RunManifest manifest = new RunManifest("clean", new LinkedHashMap<>(Map.of("year", year, "sources", sources,
                "config", configLabel, "settings", config.echo())));
        List<Report> reports = new ArrayList<>();
        for (String source : sources) {
            Report r = switch (source) {
                case "asif" -> cleanAsif(spark, lake, year, config);
                case "customs" -> cleanCustoms(spark, lake, year, config);
                default -> throw new QuexException("clean: unknown source '" + source + "' (asif, customs)");
            };
            manifest.addCounts(source, year, r.rowsIn(), r.kept(), r.rejected(), 0);
            reports.add(r);
        }
        manifest.put("cleaning", reports.stream().map(Report::toMap).toList());
        manifest.write(spark.sparkContext().hadoopConfiguration(), lake, "year-" + year);
        return reports;
    }

    private static Dataset<Row> rawYear(SparkSession spark, LakeTables lake, String source, int year) {
        SourceSchema schema = SourceSchema.of(source, RawLayouts.shared());
        return PartitionedParquet.read(spark, lake.raw(source), schema.structType())
                .where(col("year").equalTo(year));
    }

    private static Report cleanAsif(SparkSession spark, LakeTables lake, int year, CleaningConfig config) {
        Dataset<Row> flagged = AsifCleaning.flag(rawYear(spark, lake, "asif", year), config)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Report report = report("asif", year, flagged, AsifRules.ALL.stream().map(Rule::label).toList(), null);
            write(spark, flagged, lake.clean("asif"), lake.cleanRejected("asif"), year, List.of("year"), report);
            return report;
        } finally {
            flagged.unpersist();
        }
    }

    private static Report cleanCustoms(SparkSession spark, LakeTables lake, int year, CleaningConfig config) {
        Dataset<Row> flagged = CustomsCleaning.flag(rawYear(spark, lake, "customs", year), year, config,
                HsConcordance.load()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> byProduct = ExportAggregates.byProduct(flagged, config);
            Row value = byProduct.agg(sum(col("value_usd").multiply(col("share"))),
                    sum(when(org.apache.spark.sql.functions.size(col(CustomsCleaning.TARGETS)).gt(1),
                            col("value_usd").multiply(col("share"))).otherwise(0.0))).first();
            Report report = report("customs", year, flagged, CustomsRules.ALL.stream().map(Rule::label).toList(),
                    new double[] {value.isNullAt(0) ? 0 : value.getDouble(0), value.isNullAt(1) ? 0 : value.getDouble(1)});
            write(spark, flagged, lake.clean("customs"), lake.cleanRejected("customs"), year, List.of("year", "month"),
                    report);
            Dataset<Row> firmYear = ExportAggregates.firmYear(byProduct);
            PartitionedParquet.replaceYear(spark, firmYear, lake.customsFirmYear(), year, List.of("year"), -1);
            return report;
        } finally {
            flagged.unpersist();
        }
    }

    /** Rows in, kept, and per rule the rows it removed (first rule) and the rows that violate it. */
    private static Report report(String source, int year, Dataset<Row> flagged, Iterable<String> rules,
                                 double[] exportValue) {
        Row totals = flagged.agg(count(lit(1)), sum(when(RuleFlags.kept(), 1L).otherwise(0L))).first();
        Map<String, Long> first = new LinkedHashMap<>();
        Map<String, Long> any = new LinkedHashMap<>();
        for (String rule : rules) {
            first.put(rule, 0L);
            any.put(rule, 0L);
        }
        for (Row r : flagged.where(col(RuleFlags.RULE).isNotNull()).groupBy(RuleFlags.RULE).count().collectAsList()) {
            first.put(r.getString(0), r.getLong(1));
        }
        for (Row r : flagged.select(explode(col(RuleFlags.RULES)).as("r")).groupBy("r").count().collectAsList()) {
            any.put(r.getString(0), r.getLong(1));
        }
        long rowsIn = totals.getLong(0);
        long kept = totals.isNullAt(1) ? 0 : totals.getLong(1);
        return new Report(source, year, rowsIn, kept, first, any,
                exportValue == null ? null : exportValue[1], exportValue == null ? null : exportValue[0]);
    }

    private static void write(SparkSession spark, Dataset<Row> flagged, Path keptTable, Path rejectedTable, int year,
                              List<String> partitions, Report report) {
        PartitionedParquet.replaceYear(spark, flagged.where(RuleFlags.kept()).drop(RuleFlags.RULES, RuleFlags.RULE),
                keptTable, year, partitions, report.kept());
        PartitionedParquet.replaceYear(spark, flagged.where(org.apache.spark.sql.functions.not(RuleFlags.kept())),
                rejectedTable, year, partitions, report.rejected());
    }
}
