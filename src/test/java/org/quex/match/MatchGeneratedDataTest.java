package org.quex.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quex.GeneratedLake;
import org.quex.SparkTestSession;

/** Match on the generated lake, scored against the generator's true links. */
class MatchGeneratedDataTest {
    private static final List<MatchJob.Report> REPORTS = new ArrayList<>();

    @BeforeAll
    static void match() {
        GeneratedLake g = GeneratedLake.get();
        for (int year : GeneratedLake.YEARS) {
            REPORTS.add(MatchJob.run(SparkTestSession.get(), g.lake, year, g.raw.resolve("truth/links.csv").toString()));
        }
    }

    @Test
    void precisionAndRecallOfEachPassAgainstTheTruth() {
        for (MatchJob.Report r : REPORTS) {
            for (FirmMatcher.Quality q : r.quality()) {
                if (q.method().equals(FirmMatcher.BY_ZIP_PHONE) && r.zipPhoneUnavailable() != null) {
                    // the pooled 1998–2007 file has no phone (as its public dictionary): no pass to score
                    assertEquals(0, q.links(), r.year() + " " + r.zipPhoneUnavailable());
                    continue;
                }
                assertTrue(q.links() > 0, r.year() + " " + q.method() + " made no links");
                assertTrue(q.precision() >= 0.99, r.year() + " " + q.method() + " precision " + q.precision());
                assertTrue(q.recall() >= 0.95, r.year() + " " + q.method() + " recall " + q.recall());
            }
        }
    }

    /**
     * A Customs year delivered without phone and zip (the 2007–11 Stata parts' rename lists have
     * neither): the zip+phone7 pass says it is unavailable, the name pass is unchanged.
     */
    @Test
    void aYearWithoutPhoneAndZipSaysTheZipPhonePassIsUnavailable(@org.junit.jupiter.api.io.TempDir
                                                                  java.nio.file.Path tmp) {
        SparkSession spark = SparkTestSession.get();
        GeneratedLake g = GeneratedLake.get();
        int year = GeneratedLake.YEARS[1]; // a year whose generated deliveries have phone and zip
        org.quex.lake.LakeTables lake = new org.quex.lake.LakeTables(tmp.resolve("lake").toString());
        org.quex.lake.PartitionedParquet.read(spark, g.lake.clean("asif")).where("year = " + year).write().partitionBy("year")
                .parquet(lake.clean("asif").toString());
        org.quex.lake.PartitionedParquet.read(spark, g.lake.customsFirmYear()).where("year = " + year)
                .withColumn("phone", org.apache.spark.sql.functions.lit(null).cast("string"))
                .withColumn("zip", org.apache.spark.sql.functions.lit(null).cast("string"))
                .write().partitionBy("year").parquet(lake.customsFirmYear().toString());
        MatchJob.Report r = MatchJob.run(spark, lake, year, null);
        MatchJob.Report full = REPORTS.get(1);
        assertEquals("customs " + year + ": no firm has both a phone and a zip (the delivery has no such columns)",
                r.zipPhoneUnavailable());
        assertEquals("zip+phone7 unavailable (customs " + year + ": no firm has both a phone and a zip (the delivery "
                + "has no such columns))", r.zipPhoneText());
        assertEquals(0, r.byZipPhone());
        assertTrue(full.byZipPhone() > 0 && full.zipPhoneUnavailable() == null);
        assertEquals(full.byName(), r.byName(), "the name pass does not depend on phone and zip");
    }

    @Test
    void linksAreOneToOneWithinAYearAndMatchTheReport() {
        SparkSession spark = SparkTestSession.get();
        GeneratedLake g = GeneratedLake.get();
        for (MatchJob.Report r : REPORTS) {
            var links = org.quex.lake.PartitionedParquet.read(spark, g.lake.matchLinks()).where("year = " + r.year());
            long n = links.count();
            assertEquals(r.byName() + r.byZipPhone(), n);
            assertEquals(n, links.select("customs_firm_code").distinct().count(), "a customs firm linked twice");
            assertEquals(n, links.select("asif_firm_id").distinct().count(), "an ASIF firm linked twice");
            assertTrue(r.matchedExportUsd() <= r.exportUsd());
        }
    }
}
