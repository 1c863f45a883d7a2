package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quex.GeneratedLake;
import org.quex.SparkTestSession;
import org.quex.lake.LakeTables;

/**
 * generate → ingest → clean ({@link GeneratedLake}: 2001, GBK and HS1996; 2012, UTF-8 and
 * HS2012; ten times the default defect rates): every rule removes exactly the rows the generator
 * planted for it, and in = kept + rejected.
 */
class CleanGeneratedDataTest {
    /** Generator defect names where they differ from the rule names. */
    private static final Map<String, String> RULE_OF_DEFECT = Map.of(
            "value_below_50_usd", "value_below_min",
            "quantity_below_1", "quantity_below_min",
            "reimport_from_china", "reimport");

    private static LakeTables lake;
    private static Map<String, Long> planted;
    private static List<CleanJob.Report> reports;

    @BeforeAll
    static void pipeline() {
        GeneratedLake generated = GeneratedLake.get();
        lake = generated.lake;
        reports = generated.cleanReports;
        planted = new HashMap<>();
        List<String> lines = generated.truth("defects.csv");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[4].equals("yes") && !f[2].startsWith("malformed_")) { // malformed lines stop at ingest
                planted.put(f[0] + "," + f[1] + "," + RULE_OF_DEFECT.getOrDefault(f[2], f[2]), Long.parseLong(f[3]));
            }
        }
    }

    @Test
    void eachRuleRemovesExactlyThePlantedRows() {
        int compared = 0;
        for (CleanJob.Report r : reports) {
            for (Map.Entry<String, Long> e : r.firstRule().entrySet()) {
                String key = r.source() + "," + r.year() + "," + e.getKey();
                long expected = planted.getOrDefault(key, 0L);
                assertEquals(expected, e.getValue(), "rows removed by " + key);
                // a row can break a later rule too (negative sales are also below the minimum)
                assertTrue(r.anyRule().get(e.getKey()) >= e.getValue(), "rows violating " + key);
                compared += expected > 0 ? 1 : 0;
            }
        }
        assertTrue(compared >= 20, "the data should plant most kinds of defect, found " + compared);
        for (CleanJob.Report r : reports) {
            long planted = CleanGeneratedDataTest.planted.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(r.source() + "," + r.year() + ","))
                    .mapToLong(Map.Entry::getValue).sum();
            assertEquals(planted, r.rowsIn() - r.kept(), r.source() + " " + r.year() + " rejected rows");
        }
    }

    @Test
    void rowsInEqualKeptPlusRejectedInTheTablesWritten() {
        SparkSession spark = SparkTestSession.get();
        for (CleanJob.Report r : reports) {
            Dataset<Row> raw = read(spark, lake.raw(r.source()), r.year());
            Dataset<Row> rejected = read(spark, lake.cleanRejected(r.source()), r.year());
            assertEquals(r.rowsIn() - r.kept(), rejected.count(), r.source() + " " + r.year() + " rejected");
            assertEquals(r.rowsIn(), raw.count(), r.source() + " " + r.year() + " in");
            // every raw row not rejected is a kept one (Customs kept rows are not written by default)
            assertEquals(r.kept(), raw.join(rejected, LINE, "left_anti").count(), r.source() + " " + r.year() + " kept");
            if (r.source().equals("asif")) {
                assertEquals(r.kept(), read(spark, lake.clean("asif"), r.year()).count(), "asif " + r.year() + " kept");
            }
        }
        assertEquals(0, org.quex.lake.PartitionedParquet.read(spark, lake.clean("customs"),
                org.quex.lake.schema.SourceSchema.of("customs").structType()).count(), "no kept Customs rows by default");
    }

    @Test
    void keptCustomsRowsWhenAskedAreTheRawRowsNotRejected() {
        SparkSession spark = SparkTestSession.get();
        int year = 2012;
        java.util.Properties p = new java.util.Properties();
        p.putAll(org.quex.ConfigFile.load(null).properties());
        p.setProperty("clean.customs.write_kept_rows", "true");
        CleanJob.Report r = CleanJob.run(spark, lake, year, List.of("customs"), CleaningConfig.from(p, "test"), "test")
                .get(0);
        try {
            Dataset<Row> kept = read(spark, lake.clean("customs"), year);
            Dataset<Row> notRejected = read(spark, lake.raw("customs"), year)
                    .join(read(spark, lake.cleanRejected("customs"), year), LINE, "left_anti");
            assertEquals(r.kept(), kept.count());
            assertEquals(0, notRejected.select(LINE_COLUMNS).except(kept.select(LINE_COLUMNS)).count());
            assertTrue(List.of(org.quex.lake.PartitionedParquet.read(spark, lake.clean("customs")).columns())
                    .containsAll(List.of("hs6", CustomsCleaning.TARGETS)));
        } finally {
            CleanJob.run(spark, lake, year, List.of("customs"), CleaningConfig.load(null), "test");
        }
        // the default removes the kept rows an earlier setting wrote
        assertEquals(0, read(spark, lake.clean("customs"), year).count());
    }

    private static final scala.collection.immutable.Seq<String> LINE = scala.jdk.javaapi.CollectionConverters
            .asScala(List.of("year", "source_file", "source_line")).toList();
    private static final org.apache.spark.sql.Column[] LINE_COLUMNS = {org.apache.spark.sql.functions.col("year"),
            org.apache.spark.sql.functions.col("source_file"), org.apache.spark.sql.functions.col("source_line")};

    /** A year of a source's raw, clean or rejected table, read with the raw table's columns. */
    private static Dataset<Row> read(SparkSession spark, org.apache.hadoop.fs.Path table, int year) {
        return org.quex.lake.PartitionedParquet.read(spark, table, org.quex.lake.schema.SourceSchema
                .of(table.getName().replace("_rejected", "")).structType()).where("year = " + year);
    }

    @Test
    void exportAggregatesAddUpToTheKeptExports() {
        SparkSession spark = SparkTestSession.get();
        for (CleanJob.Report r : reports) {
            if (r.source().equals("customs")) {
                double total = org.quex.lake.PartitionedParquet.read(spark, lake.customsFirmYear()).where("year = " + r.year())
                        .agg(org.apache.spark.sql.functions.sum("export_usd")).first().getDouble(0);
                assertEquals(r.exportUsd(), total, 1e-6 * total);
                assertTrue(r.ambiguousUsd() > 0 && r.ambiguousUsd() < total, "some value goes through 1:n codes");
            }
        }
    }
}
