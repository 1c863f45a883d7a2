package org.quex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.quex.ConfigFile;
import org.quex.lake.LakeTables;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.RunJob;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * The whole pipeline ({@link RunJob}: ingest ASIF and Customs, clean, match, honours, panel, every
 * model of conf/models) on generated years (one is enough for all but the FE models), in one Spark
 * session, timed stage by stage. There is
 * no baseline: the lines are for tracking. Generation is timed apart and not in the total.
 */
public final class RunBenchmark {
    private RunBenchmark() {
    }

    /** The bench lines: one per stage (steps of a stage summed, in pipeline order) and a total. */
    public static List<String> run(SparkSession spark, int firms, List<Integer> years, long seed) throws IOException {
        Path dir = Files.createTempDirectory("quex-bench-run-");
        try {
            long t0 = System.nanoTime();
            SynthJob.run(spark, new GenerateSettings(seed, firms, years.get(0), years.get(years.size() - 1), 2000, 40,
                    TrueCoefficients.FE_QU, 0.08, 1), TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE),
                    dir.resolve("raw").toString(), false);
            double generate = (System.nanoTime() - t0) / 1e9;
            RunJob.Outcome outcome = RunJob.run(spark, new RunJob.Settings(dir.resolve("raw").toString(),
                    new LakeTables(dir.resolve("lake").toString()), years, ConfigFile.load(null), ModelTable.load(null),
                    false, false));
            return lines(firms, years, generate, outcome.steps());
        } finally {
            IngestBenchmark.deleteRecursively(dir);
        }
    }

    static List<String> lines(int firms, List<Integer> years, double generateSeconds, List<RunJob.Step> steps) {
        Map<String, double[]> byStage = new LinkedHashMap<>(); // stage -> steps, rows, seconds
        double total = 0;
        for (RunJob.Step step : steps) {
            double[] sums = byStage.computeIfAbsent(label(step), k -> new double[3]);
            sums[0]++;
            sums[1] += step.rows();
            sums[2] += step.seconds();
            total += step.seconds();
        }
        String span = years.get(0) + (years.size() > 1 ? "-" + years.get(years.size() - 1) : "");
        String prefix = String.format(Locale.ROOT, "bench run firms=%d year=%s", firms, span);
        List<String> lines = new ArrayList<>();
        byStage.forEach((stage, sums) -> lines.add(String.format(Locale.ROOT, "%s stage=%s steps=%d rows=%d seconds=%s",
                prefix, stage, (long) sums[0], (long) sums[1], Timing.seconds(sums[2]))));
        lines.add(String.format(Locale.ROOT, "%s stage=total seconds=%s generate_seconds=%s", prefix,
                Timing.seconds(total), Timing.seconds(generateSeconds)));
        return lines;
    }

    /** ingest_asif, ingest_customs, ingest_honours (RunJob names the source at the start of the detail), or the stage. */
    private static String label(RunJob.Step step) {
        int colon = step.detail().indexOf(':');
        return step.stage().equals("ingest") && colon > 0 ? "ingest_" + step.detail().substring(0, colon) : step.stage();
    }
}
