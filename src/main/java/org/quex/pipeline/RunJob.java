package org.quex.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.quex.ConfigFile;
import org.quex.QuexException;
import org.quex.clean.CleanJob;
import org.quex.clean.CleaningConfig;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.lake.LakeTables;
import org.quex.match.MatchJob;
import org.quex.panel.PanelConfig;
import org.quex.panel.PanelJob;
import org.quex.synth.RawLayouts;

/**
 * The whole study in one run: for each year ingest → clean → match, then the honour lists, the
 * panel over all the years, every model of the model files, and the reports. One progress line per
 * stage and year (rows, seconds) goes to standard output as it finishes.
 */
public final class RunJob {
    /** What to run: raw files laid out as raw_files.csv says (the generator's layout), the lake, the results. */
    public record Settings(Path raw, LakeTables lake, List<Integer> years, Path results, ConfigFile config,
                           List<ModelTable> tables, boolean demo) {
    }

    /** One finished step: stage, year (null for all years), rows it produced, seconds. */
    public record Step(String stage, Integer year, long rows, double seconds, String detail) {
        String line() {
            return String.format(Locale.ROOT, "%-9s %-5s rows=%-9d %6.1f s  %s", stage, year == null ? "all" : year,
                    rows, seconds, detail);
        }
    }

    /** The fitted models of one table, in column order. */
    public record FittedTable(ModelTable table, List<FitResult> fits) {
    }

    public record Outcome(List<Step> steps, List<CleanJob.Report> cleaning, List<MatchJob.Report> matching,
                          PanelJob.Report panel, List<FittedTable> tables) {
    }

    private final SparkSession spark;
    private final Settings s;
    private final List<Step> steps = new ArrayList<>();

    private RunJob(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.s = settings;
    }

    public static Outcome run(SparkSession spark, Settings settings) {
        return new RunJob(spark, settings).run();
    }

    private Outcome run() {
        RawLayouts layouts = RawLayouts.shared();
        CleaningConfig cleaning = CleaningConfig.from(s.config());
        String configLabel = s.config().where();
        Path truthLinks = s.raw().resolve("truth/links.csv");
        List<CleanJob.Report> cleanReports = new ArrayList<>();
        List<MatchJob.Report> matchReports = new ArrayList<>();
        for (int year : s.years()) {
            for (String source : List.of("asif", "customs")) {
                RawLayouts.RawFile file = layouts.fileFor(source, year);
                if (file == null) {
                    throw new QuexException("no " + source + " layout for " + year + " in data-schemas/raw/raw_files.csv");
                }
                String input = source.equals("asif") ? file.path(year, 1) : "customs/" + year;
                Path in = s.raw().resolve(input);
                if (!java.nio.file.Files.exists(in)) {
                    throw new QuexException("run: " + source + " " + year + ": " + in + " does not exist");
                }
                time("ingest", year, () -> IngestJob.run(spark, new IngestJob.Settings(source, year,
                        List.of(in.toString()), s.lake().root(), null, 20, QualityRules.DEFAULTS)),
                        x -> x.written(), x -> source + ": read " + x.read() + ", quarantined " + x.quarantined());
            }
            List<CleanJob.Report> cleaned = time("clean", year,
                    () -> CleanJob.run(spark, s.lake(), year, List.of("asif", "customs"), cleaning, configLabel),
                    x -> x.stream().mapToLong(CleanJob.Report::kept).sum(),
                    x -> x.stream().map(c -> c.source() + " kept " + c.kept() + " of " + c.rowsIn())
                            .reduce((a, b) -> a + ", " + b).orElse(""));
            cleanReports.addAll(cleaned);
            String truth = s.demo() && java.nio.file.Files.exists(truthLinks) ? truthLinks.toString() : null;
            MatchJob.Report m = time("match", year, () -> MatchJob.run(spark, s.lake(), year, truth),
                    x -> x.byName() + x.byZipPhone(), x -> String.format(Locale.ROOT,
                            "%d by name, %d by zip+phone7, %.1f%% of export value", x.byName(), x.byZipPhone(),
                            x.exportUsd() > 0 ? 100 * x.matchedExportUsd() / x.exportUsd() : 0.0));
            matchReports.add(m);
        }
        int last = s.years().get(s.years().size() - 1);
        Path honours = s.raw().resolve(layouts.fileFor("honours", last).path(last, 1));
        if (java.nio.file.Files.exists(honours)) {
            time("ingest", null, () -> IngestJob.run(spark, new IngestJob.Settings("honours", last,
                    List.of(honours.toString()), s.lake().root(), null, 20, QualityRules.DEFAULTS)),
                    x -> x.written(), x -> "honours: read " + x.read() + ", quarantined " + x.quarantined());
        } else {
            System.out.println("run: no honour list at " + honours + ": qu, lqu, mqu and hqu will be 0");
        }
        PanelJob.Report panel = time("panel", null,
                () -> PanelJob.run(spark, s.lake(), s.years(), PanelConfig.from(s.config()), configLabel),
                x -> x.rowsByYear().values().stream().mapToLong(Long::longValue).sum(),
                x -> x.productionFunctions().stream().filter(f -> f.note().isEmpty()).count() + " production functions");

        // the models read the panel many times: once from Parquet, then from memory
        Dataset<Row> data = spark.read().parquet(s.lake().panelFirmYear().toString())
                .where(org.apache.spark.sql.functions.col("year").isin(s.years().toArray())).cache();
        List<FittedTable> fitted = new ArrayList<>();
        for (ModelTable table : s.tables()) {
            List<FitResult> fits = new ArrayList<>();
            for (ModelTable.Model model : table.models()) {
                fits.add(time("estimate", null, () -> Estimation.fit(data, model.spec()),
                        x -> ((Number) x.fit().get("n")).longValue(),
                        x -> table.id() + " (" + model.id() + ") " + model.spec().model().name().toLowerCase(Locale.ROOT)
                                + ", " + x.fit().get("iterations") + " iterations"));
            }
            fitted.add(new FittedTable(table, fits));
        }
        data.unpersist();
        return new Outcome(steps, cleanReports, matchReports, panel, fitted);
    }

    private <T> T time(String stage, Integer year, Supplier<T> work, java.util.function.ToLongFunction<T> rows,
                       java.util.function.Function<T, String> detail) {
        long start = System.nanoTime();
        T result = work.get();
        Step step = new Step(stage, year, rows.applyAsLong(result), (System.nanoTime() - start) / 1e9, detail.apply(result));
        steps.add(step);
        System.out.println(step.line());
        return result;
    }

    /** Configuration of a run for its manifest. */
    static Map<String, Object> describe(Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", s.raw().toString());
        m.put("lake", s.lake().root());
        m.put("years", s.years());
        m.put("config", s.config().where());
        m.put("settings", s.config().echo(""));
        m.put("demo", s.demo());
        return m;
    }
}
