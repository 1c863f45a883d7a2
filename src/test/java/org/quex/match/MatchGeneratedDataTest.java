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
            for (MatchJob.Quality q : r.quality()) {
                assertTrue(q.links() > 0, r.year() + " " + q.method() + " made no links");
                assertTrue(q.precision() >= 0.99, r.year() + " " + q.method() + " precision " + q.precision());
                assertTrue(q.recall() >= 0.95, r.year() + " " + q.method() + " recall " + q.recall());
            }
        }
    }

    @Test
    void linksAreOneToOneWithinAYearAndMatchTheReport() {
        SparkSession spark = SparkTestSession.get();
        GeneratedLake g = GeneratedLake.get();
        for (MatchJob.Report r : REPORTS) {
            var links = spark.read().parquet(g.lake.matchLinks().toString()).where("year = " + r.year());
            long n = links.count();
            assertEquals(r.byName() + r.byZipPhone(), n);
            assertEquals(n, links.select("customs_firm_code").distinct().count(), "a customs firm linked twice");
            assertEquals(n, links.select("asif_firm_id").distinct().count(), "an ASIF firm linked twice");
            assertTrue(r.matchedExportUsd() <= r.exportUsd());
        }
    }
}
