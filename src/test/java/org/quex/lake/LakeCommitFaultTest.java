package org.quex.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;

/**
 * A year's commit killed with {@code Runtime.halt} (as kill -9: no finally, no shutdown hook, the
 * lock left behind) in a separate JVM at many points: inside a table's Spark write, between two
 * tables, with half the catalogue written, after the swap, during the collection of old versions.
 * After each kill a reader sees every table of the year from one run: all row counts of the
 * version before, or (killed after the swap) all of the new one, never a mix; the other year is
 * untouched; the next run takes the lock over and completes.
 */
class LakeCommitFaultTest {
    private static final int YEAR = 2007;
    private static final int OTHER_YEAR = 2006;
    /** Rows per table of the two deliveries of 2007 (raw as measured in issue 23: 4,929 then 4,511). */
    private static final Map<String, List<Long>> VERSIONS = Map.of(
            "a", List.of(4929L, 37L, 4800L, 301L, 5L),
            "b", List.of(4511L, 12L, 4400L, 287L, 6L));
    private static final List<String> TABLES = List.of("raw/customs", "quarantine/customs", "clean/customs",
            "match/links", "panel/summary");

    @TempDir
    Path tmp;

    @Test
    void aKilledYearCommitLeavesEveryTableOfTheYearFromOneRun() throws Exception {
        String lake = tmp.resolve("lake").toString();
        assertEquals(0, writer(lake, "a", OTHER_YEAR, null).exitValue);
        assertEquals(0, writer(lake, "a", YEAR, null).exitValue);
        List<Long> other = counts(lake, OTHER_YEAR);
        assertEquals(VERSIONS.get("a"), other);
        assertEquals(VERSIONS.get("a"), counts(lake, YEAR));

        String current = "a";
        // the rows of b pass the filter in order: raw 1-4,511 (staged write), quarantine, clean's
        // count 4,524-8,923, clean's write 8,924-13,323; table.written@1 is raw moved in, @3 clean
        // written, links not yet
        List<String> points = List.of("test.row@3000", "table.written@1", "test.row@11000", "table.written@3",
                "catalogue.half", "catalogue.temp", "catalogue.published", "gc.deleted");
        List<String> seen = new ArrayList<>();
        for (String point : points) {
            String next = current.equals("a") ? "b" : "a";
            Run run = writer(lake, next, YEAR, point);
            assertEquals(137, run.exitValue, point + ": the child halted there\n" + run.output);
            assertTrue(run.output.contains("quex: halted at " + point), run.output);
            List<Long> now = counts(lake, YEAR);
            boolean swapped = point.startsWith("catalogue.published") || point.startsWith("gc.");
            assertEquals(VERSIONS.get(swapped ? next : current), now, point + ": every table of " + YEAR
                    + " from the " + (swapped ? "new" : "previous") + " run");
            assertEquals(other, counts(lake, OTHER_YEAR), point + ": the other year is untouched");
            seen.add(point + " -> " + now.get(0));
            if (swapped) {
                current = next;
            }
        }
        assertEquals(List.of("test.row@3000 -> 4929", "table.written@1 -> 4929", "test.row@11000 -> 4929",
                "table.written@3 -> 4929", "catalogue.half -> 4929", "catalogue.temp -> 4929",
                "catalogue.published -> 4511", "gc.deleted -> 4929"), seen);

        // the next run takes over the killed run's lock, completes, and leaves only what the
        // current and the previous catalogue name
        String last = current.equals("a") ? "b" : "a";
        Run done = writer(lake, last, YEAR, null);
        assertEquals(0, done.exitValue, done.output);
        assertTrue(done.output.contains("took over the lake lock"), done.output);
        assertEquals(VERSIONS.get(last), counts(lake, YEAR));
        assertEquals(other, counts(lake, OTHER_YEAR));
        Path catalogue = tmp.resolve("lake/_catalogue");
        try (Stream<Path> files = Files.list(catalogue)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted()
                    .toList();
            assertEquals(2, names.size(), "the current and one previous catalogue, no temporary file: " + names);
        }
        for (String table : TABLES) {
            try (Stream<Path> versions = Files.list(tmp.resolve("lake").resolve(table).resolve("_v"))) {
                long n = versions.count();
                // the other year's version (kept by both catalogues) and at most two of 2007's
                assertTrue(n <= 3, table + " keeps " + n + " versions");
            }
        }
    }

