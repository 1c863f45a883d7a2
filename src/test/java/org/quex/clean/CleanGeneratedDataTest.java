package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            long kept = org.quex.lake.PartitionedParquet.read(spark, lake.clean(r.source())).where("year = " + r.year()).count();
            long rejected = org.quex.lake.PartitionedParquet.read(spark, lake.cleanRejected(r.source()))
                    .where("year = " + r.year()).count();
            long raw = org.quex.lake.PartitionedParquet.read(spark, lake.raw(r.source())).where("year = " + r.year()).count();
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
                double total = org.quex.lake.PartitionedParquet.read(spark, lake.customsFirmYear()).where("year = " + r.year())
                        .agg(org.apache.spark.sql.functions.sum("export_usd")).first().getDouble(0);
                assertEquals(r.exportUsd(), total, 1e-6 * total);
                assertTrue(r.ambiguousUsd() > 0 && r.ambiguousUsd() < total, "some value goes through 1:n codes");
            }
        }
    }
}
