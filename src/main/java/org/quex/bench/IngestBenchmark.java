package org.quex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * Quex's ingest of one generated Customs year (12 monthly UTF-8 files) against the plain Spark
 * copy of the same files (CSV reader with header → Parquet), in one run. The plain copy types
 * nothing, checks nothing and accounts for nothing: it is the floor ingest is measured against.
 */
public final class IngestBenchmark {
    /** A UTF-8 year, which Spark's CSV reader can read too (it refuses GBK, SPARK-48857). */
    private static final int YEAR = 2012;

    private IngestBenchmark() {
    }

    public static String run(SparkSession spark, int firms, long seed, int warmups, int repetitions) throws Exception {
        Path dir = Files.createTempDirectory("quex-bench-ingest-");
        try {
            SynthJob.run(spark, new GenerateSettings(seed, firms, YEAR, YEAR, 2000, 40, TrueCoefficients.FE_QU, 0.08, 1),
                    TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE), dir.resolve("raw").toString(), false);
            String input = dir.resolve("raw/customs/" + YEAR).toString();
            String lake = dir.resolve("lake").toString();
            String copy = dir.resolve("copy").toString();
            List<Timing> timings = Timing.interleaved(warmups, repetitions, List.of(
                    () -> IngestJob.run(spark, new IngestJob.Settings("customs", YEAR, List.of(input), lake, null, 20,
                            QualityRules.DEFAULTS)),
                    () -> {
                        spark.read().option("header", "true").csv(input).write().mode(SaveMode.Overwrite).parquet(copy);
                        return null;
                    }));
            Timing quex = timings.get(0);
            Timing plain = timings.get(1);
            IngestJob.Result result = (IngestJob.Result) quex.lastResult();
            long copied = spark.read().parquet(copy).count();
            return String.format(Locale.ROOT,
                    "bench ingest rows=%d quex_s=%s baseline_s=%s ratio=%.2f quex_rows_per_s=%.0f"
                            + " quarantined=%d copied_rows=%d quex_range_s=%s-%s baseline_range_s=%s-%s quex_phases_s=%s",
                    result.read(), Timing.seconds(quex.median()), Timing.seconds(plain.median()),
                    quex.median() / plain.median(), result.read() / quex.median(), result.quarantined(), copied,
                    Timing.seconds(quex.min()), Timing.seconds(quex.max()), Timing.seconds(plain.min()),
                    Timing.seconds(plain.max()), phases(result));
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The last Quex run's phases, e.g. read:4.2,quality:1.3,write:1.9. */
    private static String phases(IngestJob.Result result) {
        StringBuilder b = new StringBuilder();
        result.seconds().forEach((phase, s) -> b.append(b.length() > 0 ? "," : "").append(phase).append(':')
                .append(Timing.seconds(s)));
        return b.toString();
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