    @Test
    void aLakeOfTheOldLayoutIsReadAsItIsAndItsFirstCommitKeepsWhatItDoesNotReplace() throws Exception {
        SparkSession spark = SparkTestSession.get();
        LakeTables lake = new LakeTables(tmp.resolve("old-lake").toString());
        // the layout before catalogues: TABLE/year=Y written by dynamic partition overwrite
        spark.range(10).selectExpr("cast(id as string) firm", "2012 as year").write().partitionBy("year")
                .parquet(lake.matchLinks().toString());
        spark.range(7).selectExpr("cast(id as string) firm", "2013 as year").write().mode("append").partitionBy("year")
                .parquet(lake.matchLinks().toString());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        assertEquals(0, LakeCatalogue.current(hadoop, lake).commit());
        assertEquals(List.of(2012, 2013), LakeCatalogue.current(hadoop, lake).years("match/links"));
        assertEquals(17, PartitionedParquet.read(spark, lake.matchLinks()).count());

        try (LakeCommit commit = LakeCommit.begin(hadoop, lake, "test")) {
            PartitionedParquet.replaceYear(spark, spark.range(3).selectExpr("cast(id as string) firm", "2013 as year"),
                    lake.matchLinks(), 2013, List.of("year"));
            commit.publish();
        }
        assertEquals(1, LakeCatalogue.current(hadoop, lake).commit());
        Map<Integer, Long> byYear = new LinkedHashMap<>();
        for (Row r : PartitionedParquet.read(spark, lake.matchLinks()).groupBy("year").count().orderBy("year").collectAsList()) {
            byYear.put(r.getInt(0), r.getLong(1));
        }
        assertEquals(Map.of(2012, 10L, 2013, 3L), byYear);
        assertTrue(Files.isDirectory(tmp.resolve("old-lake/match/links/year=2012")), "named by the first catalogue");
        assertTrue(Files.isDirectory(tmp.resolve("old-lake/match/links/year=2013")),
                "kept while the old layout is the previous catalogue");
        assertEquals("match/links/year=2012", relative(LakeCatalogue.current(hadoop, lake), 2012));

        // a second commit: the old layout's 2013 is two catalogues back and goes
        try (LakeCommit commit = LakeCommit.begin(hadoop, lake, "test")) {
            PartitionedParquet.replaceYear(spark, spark.range(4).selectExpr("cast(id as string) firm", "2013 as year"),
                    lake.matchLinks(), 2013, List.of("year"));
            commit.publish();
        }
        assertFalse(Files.exists(tmp.resolve("old-lake/match/links/year=2013")));
        assertTrue(Files.isDirectory(tmp.resolve("old-lake/match/links/year=2012")));
        assertEquals(14, PartitionedParquet.read(spark, lake.matchLinks()).count());
        assertEquals(List.of(2012, 2013), org.quex.panel.YearList.inTable(spark, lake.matchLinks()));
    }

    @Test
    void aFailedCommitLeavesTheCatalogueAndRemovesWhatItWrote() throws Exception {
        SparkSession spark = SparkTestSession.get();
        LakeTables lake = new LakeTables(tmp.resolve("lake").toString());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (LakeCommit commit = LakeCommit.begin(hadoop, lake, "test")) {
            PartitionedParquet.replaceYear(spark, spark.range(5).selectExpr("cast(id as string) firm", "2013 as year"),
                    lake.matchLinks(), 2013, List.of("year"));
            commit.publish();
        }
        try (LakeCommit commit = LakeCommit.begin(hadoop, lake, "test")) {
            PartitionedParquet.replaceYear(spark, spark.range(9).selectExpr("cast(id as string) firm", "2013 as year"),
                    lake.matchLinks(), 2013, List.of("year"));
            // the stage joined by a later one reads what the commit wrote, the lake's readers do not
            assertEquals(9, PartitionedParquet.read(spark, lake.matchLinks()).count());
            // no publish: a failure before the end of the commit
        }
        assertEquals(5, PartitionedParquet.read(spark, lake.matchLinks()).count());
        assertEquals(1, LakeCatalogue.current(hadoop, lake).commit());
        try (Stream<Path> versions = Files.list(tmp.resolve("lake/match/links/_v"))) {
            assertEquals(1, versions.count(), "the unpublished version is removed");
        }
    }

    private static String relative(LakeCatalogue c, int year) {
        return c.entries().get("match/links").get(Integer.toString(year));
    }

