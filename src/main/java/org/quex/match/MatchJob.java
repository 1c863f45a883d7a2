package org.quex.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.LakeCommit;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;

/**
 * lake/clean → lake/match/links for one year: the two passes of {@link FirmMatcher} on the clean
 * ASIF firms and the Customs exporters (clean/customs_firm_year), a match report, and, given the
 * generator's truth, precision and recall per pass.
 */
public final class MatchJob {
    private MatchJob() {
    }

    /** Precision and recall of one pass against the true links it could find. */
    public record Quality(String method, long links, long correct, long findable) {
        public double precision() {
            return links == 0 ? Double.NaN : (double) correct / links;
        }

        public double recall() {
            return findable == 0 ? Double.NaN : (double) correct / findable;
        }
    }

    /**
     * @param zipPhoneUnavailable why the zip+phone7 pass could not run this year (a source delivered
     *                            no phone or zip: the Customs parts of some years lack both), or null
     */
    public record Report(int year, long customsFirms, long asifFirms, long byName, long byZipPhone,
                         long ambiguousByName, long ambiguousByZipPhone, double exportUsd, double matchedExportUsd,
                         List<Quality> quality, String zipPhoneUnavailable) {
        /** The zip+phone7 pass as a progress line says it: its links, or why it could not run. */
        public String zipPhoneText() {
            return zipPhoneUnavailable == null ? byZipPhone + " by zip+phone7"
                    : "zip+phone7 unavailable (" + zipPhoneUnavailable + ")";
        }

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("match year=%d customs_firms=%d asif_firms=%d linked=%d (name %d, %s)"
                            + " ambiguous=%d/%d matched_export_share=%.4f", year, customsFirms, asifFirms,
                    byName + byZipPhone, byName, zipPhoneUnavailable == null ? "zip+phone7 " + byZipPhone
                            : "zip+phone7 unavailable: " + zipPhoneUnavailable, ambiguousByName, ambiguousByZipPhone,
                    exportUsd > 0 ? matchedExportUsd / exportUsd : Double.NaN));
            for (Quality q : quality) {
                lines.add(String.format("  truth %-10s links=%d correct=%d findable=%d precision=%.4f recall=%.4f",
                        q.method(), q.links(), q.correct(), q.findable(), q.precision(), q.recall()));
            }
            return lines;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("year", year);
            m.put("customs_firms", customsFirms);
            m.put("asif_firms", asifFirms);
            m.put("linked_by_name", byName);
            m.put("linked_by_zip_phone7", byZipPhone);
            m.put("zip_phone7_pass", zipPhoneUnavailable == null ? "ran" : "unavailable: " + zipPhoneUnavailable);
            m.put("ambiguous_by_name", ambiguousByName);
            m.put("ambiguous_by_zip_phone7", ambiguousByZipPhone);
            m.put("export_usd", exportUsd);
            m.put("matched_export_usd", matchedExportUsd);
            List<Map<String, Object>> q = new ArrayList<>();
            for (Quality x : quality) {
                q.add(Map.of("method", x.method(), "links", x.links(), "correct", x.correct(), "findable", x.findable()));
            }
            m.put("truth", q);
            return m;
        }
    }

    /** @param truthLinks the generator's truth/links.csv, or null */
    public static Report run(SparkSession spark, LakeTables lake, int year, String truthLinks) {
        try (LakeCommit commit = LakeCommit.begin(spark.sparkContext().hadoopConfiguration(), lake, "match " + year)) {
            Report report = matchYear(spark, lake, year, truthLinks);
            commit.publish();
            return report;
        }
    }

    private static Report matchYear(SparkSession spark, LakeTables lake, int year, String truthLinks) {
        spark.sparkContext().setJobDescription("match " + year); // for the Spark UI and event logs
        Dataset<Row> asif = PartitionedParquet.read(spark, lake.clean("asif"),
                SourceSchema.of("asif").structType())
                .where(col("year").equalTo(year)).select("year", "firm_id", "firm_name", "phone", "zip");
        Dataset<Row> customs = PartitionedParquet.read(spark, lake.customsFirmYear())
                .where(col("year").equalTo(year)).select("year", "firm_code", "firm_name", "phone", "zip", "export_usd");
        FirmMatcher.Result result = FirmMatcher.match(asif, customs);
        Dataset<Row> candidates = result.candidates().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> links = result.links();
            Column withKeys = when(col("phone").isNotNull().and(col("zip").isNotNull()), 1L).otherwise(0L);
            Row c = customs.agg(count(lit(1)), sum(withKeys)).first();
            Row a = asif.agg(count(lit(1)), sum(withKeys)).first();
            long customsFirms = c.getLong(0);
            long asifFirms = a.getLong(0);
            String unavailable = zipPhoneUnavailable(year, customsFirms, c.isNullAt(1) ? 0 : c.getLong(1), asifFirms,
                    a.isNullAt(1) ? 0 : a.getLong(1));
            Row counts = candidates.agg(
                    sum(when(col("linked").and(col("method").equalTo(FirmMatcher.BY_NAME)), 1L).otherwise(0L)),
                    sum(when(col("linked").and(col("method").equalTo(FirmMatcher.BY_ZIP_PHONE)), 1L).otherwise(0L)),
                    countDistinct(when(col("linked").equalTo(false).and(col("method").equalTo(FirmMatcher.BY_NAME)),
                            col("customs_firm_code"))),
                    countDistinct(when(col("linked").equalTo(false).and(col("method").equalTo(FirmMatcher.BY_ZIP_PHONE)),
                            col("customs_firm_code")))).first();
            Row value = customs.join(links.select(col("year"), col("customs_firm_code").as("firm_code"), lit(1).as("hit")),
                    new String[] {"year", "firm_code"}, "left")
                    .agg(sum("export_usd"), sum(when(col("hit").isNotNull(), col("export_usd")).otherwise(0.0))).first();
            long byName = counts.isNullAt(0) ? 0 : counts.getLong(0);
            long byPhone = counts.isNullAt(1) ? 0 : counts.getLong(1);
            PartitionedParquet.replaceYear(spark, links, lake.matchLinks(), year, List.of("year"));
            List<Quality> quality = truthLinks == null ? List.of()
                    : evaluate(spark, asif, customs, links, truthLinks, year);
            Report report = new Report(year, customsFirms, asifFirms, byName, byPhone, counts.getLong(2),
                    counts.getLong(3), value.isNullAt(0) ? 0 : value.getDouble(0),
                    value.isNullAt(1) ? 0 : value.getDouble(1), quality, unavailable);
            writeManifest(spark, lake, report);
            return report;
        } finally {
            candidates.unpersist();
        }
    }

    /** Why zip+phone7 cannot link this year: a source whose firms have no phone and zip at all (the columns were not delivered). */
    static String zipPhoneUnavailable(int year, long customsFirms, long customsWithKeys, long asifFirms,
                                      long asifWithKeys) {
        if (customsFirms > 0 && customsWithKeys == 0) {
            return "customs " + year + ": no firm has both a phone and a zip (the delivery has no such columns)";
        }
        if (asifFirms > 0 && asifWithKeys == 0) {
            return "asif " + year + ": no firm has both a phone and a zip (the delivery has no such columns)";
        }
        return null;
    }

    /**
     * Each pass's precision (correct links / links) and recall against the true links it could
     * find: both firms in the inputs and equal normalized names (pass 1); equal zip and phone7
     * among the true links pass 1 did not make (pass 2); either (all).
     */
    static List<Quality> evaluate(SparkSession spark, Dataset<Row> asif, Dataset<Row> customs, Dataset<Row> links,
                                  String truthLinks, int year) {
        Dataset<Row> truth = spark.read().option("header", "true").option("quote", "\"").csv(truthLinks)
                .where(col("year").cast("int").equalTo(year))
                .select(col("customs_firm_code"), col("asif_firm_id")).dropDuplicates();
        Dataset<Row> keysA = FirmMatcher.keys(asif, "firm_id", "asif_firm_id");
        Dataset<Row> keysC = FirmMatcher.keys(customs, "firm_code", "customs_firm_code");
        Dataset<Row> found = links.select(col("customs_firm_code"), col("asif_firm_id"), col("method").as("found_by"));
        Dataset<Row> truthKeys = truth.join(keysA, "asif_firm_id").join(keysC, "customs_firm_code")
                .select(col("customs_firm_code"), col("asif_firm_id"),
                        keysA.col("name_key").equalTo(keysC.col("name_key")).as("name_equal"),
                        keysA.col("zip_key").equalTo(keysC.col("zip_key"))
                                .and(keysA.col("phone_key").equalTo(keysC.col("phone_key"))).as("zip_phone_equal"))
                .join(found, new String[] {"customs_firm_code", "asif_firm_id"}, "left");
        Column byName = col("found_by").equalTo(FirmMatcher.BY_NAME);
        Column byPhone = col("found_by").equalTo(FirmMatcher.BY_ZIP_PHONE);
        Row t = truthKeys.agg(
                countWhere(col("name_equal")), countWhere(col("name_equal").and(byName)),
                countWhere(col("zip_phone_equal").and(byName.isNull().or(byName.equalTo(false)))),
                countWhere(byPhone),
                countWhere(col("name_equal").or(col("zip_phone_equal"))), countWhere(col("found_by").isNotNull())).first();
        Row l = links.agg(countWhere(col("method").equalTo(FirmMatcher.BY_NAME)),
                countWhere(col("method").equalTo(FirmMatcher.BY_ZIP_PHONE))).first();
        long nameLinks = l.getLong(0);
        long phoneLinks = l.getLong(1);
        return List.of(
                new Quality(FirmMatcher.BY_NAME, nameLinks, t.getLong(1), t.getLong(0)),
                new Quality(FirmMatcher.BY_ZIP_PHONE, phoneLinks, t.getLong(3), t.getLong(2)),
                new Quality("all", nameLinks + phoneLinks, t.getLong(5), t.getLong(4)));
    }

    /** The number of rows where the condition holds (0, not null, on no rows). */
    private static Column countWhere(Column condition) {
        return org.apache.spark.sql.functions.coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
    }

    private static void writeManifest(SparkSession spark, LakeTables lake, Report report) {
        RunManifest manifest = new RunManifest("match", new LinkedHashMap<>(Map.of("year", report.year())));
        manifest.put("match", report.toMap());
        manifest.write(spark.sparkContext().hadoopConfiguration(), lake, "year-" + report.year());
    }
}
