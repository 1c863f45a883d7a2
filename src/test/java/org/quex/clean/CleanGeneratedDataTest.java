package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * generate → ingest → clean on two years of different HS vintages and charsets (2001: GBK,
 * HS1996; 2012: UTF-8, HS2012), with ten times the default defect rates: every rule removes
 * exactly the rows the generator planted for it, and in = kept + rejected.
 */
class CleanGeneratedDataTest {
    /** Generator defect names where they differ from the rule names. */
    private static final Map<String, String> RULE_OF_DEFECT = Map.of(
            "value_below_50_usd", "value_below_min",
            "quantity_below_1", "quantity_below_min",
            "reimport_from_china", "reimport");

    /** Ten times the usual defects put more than the default 5 % of lines in quarantine. */
    private static final QualityRules DEFECT_HEAVY = new QualityRules(0.5, 0.0, 0.01, 0.5, 0.99, 0.5, 0.5);

    @TempDir
    static Path tmp;
    private static LakeTables lake;
    private static Map<String, Long> planted;
    private static List<CleanJob.Report> reports;

    @BeforeAll
    static void pipeline() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path raw = tmp.resolve("raw");
        SynthJob.run(spark, new GenerateSettings(11, 160, 2001, 2012, 64, 3, TrueCoefficients.FE_QU, 0.08, 10),
                TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE), raw.toString(), true);
        lake = new LakeTables(tmp.resolve("lake").toString());
        for (int year : new int[] {2001, 2012}) {
            for (String source : List.of("asif", "customs")) {
                String input = source.equals("asif") ? "asif/asif_" + year + ".csv" : "customs/" + year;
                IngestJob.run(spark, new IngestJob.Settings(source, year, List.of(raw.resolve(input).toString()),
                        lake.root(), null, 20, DEFECT_HEAVY));
            }
        }
        planted = new HashMap<>();
        for (String line : Files.readAllLines(raw.resolve("truth/defects.csv"), StandardCharsets.UTF_8).subList(1,
                Files.readAllLines(raw.resolve("truth/defects.csv")).size())) {
            String[] f = line.split(",");
            if (f[4].equals("yes") && !f[2].startsWith("malformed_")) { // malformed lines stop at ingest
                planted.put(f[0] + "," + f[1] + "," + RULE_OF_DEFECT.getOrDefault(f[2], f[2]), Long.parseLong(f[3]));
            }
        }
        reports = new java.util.ArrayList<>();
        for (int year : new int[] {2001, 2012}) {
            reports.addAll(CleanJob.run(spark, lake, year, List.of("asif", "customs"), CleaningConfig.load(null), "test"));
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
                // defects are planted one per row: no row breaks a second rule
                assertEquals(e.getValue(), r.anyRule().get(e.getKey()), "rows violating " + key);
                compared += expected > 0 ? 1 : 0;
            }
        }
        assertTrue(compared >= 20, "the data should plant most kinds of defect, found " + compared);
    }

    @Test
    void rowsInEqualKeptPlusRejectedInTheTablesWritten() {
        SparkSession spark = SparkTestSession.get();
        for (CleanJob.Report r : reports) {
            long kept = spark.read().parquet(lake.clean(r.source()).toString()).where("year = " + r.year()).count();
            long rejected = spark.read().parquet(lake.cleanRejected(r.source()).toString())
                    .where("year = " + r.year()).count();
            long raw = spark.read().parquet(lake.raw(r.source()).toString()).where("year = " + r.year()).count();
            assertEquals(r.kept(), kept, r.source() + " " + r.year() + " kept");
            assertEquals(r.rowsIn() - r.kept(), rejected, r.source() + " " + r.year() + " rejected");
            assertEquals(raw, kept + rejected, r.source() + " " + r.year() + " in = kept + rejected");
        }
    }

    @Test
    void exportAggregatesAddUpToTheKeptExports() {
        SparkSession spark = SparkTestSession.get();
        for (CleanJob.Report r : reports) {
            if (r.source().equals("customs")) {
                double total = spark.read().parquet(lake.customsFirmYear().toString()).where("year = " + r.year())
                        .agg(org.apache.spark.sql.functions.sum("export_usd")).first().getDouble(0);
                assertEquals(r.exportUsd(), total, 1e-6 * total);
                assertTrue(r.ambiguousUsd() > 0 && r.ambiguousUsd() < total, "some value goes through 1:n codes");
            }
        }
    }
}
