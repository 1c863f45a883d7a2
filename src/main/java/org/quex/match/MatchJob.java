package org.quex.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.quex.ExactSum;
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
    /** The columns of match/links. */
    public static final StructType LINKS = new StructType().add("year", DataTypes.IntegerType)
            .add("customs_firm_code", DataTypes.StringType).add("asif_firm_id", DataTypes.StringType)
            .add("method", DataTypes.StringType);
    private static final UserDefinedFunction NAME = udf((UDF1<String, String>) NameNormalizer::normalize,
            DataTypes.StringType);
    private static final UserDefinedFunction PHONE7 = udf((UDF1<String, String>) NameNormalizer::phone7,
            DataTypes.StringType);
    private static final UserDefinedFunction ZIP = udf((UDF1<String, String>) NameNormalizer::zip, DataTypes.StringType);

    private MatchJob() {
    }

    /**
     * @param zipPhoneUnavailable why the zip+phone7 pass could not run this year (a source delivered
     *                            no phone or zip: the Customs parts of some years lack both), or null
     */
    public record Report(int year, long customsFirms, long asifFirms, long byName, long byZipPhone,
                         long ambiguousByName, long ambiguousByZipPhone, double exportUsd, double matchedExportUsd,
                         List<FirmMatcher.Quality> quality, String zipPhoneUnavailable) {
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
            for (FirmMatcher.Quality q : quality) {
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
            for (FirmMatcher.Quality x : quality) {
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
        Dataset<Row> asif = PartitionedParquet.read(spark, lake.clean("asif"), SourceSchema.of("asif").structType())
                .where(col("year").equalTo(year)).select(keys(col("firm_id")));
        Dataset<Row> customs = PartitionedParquet.read(spark, lake.customsFirmYear())
                .where(col("year").equalTo(year)).select(keys(col("firm_code"), col("export_usd")));
        Side a = Side.of(asif.collectAsList());
        Side c = Side.of(customs.collectAsList());
        FirmMatcher.Result result = FirmMatcher.match(a.firms(), c.firms());
        Set<String> linkedCustoms = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        long byName = 0;
        for (FirmMatcher.Link l : result.links()) {
            linkedCustoms.add(l.customsFirmCode());
            rows.add(RowFactory.create(year, l.customsFirmCode(), l.asifFirmId(), l.method()));
            byName += l.method().equals(FirmMatcher.BY_NAME) ? 1 : 0;
        }
        ExactSum exportUsd = new ExactSum(); // exact: the report's shares do not depend on the rows' order
        ExactSum matchedExportUsd = new ExactSum();
        for (int i = 0; i < c.firms().size(); i++) {
            exportUsd.add(c.exportUsd()[i]);
            if (linkedCustoms.contains(c.firms().get(i).id())) {
                matchedExportUsd.add(c.exportUsd()[i]);
            }
        }
        PartitionedParquet.replaceYear(spark, spark.createDataFrame(rows, LINKS), lake.matchLinks(), year,
                List.of("year"), Map.of(List.of(year), (long) rows.size()));
        List<FirmMatcher.Quality> quality = truthLinks == null ? List.of()
                : FirmMatcher.evaluate(a.firms(), c.firms(), result.links(), truth(spark, truthLinks, year));
        Report report = new Report(year, c.firms().size(), a.firms().size(), byName, rows.size() - byName,
                result.ambiguousByName(), result.ambiguousByZipPhone(), exportUsd.value(), matchedExportUsd.value(),
                quality,
                zipPhoneUnavailable(year, c.firms().size(), c.withPhoneAndZip(), a.firms().size(), a.withPhoneAndZip()));
        writeManifest(spark, lake, report);
        return report;
    }

    /** The id, the three keys (made on the executors), whether the firm has both a phone and a zip, and {@code more}. */
    private static Column[] keys(Column id, Column... more) {
        List<Column> cols = new ArrayList<>(List.of(id, NAME.apply(col("firm_name")), ZIP.apply(col("zip")),
                PHONE7.apply(col("phone")), col("phone").isNotNull().and(col("zip").isNotNull())));
        cols.addAll(List.of(more));
        return cols.toArray(Column[]::new);
    }

    /** One side's firms as collected, in the columns of {@link #keys}. */
    private record Side(List<FirmMatcher.Firm> firms, long withPhoneAndZip, double[] exportUsd) {
        static Side of(List<Row> rows) {
            List<FirmMatcher.Firm> firms = new ArrayList<>(rows.size());
            double[] exportUsd = new double[rows.size()];
            long withPhoneAndZip = 0;
            for (Row r : rows) {
                firms.add(new FirmMatcher.Firm(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
                withPhoneAndZip += r.getBoolean(4) ? 1 : 0;
                if (r.length() > 5 && !r.isNullAt(5)) {
                    exportUsd[firms.size() - 1] = r.getDouble(5);
                }
            }
            return new Side(firms, withPhoneAndZip, exportUsd);
        }
    }

    /** The generator's true links of the year. */
    private static List<FirmMatcher.Pair> truth(SparkSession spark, String truthLinks, int year) {
        List<FirmMatcher.Pair> pairs = new ArrayList<>();
        for (Row r : spark.read().option("header", "true").option("quote", "\"").csv(truthLinks)
                .where(col("year").cast("int").equalTo(year)).select("customs_firm_code", "asif_firm_id")
                .collectAsList()) {
            pairs.add(new FirmMatcher.Pair(r.getString(0), r.getString(1)));
        }
        return pairs;
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

    private static void writeManifest(SparkSession spark, LakeTables lake, Report report) {
        RunManifest manifest = new RunManifest("match", new LinkedHashMap<>(Map.of("year", report.year())));
        manifest.put("match", report.toMap());
        manifest.write(spark.sparkContext().hadoopConfiguration(), lake, "year-" + report.year());
    }
}
