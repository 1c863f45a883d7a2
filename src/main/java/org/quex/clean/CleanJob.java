package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.quex.ExactSum;
import org.quex.QuexException;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.LakeCommit;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;

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
                         Map<String, Long> anyRule, Double ambiguousUsd, Double exportUsd, ValueAddedCounts valueAdded) {
        long rejected() {
            return rowsIn - kept;
        }

        /** The report as printed: one summary line, then one line per rule. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("clean source=" + source + " year=" + year + " in=" + rowsIn + " kept=" + kept
                    + " rejected=" + rejected());
            if (valueAdded != null) {
                lines.add(String.format("  value added rebuilt as output - input + VAT: %d rows (%d kept, %d rejected);"
                                + " missing and not rebuildable: %d rows", valueAdded.rebuilt(), valueAdded.rebuiltKept(),
                        valueAdded.rebuilt() - valueAdded.rebuiltKept(), valueAdded.stillMissing()));
            }
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
            if (valueAdded != null) {
                m.put("value_added_rebuilt", valueAdded.rebuilt());
                m.put("value_added_rebuilt_kept", valueAdded.rebuiltKept());
                m.put("value_added_missing_not_rebuildable", valueAdded.stillMissing());
            }
            if (ambiguousUsd != null) {
                m.put("export_usd", exportUsd);
                m.put("ambiguous_one_to_many_usd", ambiguousUsd);
            }
            return m;
        }
    }

    /**
     * ASIF rows whose value added was rebuilt (all, and those kept) and rows left without one (removed
     * by missing_key_value when value_added is a key column).
     */
    public record ValueAddedCounts(long rebuilt, long rebuiltKept, long stillMissing) {
    }

    public static List<Report> run(SparkSession spark, LakeTables lake, int year, List<String> sources,
                                   CleaningConfig config, String configLabel) {
        RunManifest manifest = new RunManifest("clean", new LinkedHashMap<>(Map.of("year", year, "sources", sources,
                "config", configLabel, "settings", config.echo())));
        List<Report> reports = new ArrayList<>();
        // the year's clean tables of every source become visible together
        try (LakeCommit commit = LakeCommit.begin(spark.sparkContext().hadoopConfiguration(), lake, "clean " + year)) {
            for (String source : sources) {
                // Spark UI and event logs: otherwise these jobs carry the last description set (an ingest's)
                spark.sparkContext().setJobDescription("clean " + source + " " + year);
                Report r = switch (source) {
                    case "asif" -> cleanAsif(spark, lake, year, config);
                    case "customs" -> cleanCustoms(spark, lake, year, config);
                    default -> throw new QuexException("clean: unknown source '" + source + "' (asif, customs)");
                };
                manifest.addCounts(source, year, r.rowsIn(), r.kept(), r.rejected(), 0);
                reports.add(r);
            }
            commit.publish();
        }
        manifest.put("cleaning", reports.stream().map(Report::toMap).toList());
        manifest.write(spark.sparkContext().hadoopConfiguration(), lake, "year-" + year);
        return reports;
    }

    private static Dataset<Row> rawYear(SparkSession spark, LakeTables lake, String source, int year) {
        SourceSchema schema = SourceSchema.of(source);
        return PartitionedParquet.read(spark, lake.raw(source), schema.structType())
                .where(col("year").equalTo(year));
    }

    private static Report cleanAsif(SparkSession spark, LakeTables lake, int year, CleaningConfig config) {
        // persisted: the duplicate rule is a window (a shuffle), and a year of ASIF is small
        Dataset<Row> flagged = AsifCleaning.flag(ValueAddedImputation.apply(rawYear(spark, lake, "asif", year),
                        config.rebuildValueAdded()), config)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<String> partitions = List.of("year");
            RuleCounts counts = RuleCounts.of(flagged, partitions, labels(AsifRules.ALL));
            Row va = flagged.agg(sum(col(ValueAddedImputation.FLAG).cast("long")),
                    sum(when(RuleFlags.kept(), col(ValueAddedImputation.FLAG).cast("long")).otherwise(0L)),
                    sum(when(col("value_added").isNull(), 1L).otherwise(0L))).first();
            write(spark, flagged, lake.clean("asif"), lake.cleanRejected("asif"), year, partitions, counts);
            return report("asif", year, counts, null, new ValueAddedCounts(va.isNullAt(0) ? 0 : va.getLong(0),
                    va.isNullAt(1) ? 0 : va.getLong(1), va.isNullAt(2) ? 0 : va.getLong(2)));
        } finally {
            flagged.unpersist();
        }
    }

    private static Report cleanCustoms(SparkSession spark, LakeTables lake, int year, CleaningConfig config) {
        // Two passes over the raw year, without caching it: the rejected rows, counted by rule on the
        // way, and the firm-year table from the kept export rows (only the columns it needs). The kept
        // rows themselves are a third pass, a rewrite of the year, only when asked for.
        Map<String, Column> rules = RuleFlags.conditions(CustomsRules.ALL, config);
        Column violated = RuleFlags.anyViolated(rules);
        List<String> labels = labels(CustomsRules.ALL);
        List<String> partitions = List.of("year", "month");
        Dataset<Row> rows = CustomsCleaning.withTargets(rawYear(spark, lake, "customs", year), year, config,
                HsConcordance.load());
        Observation in = new Observation("customs rows in " + year);
        Observation removed = new Observation("customs rows removed " + year);
        Dataset<Row> rejected = RuleCounts.observe(
                RuleFlags.flag(rows.observe(in, count(lit(1)).as("rows")).where(violated), rules), removed, labels);
        PartitionedParquet.writeYear(spark, rejected, lake.cleanRejected("customs"), year, partitions);
        RuleCounts counts = RuleCounts.observed(List.of(year), metrics(in).getLong(0), metrics(removed), labels);
        Dataset<Row> kept = rows.where(not(violated));
        if (config.writeKeptCustomsRows()) {
            PartitionedParquet.writeYear(spark, kept, lake.clean("customs"), year, partitions);
        } else {
            PartitionedParquet.removeYear(spark, lake.clean("customs"), year); // rows of an earlier setting
        }
        // persisted: small (one row per firm-year), read by the report's sums and by the write
        Dataset<Row> firmYear = ExportAggregates.firmYear(kept, config).persist(StorageLevel.MEMORY_AND_DISK());
        Report report;
        try {
            // the report's export value from the firm-years (no pass over the rows of its own), summed
            // exactly so that the manifest's figures do not depend on the partitioning; with the
            // firm-years per year the write checks
            ExportTotals totals = firmYear.select("year", "export_usd", "ambiguous_usd").javaRDD()
                    .aggregate(new ExportTotals(), ExportTotals::add, ExportTotals::add);
            report = report("customs", year, counts,
                    new double[] {totals.exportUsd.value(), totals.ambiguousUsd.value()}, null);
            PartitionedParquet.replaceYear(spark, firmYear, lake.customsFirmYear(), year, List.of("year"),
                    totals.firmYears);
        } finally {
            firmYear.unpersist();
        }
        return report;
    }

    /**
     * Firm-years by year (keys as the write takes them), and their export value and value through
     * one-to-many HS codes summed exactly.
     */
    private static final class ExportTotals implements java.io.Serializable {
        final Map<List<Object>, Long> firmYears = new java.util.HashMap<>();
        final ExactSum exportUsd = new ExactSum();
        final ExactSum ambiguousUsd = new ExactSum();

        /** A row of year, export_usd, ambiguous_usd. */
        ExportTotals add(Row r) {
            firmYears.merge(java.util.Collections.singletonList(r.get(0)), 1L, Long::sum);
            if (!r.isNullAt(1)) {
                exportUsd.add(r.getDouble(1));
            }
            if (!r.isNullAt(2)) {
                ambiguousUsd.add(r.getDouble(2));
            }
            return this;
        }

        ExportTotals add(ExportTotals o) {
            o.firmYears.forEach((y, n) -> firmYears.merge(y, n, Long::sum));
            exportUsd.add(o.exportUsd);
            ambiguousUsd.add(o.ambiguousUsd);
            return this;
        }
    }

    /** What an observation collected during the write that just ended (a minute's grace: it is set as the write ends). */
    private static Row metrics(Observation o) {
        try {
            return scala.concurrent.Await.result(o.future(), scala.concurrent.duration.Duration.create(60, "s"));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalStateException("clean: Spark did not report the counts of " + o.name(), e);
        }
    }

    private static List<String> labels(List<Rule> rules) {
        return rules.stream().map(Rule::label).toList();
    }

    /** Rows in, kept, and per rule the rows it removed (first rule) and the rows that violate it. */
    private static Report report(String source, int year, RuleCounts counts, double[] exportValue,
                                 ValueAddedCounts valueAdded) {
        return new Report(source, year, counts.rowsIn(), counts.rowsKept(), counts.firstRule(), counts.anyRule(),
                exportValue == null ? null : exportValue[1], exportValue == null ? null : exportValue[0], valueAdded);
    }

    private static void write(SparkSession spark, Dataset<Row> flagged, Path keptTable, Path rejectedTable, int year,
                              List<String> partitions, RuleCounts counts) {
        PartitionedParquet.replaceYear(spark, flagged.where(RuleFlags.kept()).drop(RuleFlags.RULES, RuleFlags.RULE),
                keptTable, year, partitions, counts.kept());
        PartitionedParquet.replaceYear(spark, flagged.where(org.apache.spark.sql.functions.not(RuleFlags.kept())),
                rejectedTable, year, partitions, counts.rejected());
    }
}
