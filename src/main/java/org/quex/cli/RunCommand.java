package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.quex.ConfigFile;
import org.quex.QuexException;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;
import org.quex.panel.YearList;
import org.quex.pipeline.DemoTruth;
import org.quex.pipeline.ModelCheck;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.ResultsWriter;
import org.quex.pipeline.RunJob;
import org.quex.report.Reference;
import org.quex.report.TableOptions;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

@Parameters(commandNames = "run", commandDescription =
        "Run the whole study: ingest, clean and match each year, build the panel, fit every model of the model files,"
                + " write tables, plots and reports to RESULTS/<run-id>; --demo first generates synthetic data")
final class RunCommand extends QuexCommand {
    @ParametersDelegate
    final LockOption lock = new LockOption();

    @Parameter(names = "--demo", description = "Generate synthetic raw data into DEMO_DIR/raw first and run on it")
    boolean demo;

    @Parameter(names = "--raw", description = "Directory of raw deliveries as they come (any layout: every file is"
            + " inspected and its source, scheme and years found by content); not with --demo")
    String raw;

    @Parameter(names = "--years", description = "Years, e.g. 2000-2013 or 2005,2007 (demo default 2005-2013)")
    String years;

    @Parameter(names = "--lake", description = "Lake root (default: lake, or DEMO_DIR/lake with --demo)")
    String lake;

    @Parameter(names = "--results", description = "Directory under which the run's results directory is written"
            + " (local path, hdfs:// or s3a://)")
    String results = "results";

    @ParametersDelegate
    final ConfigOption config = new ConfigOption();

    @Parameter(names = "--models", description = "Directory of model files *.conf (default: the packed conf/models)")
    String models;

    @Parameter(names = "--demo-dir", description = "Where --demo writes its raw files and lake")
    String demoDir = "demo";

    @Parameter(names = "--demo-firms", description = "Firms the demo generates")
    int demoFirms = 4000;

    @Parameter(names = "--seed", description = "Seed of the demo data")
    long seed = 1;

    @Parameter(names = "--incremental", description = "Ingest, clean and match only the years whose raw inputs are new"
            + " or changed since the lake was built; rebuild the panel over every year of the lake and re-estimate")
    boolean incremental;

    @ParametersDelegate
    final TableOption format = new TableOption();

    @Override
    String logDirectory() {
        return results;
    }

    @Override
    public void run() throws Exception {
        if (demo == (raw != null)) {
            throw new QuexException(demo ? "--demo generates its own raw files: leave out --raw"
                    : "give --raw DIR (the raw files) or --demo");
        }
        TableOptions tableOptions = format.options();
        if (tableOptions.reference() == Reference.TRUTH && !demo) {
            throw new QuexException("--reference truth needs --demo: real data have no true values");
        }
        List<Integer> yearList = YearList.parse(years != null ? years : demo ? "2005-2013" : "2000-2013");
        ConfigFile conf = ConfigFile.load(config.path);
        List<ModelTable> tables = ModelTable.load(models);
        ModelCheck.check(tables); // every formula and sample against the panel's columns, before any work
        String rawDir = demo ? demoDir + "/raw" : raw;
        String lakeRoot = lake != null ? lake : demo ? demoDir + "/lake" : "lake";
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + (demo ? "-demo" : "");
        RunJob.Settings settings = new RunJob.Settings(rawDir, new LakeTables(lakeRoot), yearList, conf, tables, demo,
                incremental, lock.breakLock);
        settings.lockPolicy(); // a bad lake.lock setting is said before Spark starts
        long start = System.nanoTime();
        // real deliveries are inspected before Spark starts: a missing year is said at once
        RunJob.Plan plan = demo ? null : RunJob.plan(SparkSessions.hadoopConfigurationBeforeSpark(), settings);
        SparkSession spark = SparkSessions.getOrCreate("quex run " + runId);
        if (demo) {
            GenerateSettings g = new GenerateSettings(seed, demoFirms, yearList.get(0), yearList.get(yearList.size() - 1),
                    2000, 40, TrueCoefficients.FE_QU, 0.08, 1);
            SynthJob.run(spark, g, TrueCoefficients.load(null), rawDir, true);
            System.out.printf(Locale.ROOT, "generate  all   %d firms, %s, seed %d -> %s (%.1f s)%n", demoFirms, yearList, seed,
                    rawDir, (System.nanoTime() - start) / 1e9);
        }
        RunJob.Outcome outcome = plan == null ? RunJob.run(spark, settings) : RunJob.run(spark, settings, plan);
        String dir = results + "/" + runId;
        DemoTruth truth = demo ? DemoTruth.load(Path.of(rawDir, "truth", "coefficients.csv")) : null;
        ResultsWriter.write(dir, settings, outcome, truth, tableOptions, runId, spark.sparkContext().hadoopConfiguration());
        System.out.printf(Locale.ROOT, "run %s finished in %.1f s: %s/README.md%n", runId, (System.nanoTime() - start) / 1e9,
                dir);
    }
}