    /** Row counts of the year's tables as a reader of the lake sees them, in {@link #TABLES} order. */
    private static List<Long> counts(String root, int year) {
        SparkSession spark = SparkTestSession.get();
        LakeTables lake = new LakeTables(root);
        List<Long> n = new ArrayList<>();
        for (String table : TABLES) {
            Dataset<Row> rows = PartitionedParquet.read(spark, new org.apache.hadoop.fs.Path(root, table));
            n.add(table.equals("panel/summary") ? rows.where("year_of_run = " + year).count()
                    : rows.where("year = " + year).count());
        }
        // the listing a user sees agrees (from the Parquet footers)
        LakeListing.Table raw = LakeListing.find(LakeListing.of(spark.sparkContext().hadoopConfiguration(), lake),
                lake, "raw/customs");
        assertEquals(n.get(0), raw.years().stream().filter(y -> y.year() == year).findFirst().orElseThrow().rows());
        return n;
    }

    private record Run(int exitValue, String output) {
    }

    private static Run writer(String lake, String version, int year, String killAt) throws Exception {
        ChildJvm.Exit exit = ChildJvm.run("768m", killAt, 5, YearWriter.class, lake, version, Integer.toString(year));
        return new Run(exit.value(), exit.output().lines().filter(l -> l.startsWith("quex:") || l.contains("Exception")
                || l.startsWith("\tat ")).reduce("", (a, b) -> a + b + "\n"));
    }

    /**
     * A run's commit of one year, as ingest, clean, match and panel make it: raw and quarantine
     * staged by Spark and moved in, clean (by month) and links written by Spark into new versions, a
     * table without years, all in one commit under the lake lock.
     */
    public static final class YearWriter {
        public static void main(String[] args) throws IOException {
            LakeTables lake = new LakeTables(args[0]);
            List<Long> n = VERSIONS.get(args[1]);
            int year = Integer.parseInt(args[2]);
            SparkSession spark = SparkSessions.getOrCreate("lake commit fault test");
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            try (LakeLock lock = LakeLock.acquire(hadoop, lake, "fault test writer");
                 LakeCommit commit = LakeCommit.begin(hadoop, lake, "fault test " + args[1] + " " + year)) {
                if (lock.takeover() != null) {
                    System.out.println("quex: " + lock.takeover());
                }
                FileSystem fs = FileSystem.get(new org.apache.hadoop.fs.Path(lake.root()).toUri(), hadoop);
                org.apache.hadoop.fs.Path staging = lake.staging("fault-" + java.util.UUID.randomUUID());
                rows(spark, n.get(0), year).write().partitionBy("year", "month").parquet(new org.apache.hadoop.fs.Path(staging, "raw").toString());
                rows(spark, n.get(1), year).write().partitionBy("year").parquet(new org.apache.hadoop.fs.Path(staging, "q").toString());
                PartitionedParquet.commitStagedYear(fs, new org.apache.hadoop.fs.Path(staging, "raw"), lake.raw("customs"), year);
                PartitionedParquet.commitStagedYear(fs, new org.apache.hadoop.fs.Path(staging, "q"), lake.quarantine("customs"), year);
                fs.delete(staging, true);
                PartitionedParquet.replaceYear(spark, rows(spark, n.get(2), year), lake.clean("customs"), year,
                        List.of("year", "month"));
                PartitionedParquet.replaceYear(spark, rows(spark, n.get(3), year).drop("month"), lake.matchLinks(), year,
                        List.of("year"));
                // a table without years (as panel/summary): this run's rows, the other year's kept
                Dataset<Row> summary = rows(spark, n.get(4), year).selectExpr("firm", "year as year_of_run");
                if (fs.exists(lake.panelSummary())) {
                    summary = summary.unionByName(PartitionedParquet.read(spark, lake.panelSummary())
                            .where("year_of_run <> " + year));
                }
                PartitionedParquet.replaceWhole(spark, summary.localCheckpoint(), lake.panelSummary());
                commit.publish();
            }
            spark.stop();
        }

        private static Dataset<Row> rows(SparkSession spark, long n, int year) {
            return spark.range(0, n, 1, 2).selectExpr("cast(id as string) firm", "cast(" + year + " as int) year",
                            "cast(id % 12 + 1 as int) month")
                    .filter((FilterFunction<Row>) r -> {
                        KillPoint.reach("test.row");
                        return true;
                    });
        }
    }
}
