package org.quex.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexVersion;
import org.quex.ConfigFile;
import org.quex.QuexException;
import org.quex.clean.CleanJob;
import org.quex.clean.CleaningConfig;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.estimate.Predictions;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.lake.LakeCommit;
import org.quex.lake.LakeLock;
import org.quex.lake.LakeTables;
import org.quex.match.MatchJob;
import org.quex.panel.PanelConfig;
import org.quex.panel.PanelJob;
import org.quex.panel.YearList;
import org.quex.ingest.RawInventory;

/**
 * The whole study in one run: for each year ingest → clean → match, then the honour lists, the
 * panel over all the years, every model of the model files. One progress line per stage and year
 * (rows, seconds) goes to standard output as it finishes. A lock keeps other runs off the lake.
 */
public final class RunJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunJob.class);
    /**
     * What to run: a directory of raw deliveries (found by content: {@link RawInventory}), the lake, the years.
     *
     * @param raw         root of the raw files (local path, file://, hdfs:// or s3a://)
     * @param incremental reuse the years whose raw inputs are unchanged since they were built, and
     *                    build the panel over every year of the lake
     * @param breakLock   take the lake's lock even from a run that still seems alive
     */
    public record Settings(String raw, LakeTables lake, List<Integer> years, ConfigFile config, List<ModelTable> tables,
                           boolean demo, boolean incremental, boolean breakLock) {
        public Settings(String raw, LakeTables lake, List<Integer> years, ConfigFile config, List<ModelTable> tables,
                        boolean demo, boolean incremental) {
            this(raw, lake, years, config, tables, demo, incremental, false);
        }

        /** How many lake catalogues before the newest keep their files: conf key lake.catalogue.keep_previous (default 1). */
        public int keepPrevious() {
            String v = config.properties().getProperty("lake.catalogue.keep_previous", "1").trim();
            if (!v.matches("\\d{1,3}")) {
                throw new QuexException("lake.catalogue.keep_previous = '" + v + "' is not a whole number >= 0");
            }
            return Integer.parseInt(v);
        }

        public LakeLock.Policy lockPolicy() {
            return LakeLock.Policy.of(config.properties().getProperty("lake.lock.stale_after_seconds"), breakLock);
        }
    }

    /** One finished step: stage, year (null for all years), rows it produced, seconds. */
    public record Step(String stage, Integer year, long rows, double seconds, String detail) {
        String line() {
            return String.format(Locale.ROOT, "%-9s %-5s rows=%-9d %6.1f s  %s", stage, year == null ? "all" : year,
                    rows, seconds, detail);
        }
    }

    /**
     * The fitted models of one table, in column order, the descriptive statistics of each one's
     * sample, and each one's predictions and residuals (null unless the model file asks for them).
     */
    public record FittedTable(ModelTable table, List<FitResult> fits,
                              List<List<org.quex.panel.VariableSummary>> samples, List<Dataset<Row>> predictions) {
    }

    /** The accounting of one ingest: rows read from the raw files = written to the lake + quarantined. */
    public record Ingested(String source, int year, int files, long read, long written, long quarantined) {
    }

    /**
     * The inputs of a run, found by content before any work: the inventory, ASIF files that pool
     * several years (ingested once for every year no per-year file has), and per year the files of
     * each source.
     */
    public record Plan(RawInventory.Inventory inventory, List<String> pooledAsif, List<Integer> pooledYears,
                       Map<Integer, List<String>> asif, Map<Integer, List<String>> customs, List<String> honours) {
        /** Every input of a year, for the incremental run's state of the year. */
        List<String> inputsOf(int year) {
            List<String> all = new ArrayList<>(asif.getOrDefault(year, List.of()));
            if (pooledYears.contains(year)) {
                all.addAll(pooledAsif);
            }
            all.addAll(customs.get(year));
            return all;
        }
    }

    public record Outcome(List<Step> steps, List<Ingested> ingests, List<CleanJob.Report> cleaning,
                          List<MatchJob.Report> matching, PanelJob.Report panel, List<FittedTable> tables,
                          RawInventory.Inventory inventory) {
    }

    private final SparkSession spark;
    private final Settings s;
    private final List<Step> steps = new ArrayList<>();

    private RunJob(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.s = settings;
    }

    public static Outcome run(SparkSession spark, Settings settings) {
        return run(spark, settings, plan(spark.sparkContext().hadoopConfiguration(), settings));
    }

    /** A run whose inputs were found already (the command does it before Spark starts). */
    public static Outcome run(SparkSession spark, Settings settings, Plan plan) {
        ModelCheck.check(settings.tables()); // a typo in a model file stops the run now, not after the panel
        return new RunJob(spark, settings).run(plan);
    }

    /**
     * Finds the inputs by content, prints the inventory, and stops (one line) when a year lacks its
     * ASIF or Customs input, saying which files were skipped and why.
     */
    public static Plan plan(Configuration hadoop, Settings s) {
        // a generated directory's truth/ (the generator writes truth/files.csv) is the answer key, not input
        boolean generated = s.demo() || exists(hadoop, s.raw() + "/truth/files.csv");
        RawInventory.Inventory inventory = RawInventory.scan(hadoop, s.raw(), null,
                generated ? List.of("truth") : List.of());
        System.out.println("inputs of " + s.raw() + " (source, years in the first rows, '+' = the file may hold more "
                + "years, format, scheme, file):");
        inventory.lines().forEach(l -> System.out.println("  " + l));
        org.quex.lake.RunManifest manifest = new org.quex.lake.RunManifest("inventory", describe(s));
        manifest.put("inventory", inventory.describe());
        System.out.println("  (" + manifest.write(hadoop, s.lake(), "raw") + ")");
        List<String> pooled = paths(inventory.of("asif").stream().filter(RawInventory.Table::pooled).toList());
        List<Integer> pooledYears = new ArrayList<>();
        Map<Integer, List<String>> asif = new LinkedHashMap<>();
        Map<Integer, List<String>> customs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (int year : s.years()) {
            List<String> perYear = paths(inventory.of("asif", year).stream().filter(t -> !t.pooled()).toList());
            if (!perYear.isEmpty()) {
                asif.put(year, perYear); // a year's own file wins over the pooled file's rows of that year
            } else if (!pooled.isEmpty()) {
                pooledYears.add(year);
            } else {
                missing.add("asif " + year);
            }
            List<String> c = paths(inventory.of("customs", year));
            if (c.isEmpty()) {
                missing.add("customs " + year);
            }
            customs.put(year, c);
        }
        if (!missing.isEmpty()) {
            StringBuilder why = new StringBuilder();
            inventory.skipped().forEach(k -> why.append("; skipped ").append(k.path()).append(": ").append(k.reason()));
            throw new QuexException("run: no input for " + String.join(", ", missing) + " under " + s.raw() + why);
        }
        return new Plan(inventory, pooled, pooledYears, asif, customs, paths(inventory.of("honours")));
    }

    private static List<String> paths(List<RawInventory.Table> tables) {
        return tables.stream().map(t -> t.file().path()).distinct().toList();
    }

    private Outcome run(Plan plan) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (LakeLock lock = LakeLock.acquire(hadoop, s.lake(), "quex run on " + spark.sparkContext().applicationId(),
                s.lockPolicy())) {
            return runLocked(hadoop, plan);
        }
    }

    private Outcome runLocked(Configuration hadoop, Plan plan) {
        CleaningConfig cleaning = CleaningConfig.from(s.config());
        String configLabel = s.config().where();
        String truthLinks = s.raw() + "/truth/links.csv";
        List<Ingested> ingests = new ArrayList<>();
        List<CleanJob.Report> cleanReports = new ArrayList<>();
        List<MatchJob.Report> matchReports = new ArrayList<>();
        Map<Integer, YearState> states = new LinkedHashMap<>();
        Map<Integer, YearState.Stage> redo = new LinkedHashMap<>();
        String code = QuexVersion.describe();
        for (int year : s.years()) {
            long hashing = System.nanoTime();
            YearState state = YearState.of(hadoop, year, plan.inputsOf(year), s.config(), code);
            double seconds = (System.nanoTime() - hashing) / 1e9;
            states.put(year, state);
            YearState.Staleness stale = s.incremental() ? state.staleness(hadoop, s.lake())
                    : new YearState.Staleness(YearState.Stage.INGEST, "not an incremental run");
            if (stale.from() == YearState.Stage.REUSE) {
                record(new Step("reused", year, 0, seconds, "ingest, clean and match kept: " + stale.reason()));
            } else {
                if (s.incremental()) {
                    record(new Step("stale", year, 0, seconds, "from " + stale.from().name().toLowerCase(Locale.ROOT)
                            + ": " + stale.reason()));
                }
                state.forget(hadoop, s.lake());
                redo.put(year, stale.from());
            }
        }
        List<Integer> toIngest = redo.entrySet().stream().filter(e -> e.getValue() == YearState.Stage.INGEST)
                .map(Map.Entry::getKey).toList();
        List<Integer> fromPooled = plan.pooledYears().stream().filter(toIngest::contains).toList();
        // One lake commit per year: its raw, quarantine, clean and match tables become visible together
        // when the year is whole, and a run killed at any point leaves each year as it was or as this
        // run built it. Years ingested from a pooled ASIF file share one commit with that ingest.
        List<List<Integer>> commits = new ArrayList<>();
        if (!fromPooled.isEmpty()) {
            commits.add(fromPooled);
        }
        redo.keySet().stream().filter(y -> !fromPooled.contains(y)).forEach(y -> commits.add(List.of(y)));
        for (List<Integer> years : commits) {
            try (LakeCommit commit = LakeCommit.begin(hadoop, s.lake(), "quex run, years " + years, s.keepPrevious())) {
                if (years.equals(fromPooled)) {
                    ingestPooled(plan, fromPooled, ingests);
                }
                for (int year : years) {
                    buildYear(hadoop, plan, year, redo.get(year), toIngest.contains(year), cleaning, configLabel,
                            truthLinks, ingests, cleanReports, matchReports);
                }
                commit.publish();
            }
            for (int year : years) {
                states.get(year).record(hadoop, s.lake()); // only now is the year whole in the lake
            }
        }
        // an incremental run rebuilds the panel over every year of the lake: TFP pools the years
        List<Integer> panelYears = s.incremental() ? union(s.years(), YearList.inTable(spark, s.lake().clean("asif")))
                : s.years();
        int last = panelYears.get(panelYears.size() - 1);
        PanelJob.Report panel;
        // the honour lists and the panel built on them: one more commit
        try (LakeCommit commit = LakeCommit.begin(hadoop, s.lake(), "quex run, panel " + panelYears, s.keepPrevious())) {
            if (!plan.honours().isEmpty()) {
                ingests.add(ingested("honours", last, time("ingest", null, () -> IngestJob.run(spark,
                        ingest("honours", List.of(last), plan.honours())),
                        x -> x.written(), x -> "honours: read " + x.read() + ", quarantined " + x.quarantined())));
            } else {
                System.out.println("run: no honour list under " + s.raw() + ": qu, lqu, mqu and hqu will be 0");
            }
            panel = time("panel", null,
                    () -> PanelJob.run(spark, s.lake(), panelYears, PanelConfig.from(s.config()), configLabel),
                    x -> x.rowsByYear().values().stream().mapToLong(Long::longValue).sum(),
                    x -> "years " + panelYears + ", " + x.productionFunctions().stream().filter(f -> f.note().isEmpty())
                            .count() + " production functions");
            commit.publish();
        }

        // the models read the panel many times: once from Parquet, then from memory
        Dataset<Row> data = org.quex.lake.PartitionedParquet.read(spark, s.lake().panelFirmYear())
                .where(org.apache.spark.sql.functions.col("year").isin(panelYears.toArray())).cache();
        List<FittedTable> fitted = new ArrayList<>();
        for (ModelTable table : s.tables()) {
            List<FitResult> fits = new ArrayList<>();
            List<List<org.quex.panel.VariableSummary>> samples = new ArrayList<>();
            List<Dataset<Row>> predictions = new ArrayList<>();
            for (ModelTable.Model model : table.models()) {
                Dataset<Row> sample = model.sample() == null ? data : restrict(data, table, model);
                samples.add(SampleStatistics.of(sample, model.spec()));
                fits.add(time("estimate", null, () -> fitOrFailure(sample, model, table.id()),
                        x -> x.sample().n(),
                        x -> table.id() + " (" + model.id() + ") " + model.spec().model().name().toLowerCase(Locale.ROOT)
                                + ", " + x.convergence().iterations() + " iterations"
                                + (x.diagnostics().ok() ? "" : "; " + x.diagnostics().status().name().toLowerCase(Locale.ROOT)
                                + ": " + x.diagnostics().message())));
                FitResult fit = fits.get(fits.size() - 1);
                predictions.add(model.predict() && !fit.terms().isEmpty() ? Predictions.of(sample, fit) : null);
            }
            fitted.add(new FittedTable(table, fits, samples, predictions));
        }
        data.unpersist();
        return new Outcome(steps, ingests, cleanReports, matchReports, panel, fitted, plan.inventory());
    }

    /** The ingest of a pooled ASIF file for all the years that take their rows from it. */
    private void ingestPooled(Plan plan, List<Integer> fromPooled, List<Ingested> ingests) {
        // one pass over the pooled file for all its years (it may be tens of gigabytes)
        IngestJob.Result pooled = time("ingest", null, () -> IngestJob.run(spark,
                        ingest("asif", fromPooled, plan.pooledAsif())),
                x -> x.written(), x -> "asif, pooled file: " + x.years().stream().map(y -> y.year() + " read "
                        + y.read() + ", quarantined " + y.quarantined()).reduce((a, b) -> a + "; " + b).orElse(""));
        for (IngestJob.YearResult y : pooled.years()) {
            ingests.add(new Ingested("asif", y.year(), plan.pooledAsif().size(), y.read(), y.written(),
                    y.quarantined()));
        }
        List<Integer> absent = fromPooled.stream().filter(y -> pooled.years().stream()
                .noneMatch(r -> r.year() == y)).toList();
        if (!absent.isEmpty()) {
            throw new QuexException("run: no input holds asif " + absent + ": the pooled file(s) "
                    + plan.pooledAsif() + " hold " + pooled.years().stream().map(IngestJob.YearResult::year).toList());
        }
    }

    /** Ingest (when {@code ingestYear}), clean and match of one year, from stage {@code from}, inside the year's commit. */
    private void buildYear(Configuration hadoop, Plan plan, int year, YearState.Stage from, boolean ingestYear,
                           CleaningConfig cleaning, String configLabel, String truthLinks, List<Ingested> ingests,
                           List<CleanJob.Report> cleanReports, List<MatchJob.Report> matchReports) {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        if (plan.asif().containsKey(year)) {
            inputs.put("asif", plan.asif().get(year));
        }
        inputs.put("customs", plan.customs().get(year));
        for (Map.Entry<String, List<String>> in : ingestYear ? inputs.entrySet()
                : List.<Map.Entry<String, List<String>>>of()) {
            String source = in.getKey();
            ingests.add(ingested(source, year, time("ingest", year, () -> IngestJob.run(spark,
                    ingest(source, List.of(year), in.getValue())),
                    x -> x.written(), x -> source + ": read " + x.read() + ", quarantined " + x.quarantined()
                            + (x.outside() > 0 ? ", " + x.outside() + " rows of other years left" : ""))));
        }
        if (from != YearState.Stage.MATCH) {
            cleanReports.addAll(time("clean", year,
                    () -> CleanJob.run(spark, s.lake(), year, List.of("asif", "customs"), cleaning, configLabel),
                    x -> x.stream().mapToLong(CleanJob.Report::kept).sum(),
                    x -> x.stream().map(c -> c.source() + " kept " + c.kept() + " of " + c.rowsIn())
                            .reduce((a, b) -> a + ", " + b).orElse("")));
        }
        String truth = s.demo() && exists(hadoop, truthLinks) ? truthLinks : null;
        MatchJob.Report m = time("match", year, () -> MatchJob.run(spark, s.lake(), year, truth),
                x -> x.byName() + x.byZipPhone(), x -> String.format(Locale.ROOT,
                        "%d by name, %s, %.1f%% of export value", x.byName(), x.zipPhoneText(),
                        x.exportUsd() > 0 ? 100 * x.matchedExportUsd() / x.exportUsd() : 0.0));
        matchReports.add(m);
    }

    /**
     * One model of the run. A model that cannot be estimated on this sample (no observations, a
     * single cluster…) becomes a failed result with its reason, so that the other models of the
     * run are still estimated and written; a singular or non-converged fit already is a result.
     */
    static FitResult fitOrFailure(Dataset<Row> sample, ModelTable.Model model, String table) {
        try {
            return Estimation.fit(sample, model.spec(), model.margins());
        } catch (QuexException e) {
            LOG.warn("table {} model {} not estimated: {}", table, model.id(), e.getMessage());
            return FitResult.failed(model.spec(), e.getMessage());
        }
    }

    /** An ingest of the run: detected encodings, default quality rules, the configured employment order. */
    private IngestJob.Settings ingest(String source, List<Integer> years, List<String> inputs) {
        return new IngestJob.Settings(source, years, inputs, s.lake().root(), null, 20, QualityRules.DEFAULTS,
                IngestJob.SLICE_BYTES, s.config().list("ingest.employees.order"));
    }

    private static Ingested ingested(String source, int year, IngestJob.Result r) {
        return new Ingested(source, year, r.files().size(), r.read(), r.written(), r.quarantined());
    }

    private <T> T time(String stage, Integer year, Supplier<T> work, java.util.function.ToLongFunction<T> rows,
                       java.util.function.Function<T, String> detail) {
        long start = System.nanoTime();
        T result;
        try (org.quex.lake.SparkProgress progress = org.quex.lake.SparkProgress.start(spark,
                stage + " " + (year == null ? "all" : year), System.out)) {
            result = work.get();
        }
        record(new Step(stage, year, rows.applyAsLong(result), (System.nanoTime() - start) / 1e9, detail.apply(result)));
        return result;
    }

    /** The model's rows; a condition Spark cannot parse or resolve stops the run naming the model. */
    static Dataset<Row> restrict(Dataset<Row> data, ModelTable table, ModelTable.Model model) {
        try {
            Dataset<Row> rows = data.where(org.apache.spark.sql.functions.expr(model.sample()));
            rows.schema(); // analysis happens here: an unknown column fails now, not mid-fit
            return rows;
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes, though undeclared
            throw new QuexException("model file " + table.id() + ", model " + model.id() + ": sample '" + model.sample()
                    + "' is not a condition on the panel's columns: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private void record(Step step) {
        steps.add(step);
        System.out.println(step.line());
    }

    private static boolean exists(Configuration hadoop, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(hadoop).exists(p);
        } catch (java.io.IOException e) {
            throw new QuexException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Configuration of a run for its manifest. */
    static Map<String, Object> describe(Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", s.raw());
        m.put("lake", s.lake().root());
        m.put("years", s.years());
        m.put("config", s.config().where());
        m.put("settings", s.config().echo(""));
        m.put("demo", s.demo());
        m.put("incremental", s.incremental());
        return m;
    }
}
