package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.bench.EstimatorBenchmark;
import org.quex.bench.IngestBenchmark;
import org.quex.bench.RunBenchmark;
import org.quex.lake.SparkSessions;
import org.quex.panel.YearList;

@Parameters(commandNames = "bench", commandDescription =
        "Time Quex's probit and FE OLS against Spark MLlib, ingest against a plain Spark CSV-to-Parquet copy,"
                + " and (run) the whole pipeline on a generated year, stage by stage")
final class BenchCommand extends QuexCommand {
    @Parameter(description = "probit | fe | hdfe | ingest | run (default: probit fe)")
    List<String> comparisons = new ArrayList<>();

    @Parameter(names = "--rows", description = "Rows of the generated dataset")
    long rows = 418_213;

    @Parameter(names = "--k", description = "Number of regressors")
    int k = 15;

    @Parameter(names = "--groups", description = "Number of firms (FE groups)")
    long groups = 90_000;

    @Parameter(names = "--seed", description = "Seed of the generated dataset")
    long seed = 1;

    @Parameter(names = "--partitions", description = "Partitions of the dataset (default: one per 500k rows, at least the parallelism)")
    Integer partitions;

    @Parameter(names = "--warmup", description = "Untimed runs before timing")
    int warmup = 1;

    @Parameter(names = "--reps", description = "Timed repetitions (the median is reported)")
    int reps = 5;

    @Parameter(names = "--no-baseline", description = "Time Quex only (for scaling runs)")
    boolean noBaseline;

    @Parameter(names = "--ingest-firms", description = "bench ingest: firms of the generated Customs year")
    int ingestFirms = 20_000;

    @Parameter(names = "--firms", description = "bench run: firms of the generated year")
    int firms = 20_000;

    @Parameter(names = "--year", description = "bench run: the generated year or years, e.g. 2012 or 2011-2012"
            + " (the FE models need two years: with one, every firm is its own group)")
    String year = "2011-2012";

    @Override
    public void run() throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("quex bench");
        // About half a million rows per partition keeps per-task memory bounded at any size.
        int p = partitions != null ? partitions
                : (int) Math.max(spark.sparkContext().defaultParallelism(), (rows + 499_999) / 500_000);
        EstimatorBenchmark bench = new EstimatorBenchmark(spark,
                new EstimatorBenchmark.Settings(rows, k, groups, seed, p, warmup, reps, !noBaseline));
        List<String> which = comparisons.isEmpty() ? List.of("probit", "fe") : comparisons;
        List<String> estimators = which.stream().filter(c -> !c.equals("ingest") && !c.equals("run")).toList();
        if (!estimators.isEmpty()) {
            for (String line : bench.run(estimators)) {
                System.out.println(line);
            }
        }
        if (which.contains("ingest")) {
            System.out.println(IngestBenchmark.run(spark, ingestFirms, seed, warmup, reps));
        }
        if (which.contains("run")) {
            for (String line : RunBenchmark.run(spark, firms, YearList.parse(year), seed)) {
                System.out.println(line);
            }
        }
    }
}
