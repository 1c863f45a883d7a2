package org.quex.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
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
 * session, timed stage by stage. Generation is timed apart and not in the total.
 *
 * <p>Two stages get baselines measured in the same session after the pipeline, on the same data,
 * each printed with the stage's ratio to it: ingest of Customs against a plain Spark copy of the
 * same raw CSV files to Parquet ({@code copy}: header, the file's charset, no typing, no checks, no
 * accounting); clean against a plain read-filter-aggregate-write of the raw Customs year
 * ({@code aggregate}: exports of at least 50 USD summed by firm name and year, three of the 21
 * columns read) and against a plain rewrite of the raw ASIF and Customs years ({@code rewrite}:
 * every column read and written, partitioned as clean writes), the rows clean has to read.
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
            LakeTables lake = new LakeTables(dir.resolve("lake").toString());
            RunJob.Outcome outcome = RunJob.run(spark, new RunJob.Settings(dir.resolve("raw").toString(), lake, years,
                    ConfigFile.load(null), ModelTable.load(null), false, false));
            double copy = 0;
            double aggregate = 0;
            double rewrite = 0;
            for (int year : years) {
                copy += plainCopy(spark, dir.resolve("raw/customs/" + year), dir.resolve("copy/" + year));
                aggregate += plainClean(spark, lake, year, dir.resolve("aggregate/" + year));
                rewrite += plainRewrite(spark, lake, year, dir.resolve("rewrite/" + year));
            }
            Map<String, Map<String, Double>> baselines = new LinkedHashMap<>();
            if (copy > 0) {
                baselines.put("ingest_customs", Map.of("copy", copy));
            }
            Map<String, Double> clean = new LinkedHashMap<>();
            clean.put("aggregate", aggregate);
            clean.put("rewrite", rewrite);
            baselines.put("clean", clean);
            return lines(firms, years, generate, outcome.steps(), baselines);
        } finally {
            IngestBenchmark.deleteRecursively(dir);
        }
    }

    /**
     * Seconds of Spark's CSV reader → Parquet over the year's raw Customs CSV files, one read per
     * charset (UTF-8 or GB18030, detected as ingest does); 0 when the year's files are not CSV.
     */
    static double plainCopy(SparkSession spark, Path customsYear, Path out) throws IOException {
        Map<String, List<String>> byCharset = new LinkedHashMap<>();
        try (var files = Files.list(customsYear)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    byte[] head = new byte[org.quex.ingest.EncodingDetector.SAMPLE_BYTES];
                    int n;
                    try (var in = Files.newInputStream(f)) {
                        n = Math.max(0, in.readNBytes(head, 0, head.length));
                    }
                    byCharset.computeIfAbsent(org.quex.ingest.EncodingDetector.detect(head, n).name(),
                            k -> new ArrayList<>()).add(f.toString());
                }
            }
        }
        // Spark 4's CSV reader takes GB18030 only with the legacy charset list
        String legacy = spark.conf().get("spark.sql.legacy.javaCharsets", "false");
        spark.conf().set("spark.sql.legacy.javaCharsets", "true");
        try {
            long t0 = System.nanoTime();
            for (Map.Entry<String, List<String>> e : byCharset.entrySet()) {
                spark.read().option("header", "true").option("encoding", e.getKey())
                        .csv(e.getValue().toArray(String[]::new))
                        .write().mode(SaveMode.Append).parquet(out.toString());
            }
            return byCharset.isEmpty() ? 0 : (System.nanoTime() - t0) / 1e9;
        } finally {
            spark.conf().set("spark.sql.legacy.javaCharsets", legacy);
        }
    }

    /** Seconds of read raw Customs year → one where → groupBy(firm, year).sum → write. */
    static double plainClean(SparkSession spark, LakeTables lake, int year, Path out) {
        long t0 = System.nanoTime();
        org.quex.lake.PartitionedParquet.read(spark, lake.raw("customs")).where("year = " + year)
                .where(col("direction").equalTo("export").and(col("value_usd").geq(50)))
                .groupBy(col("firm_name")).agg(sum("value_usd").as("export_usd")).withColumn("year", lit(year))
                .write().mode(SaveMode.Overwrite).parquet(out.toString());
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Seconds of read raw year → write Parquet, every column, for ASIF (partitioned by year) and
     * Customs (by year and month), as clean reads and writes them.
     */
    static double plainRewrite(SparkSession spark, LakeTables lake, int year, Path out) {
        long t0 = System.nanoTime();
        for (String source : List.of("asif", "customs")) {
            String[] partitions = source.equals("customs") ? new String[] {"year", "month"} : new String[] {"year"};
            org.quex.lake.PartitionedParquet.read(spark, lake.raw(source)).where("year = " + year)
                    .write().mode(SaveMode.Overwrite).partitionBy(partitions).parquet(out.resolve(source).toString());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** @param baselines stage → baseline name → seconds, printed as name_seconds and name_ratio */
    static List<String> lines(int firms, List<Integer> years, double generateSeconds, List<RunJob.Step> steps,
                              Map<String, Map<String, Double>> baselines) {
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
        byStage.forEach((stage, sums) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s stage=%s steps=%d rows=%d seconds=%s",
                    prefix, stage, (long) sums[0], (long) sums[1], Timing.seconds(sums[2])));
            baselines.getOrDefault(stage, Map.of()).forEach((name, seconds) -> line.append(String.format(Locale.ROOT,
                    " %s_seconds=%s %s_ratio=%.2f", name, Timing.seconds(seconds), name, sums[2] / seconds)));
            lines.add(line.toString());
        });
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
