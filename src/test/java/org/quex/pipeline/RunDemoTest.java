package org.quex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quex.ConfigFile;
import org.quex.SparkTestSession;
import org.quex.estimate.FitResult;
import org.quex.lake.LakeTables;
import org.quex.report.Labels;
import org.quex.report.Reference;
import org.quex.report.RegressionTable;
import org.quex.report.TableOptions;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * A small demo run end to end (generate → ingest → clean → match → panel → 17 models → reports):
 * the tables hold the paper's models and terms, the results directory has every output, and the
 * estimates recover the generator's true coefficients.
 */
class RunDemoTest {
    private static Path dir;
    private static RunJob.Settings settings;
    private static RunJob.Outcome outcome;
    private static List<RegressionTable> tables;
    /** The description of every job the run started (Spark UI, event logs). */
    private static final List<String> jobDescriptions = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void runDemo() throws IOException, java.util.concurrent.TimeoutException {
        SparkSession spark = SparkTestSession.get();
        Path work = Files.createTempDirectory("quex-demo-");
        Path raw = work.resolve("raw");
        SynthJob.run(spark, new GenerateSettings(3, 2500, 2011, 2013, 500, 10, TrueCoefficients.FE_QU, 0.08, 1),
                TrueCoefficients.load(null), raw.toString(), true);
        settings = new RunJob.Settings(raw.toString(), new LakeTables(work.resolve("lake").toString()),
                List.of(2011, 2012, 2013), ConfigFile.load(null), ModelTable.load(null), true, false);
        org.apache.spark.scheduler.SparkListener jobs = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobDescriptions.add(String.valueOf(start.properties().getProperty("spark.job.description")));
            }
        };
        spark.sparkContext().addSparkListener(jobs);
        try {
            outcome = RunJob.run(spark, settings);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(jobs);
        }
        dir = work.resolve("results/test-run");
        // through a file:// URI, as an hdfs:// or s3a:// results directory would be written
        tables = ResultsWriter.write("file://" + dir.toAbsolutePath(), settings, outcome,
                DemoTruth.load(raw.resolve("truth/coefficients.csv")), new TableOptions(Reference.TRUTH, Labels.packed(), null),
                "test-run", spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void everyTableHoldsThePapersModelsWithTheirTerms() {
        List<String> ids = new ArrayList<>();
        for (RunJob.FittedTable t : outcome.tables()) {
            for (int i = 0; i < t.fits().size(); i++) {
                ModelTable.Model model = t.table().models().get(i);
                ids.add(model.id());
                List<String> expected = new ArrayList<>(model.spec().formula().regressors());
                expected.add("_cons");
                assertEquals(expected, t.fits().get(i).terms().stream().map(FitResult.Term::name).toList(), model.id());
            }
        }
        assertEquals(List.of("1", "2-1", "2-2", "2-3", "2-4", "2-5", "3", "4-1", "4-2", "4-3", "4-4", "4-5",
                "5", "6-1", "6-2", "6-3", "6-4"), ids);
    }

    /** Clean, match and the fits name their own jobs instead of carrying the last ingest's name. */
    @Test
    void everyStageNamesItsSparkJobs() {
        for (String stage : new String[] {"ingest customs 2011", "clean asif 2011", "clean customs 2013", "match 2012",
                "panel: ", "estimate probit: ex ~ qu", "estimate fe: "}) {
            assertTrue(jobDescriptions.stream().anyMatch(d -> d.startsWith(stage)), stage + " in " + jobDescriptions);
        }
    }

    /** The CSV of each table carries every fitted estimate at full precision. */
    @Test
    void theTableFilesHoldTheFittedEstimates() throws IOException {
        for (RunJob.FittedTable t : outcome.tables()) {
            List<String> lines = Files.readAllLines(dir.resolve("tables/" + t.table().id() + ".csv"));
            for (int i = 0; i < t.fits().size(); i++) {
                for (FitResult.Term term : t.fits().get(i).terms()) {
                    if (term.omitted()) {
                        continue;
                    }
                    String prefix = t.table().id() + "," + t.table().models().get(i).id() + "," + term.name() + ",";
                    String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                            () -> new AssertionError("no row " + prefix + " in " + t.table().id() + ".csv"));
                    assertEquals(term.estimate(), Double.parseDouble(line.substring(prefix.length()).split(",")[0]), 0.0,
                            prefix);
                }
            }
        }
        // FE columns carry the dummy-variable model's R² and adjusted R² (areg, reghdfe) before the within ones
        String table3 = Files.readString(dir.resolve("tables/table3.md"));
        assertTrue(table3.matches("(?s).*\\| R² \\| 0\\.\\d{4} .*\\| Adjusted R² \\| 0\\.\\d{4} .*\\| Within R² \\| .*"), table3);
    }

    @Test
    void theResultsDirectoryHoldsEveryOutputAndNoChecksumFiles() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList());
        }
        assertTrue(Files.isRegularFile(dir.resolve("tables/tables.tex")));
        for (String f : List.of("README.md", "manifest.json", "descriptive_statistics.md", "descriptive_statistics.csv",
                "ingest_report.csv", "cleaning_report.csv", "match_report.csv", "quality_by_year.csv", "truth_recovery.csv", "models/table3/4-5/coefficients.csv",
                "models/table2/1/fit.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        for (RegressionTable t : tables) {
            for (String ext : List.of(".md", ".csv", ".tex", ".html", ".xlsx", ".docx")) {
                assertTrue(Files.isRegularFile(dir.resolve("tables/" + t.id() + ext)), t.id() + ext);
            }
            for (String ext : List.of(".svg", ".png")) {
                assertTrue(Files.isRegularFile(dir.resolve("plots/" + t.id() + ext)), t.id() + ext);
            }
        }
    }

    /** Each model's estimation sample is described: an FE model's N is the sample's complete rows. */
    @Test
    void theSampleStatisticsOfEachModelMatchItsFit() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("sample_statistics.csv"));
        assertEquals("table,model,variable,year,n,missing,mean,sd,min,p50,max", lines.get(0));
        RunJob.FittedTable table3 = outcome.tables().get(1);
        long n = ((Number) table3.fits().get(0).fit().get("n")).longValue();
        String row = lines.stream().filter(l -> l.startsWith("table3,3,ln_export,,")).findFirst().orElseThrow();
        long sampleN = Long.parseLong(row.split(",")[4]);
        // every complete row, less singleton groups when the estimator drops them (xtreg, fe keeps them)
        long singletons = ((Number) table3.fits().get(0).fit().getOrDefault("n_singletons", 0)).longValue();
        assertTrue(sampleN >= n && sampleN <= n + singletons, row + " against N = " + n);
        assertEquals(17, lines.stream().skip(1).filter(l -> List.of("ex", "ln_export").contains(l.split(",")[2])).count(),
                "one row of the dependent variable per model");
        assertTrue(Files.isRegularFile(dir.resolve("models/table2/1/sample_statistics.csv")));
    }

    /** Per source and year: read = written + quarantined, and what ingest wrote is what clean took in. */
    @Test
    void theIngestReportAccountsForEveryRowAndFeedsTheCleaning() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("ingest_report.csv"));
        assertEquals("source,year,files,read,written,quarantined", lines.get(0));
        assertEquals(2 * 3 + 1, lines.size() - 1, "asif and customs for 2011-2013, and the honour list");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long read = Long.parseLong(f[3]);
            long written = Long.parseLong(f[4]);
            assertEquals(read, written + Long.parseLong(f[5]), line);
            assertTrue(written > 0, line);
            if (!f[0].equals("honours")) {
                long cleanIn = outcome.cleaning().stream()
                        .filter(c -> c.source().equals(f[0]) && c.year() == Integer.parseInt(f[1]))
                        .mapToLong(org.quex.clean.CleanJob.Report::rowsIn).sum();
                assertEquals(written, cleanIn, line);
            }
        }
    }

    /** Table 2 and Table 3 are the equations that generated the data (Table 4's levels did not). */
    @Test
    void theEstimatesRecoverTheTrueCoefficients() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("truth_recovery.csv"));
        long compared = lines.size() - 1;
        long inside = lines.stream().skip(1).filter(l -> l.endsWith(",true")).count();
        assertTrue(compared >= 140, "true values compared: " + compared);
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("table2,") || l.startsWith("table3,")));
        // at 99 % about 1 in 100 misses by chance; a drift in any stage moves many
        assertTrue(inside >= 0.95 * compared, inside + " of " + compared + " true values inside the 99 % interval:\n"
                + String.join("\n", lines.stream().filter(l -> l.endsWith(",false")).toList()));
    }

    /**
     * A rerun for the last year with unchanged inputs reuses the year and reproduces every fit
     * (to the last bits of the sums' order). A rerun that fails half-way (a Customs file of 2013 whose bytes go bad beyond the part
     * the driver inspects) leaves the lake readable and the year marked unbuilt, so the next run
     * rebuilds it.
     */
    @Test
    void anIncrementalRerunReusesTheUnchangedYearAndChangesNothing() throws IOException {
        RunJob.Settings again = new RunJob.Settings(settings.raw(), settings.lake(), List.of(2013), settings.config(),
                settings.tables(), true, true);
        RunJob.Outcome rerun = RunJob.run(SparkTestSession.get(), again);
        assertEquals(List.of("reused"), rerun.steps().stream().filter(s -> Integer.valueOf(2013).equals(s.year()))
                .map(RunJob.Step::stage).toList());
        assertEquals(outcome.panel().rowsByYear(), rerun.panel().rowsByYear(), "the panel covers every year of the lake");
        for (int t = 0; t < outcome.tables().size(); t++) {
            for (int m = 0; m < outcome.tables().get(t).fits().size(); m++) {
                assertSameTerms(outcome.tables().get(t).fits().get(m).terms(), rerun.tables().get(t).fits().get(m).terms());
            }
        }

        Path stray = Path.of(settings.raw(), "customs", "2013", "customs_2013_notes.csv");
        Path month = Files.list(Path.of(settings.raw(), "customs", "2013")).sorted().findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(month, StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 1; bytes.size() <= org.quex.ingest.EncodingDetector.SAMPLE_BYTES; i = i % (lines.size() - 1) + 1) {
            bytes.writeBytes((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes((lines.get(1) + "\n").getBytes(java.nio.charset.Charset.forName("GBK"))); // not UTF-8
        Files.write(stray, bytes.toByteArray());
        try {
            assertThrows(org.quex.QuexException.class, () -> RunJob.run(SparkTestSession.get(), again));
        } finally {
            Files.delete(stray);
        }
        long panelRows = org.quex.lake.PartitionedParquet.read(SparkTestSession.get(), settings.lake().panelFirmYear()).count();
        assertEquals(outcome.panel().rowsByYear().values().stream().mapToLong(Long::longValue).sum(), panelRows,
                "the panel is still readable and whole");
        RunJob.Outcome redone = RunJob.run(SparkTestSession.get(), again);
        assertEquals(List.of("stale", "ingest", "ingest", "clean", "match"), redone.steps().stream()
                .filter(s -> Integer.valueOf(2013).equals(s.year())).map(RunJob.Step::stage).toList());
        assertEquals("from ingest: not built before (or its last build did not finish)", redone.steps().stream()
                .filter(s -> s.stage().equals("stale")).findFirst().orElseThrow().detail());
        assertSameTerms(outcome.tables().get(0).fits().get(0).terms(), redone.tables().get(0).fits().get(0).terms());

        // a changed cleaning setting re-cleans and re-matches the year from the raw tables it has
        java.util.Properties changed = new java.util.Properties();
        changed.putAll(settings.config().properties());
        changed.setProperty("clean.customs.min_value_usd", "51");
        RunJob.Settings recleaned = new RunJob.Settings(settings.raw(), settings.lake(), List.of(2013),
                new ConfigFile(changed, "test"), settings.tables(), true, true);
        RunJob.Outcome reclean = RunJob.run(SparkTestSession.get(), recleaned);
        assertEquals(List.of("stale", "clean", "match"), reclean.steps().stream()
                .filter(s -> Integer.valueOf(2013).equals(s.year())).map(RunJob.Step::stage).toList());
        assertEquals("from clean: setting clean.customs.min_value_usd 50 -> 51", reclean.steps().get(0).detail());
        assertEquals(List.of("reused"), RunJob.run(SparkTestSession.get(), recleaned).steps().stream()
                .filter(s -> Integer.valueOf(2013).equals(s.year())).map(RunJob.Step::stage).toList());
    }

    @Test
    void aSecondRunOnALockedLakeStopsAndNamesTheHolder() throws IOException {
        Path lock = Path.of(settings.lake().root(), "_lock");
        Files.writeString(lock, "quex run on app-1 pid 42 since 2026-01-01T00:00:00Z\n");
        try {
            org.quex.QuexException e = org.junit.jupiter.api.Assertions.assertThrows(org.quex.QuexException.class,
                    () -> RunJob.run(SparkTestSession.get(), settings));
            assertTrue(e.getMessage().contains("is locked by another run (quex run on app-1 pid 42"), e.getMessage());
        } finally {
            Files.delete(lock);
        }
    }

    /**
     * The demo's 2011 file has no value added (rebuilt as output − input + VAT), its firms change ids,
     * and Tables 3–4 absorb the panel id that follows them.
     */
    @Test
    void valueAddedIsRebuiltWhereMissingAndTheFixedEffectsFollowThePanelId() throws IOException {
        for (org.quex.clean.CleanJob.Report r : outcome.cleaning()) {
            if (r.source().equals("asif")) {
                long rebuilt = r.valueAdded().rebuilt();
                assertTrue(r.year() == 2011 ? rebuilt > 0.9 * r.rowsIn() : rebuilt == 0, r.year() + ": " + rebuilt);
            }
        }
        // the panel says which rows were rebuilt: every kept 2011 row that clean rebuilt, nothing else
        long rebuiltKept = outcome.cleaning().stream().filter(r -> r.source().equals("asif"))
                .mapToLong(r -> r.valueAdded().rebuiltKept()).sum();
        org.apache.spark.sql.Row flags = org.quex.lake.PartitionedParquet.read(SparkTestSession.get(), settings.lake().panelFirmYear())
                .agg(org.apache.spark.sql.functions.sum("value_added_imputed"),
                        org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(
                                org.apache.spark.sql.functions.col("year").notEqual(2011)
                                        .and(org.apache.spark.sql.functions.col("value_added_imputed").equalTo(1)), 1)
                                .otherwise(0))).first();
        assertEquals(rebuiltKept, flags.getLong(0));
        assertEquals(0L, flags.getLong(1));
        org.quex.match.PanelIds.Result ids = outcome.panel().panelIds();
        assertTrue(ids.idsByFirmIds().getOrDefault(2, 0L) > 20, "ids that bridge an id change: " + ids.idsByFirmIds());
        for (String step : new String[] {"legal_person", "phone"}) {
            // re-registered firms (new id and name) are followed only by these steps
            assertTrue(ids.linksByStepAndYear().entrySet().stream().filter(e -> e.getKey().startsWith(step))
                    .mapToLong(java.util.Map.Entry::getValue).sum() >= 20, ids.linksByStepAndYear().toString());
        }
        // quality upgrades are counted along the panel id: the sums of quality_by_year.csv are the panel's
        long upgradedOnPanelId = outcome.panel().qualityByYear().stream().mapToLong(org.quex.panel.PanelJob.QualityCount::upgraded).sum();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> panel = org.quex.lake.PartitionedParquet.read(
                SparkTestSession.get(), settings.lake().panelFirmYear());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> before = panel.select(
                org.apache.spark.sql.functions.col("panel_id"), org.apache.spark.sql.functions.col("year").plus(1).as("year"),
                org.apache.spark.sql.functions.col("qu").as("qu_before"));
        assertEquals(panel.join(before, new String[] {"panel_id", "year"})
                .where(org.apache.spark.sql.functions.col("qu").gt(org.apache.spark.sql.functions.col("qu_before")))
                .count(), upgradedOnPanelId);
        for (RunJob.FittedTable t : outcome.tables()) {
            for (ModelTable.Model model : t.table().models()) {
                if (model.spec().model().name().equalsIgnoreCase("fe")) {
                    assertTrue(model.spec().formula().toString().endsWith("| panel_id"), model.spec().formula().toString());
                }
            }
        }
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("| `panel.id.steps` | firm_id,name,legal_person,phone |"), readme);
        assertTrue(readme.contains("2011: value added rebuilt as output − input + VAT"), readme);
    }

    /** Equal to 1e-12 relative; NaN (an omitted term's standard error) only to NaN. */
    /**
     * The same terms, estimates and standard errors to 1e-12: Spark merges the partial sums of an
     * aggregation in the order its tasks finish, and a rebuilt year's files split into other
     * partitions; floating-point addition of three or more parts depends on that order, so the last
     * bits may differ (1e-16 seen on the tfp term), never a printed digit.
     */
    private static void assertSameTerms(List<FitResult.Term> before, List<FitResult.Term> after) {
        assertEquals(before.stream().map(FitResult.Term::name).toList(), after.stream().map(FitResult.Term::name).toList());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).omitted(), after.get(i).omitted(), before.get(i).name());
            assertSameToLastBits(before.get(i).estimate(), after.get(i).estimate(), before.get(i).name());
            assertSameToLastBits(before.get(i).stdError(), after.get(i).stdError(), before.get(i).name());
        }
    }

    private static void assertSameToLastBits(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": " + actual + " where the first run had NaN");
        } else {
            assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
        }
    }
}
