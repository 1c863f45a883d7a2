package org.quex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.ConfigFile;
import org.quex.SparkTestSession;
import org.quex.lake.ChildJvm;
import org.quex.lake.LakeListing;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * The whole run killed (Runtime.halt in a separate JVM, as kill -9) inside a year's commit and
 * between the commits of two years, after a re-delivery of both years: a reader sees each year's
 * tables (raw, quarantine, clean, links) all from the run before or all from the killed run, and the
 * next incremental run completes with the same lake as a run never killed.
 */
class RunKillTest {
    private static final List<Integer> YEARS = List.of(2012, 2013);

    @TempDir
    Path tmp;

    @Test
    void aRunKilledBetweenTwoYearCommitsLeavesEachYearFromOneRun() throws Exception {
        Path raw = tmp.resolve("raw");
        SynthJob.run(SparkTestSession.get(), new GenerateSettings(7, 300, 2012, 2013, 300, 6, TrueCoefficients.FE_QU,
                0.08, 1), TrueCoefficients.load(null), raw.toString(), true);
        String lake = tmp.resolve("lake").toString();
        Run first = run(raw, lake, null);
        assertEquals(0, first.exit, first.output);
        Map<String, Long> before = yearTables(lake);

        // a re-delivery of both years: the last Customs month of each is withdrawn
        for (int year : YEARS) {
            try (var files = Files.list(raw.resolve("customs/" + year))) {
                Files.delete(files.sorted().reduce((a, b) -> b).orElseThrow());
            }
        }
        // inside 2012's commit: its ASIF tables and Customs raw written, the rest not
        Run inside = run(raw, lake, "table.written@5");
        assertEquals(137, inside.exit, inside.output);
        assertEquals(before, yearTables(lake), "both years as the first run left them");

        // between the two years' commits: 2012 is the new delivery's, 2013 still the old one's
        Run between = run(raw, lake, "catalogue.published@1");
        assertEquals(137, between.exit, between.output);
        Map<String, Long> killed = yearTables(lake);

        Run last = run(raw, lake, null);
        assertEquals(0, last.exit, last.output);
        assertTrue(last.output.contains("took over the lake lock"), last.output);
        Map<String, Long> after = yearTables(lake);
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            assertEquals(key.endsWith(" 2012") ? after.get(key) : before.get(key), killed.get(key), key);
        }
        assertNotEquals(before.get("raw/customs 2012"), after.get("raw/customs 2012"));
        assertNotEquals(before.get("raw/customs 2013"), after.get("raw/customs 2013"));
        assertTrue(keys.contains("match/links 2013") && keys.contains("clean/customs_rejected 2012")
                && keys.contains("clean/customs_firm_year 2012"), keys.toString());
    }

    /** Rows per table and year of every table a year's commit writes, from the catalogue and the Parquet footers. */
    private static Map<String, Long> yearTables(String root) {
        Configuration hadoop = SparkTestSession.get().sparkContext().hadoopConfiguration();
        Map<String, Long> rows = new TreeMap<>();
        for (LakeListing.Table t : LakeListing.of(hadoop, new LakeTables(root))) {
            if (t.name().startsWith("panel/") || t.name().equals("raw/honours")) {
                continue;
            }
            for (LakeListing.YearRows y : t.years()) {
                rows.put(t.name() + " " + y.label(), y.rows());
            }
        }
        return rows;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path raw, String lake, String killAt) throws Exception {
        ChildJvm.Exit exit = ChildJvm.run("1g", killAt, 10, Runner.class, raw.toString(), lake);
        return new Run(exit.value(), exit.output().lines().filter(l -> l.startsWith("quex:") || l.contains("Exception") || l.contains("Error")
                || l.startsWith("\tat ") || l.startsWith("ingest ") || l.startsWith("stale")).reduce("", (a, b) -> a + b + "\n"));
    }

    /** An incremental run of the study's stages (no models) on the two years. */
    public static final class Runner {
        public static void main(String[] args) {
            var spark = SparkSessions.getOrCreate("run kill test");
            RunJob.run(spark, new RunJob.Settings(args[0], new LakeTables(args[1]), YEARS, ConfigFile.load(null),
                    List.of(), true, true));
            spark.stop();
        }
    }
}
