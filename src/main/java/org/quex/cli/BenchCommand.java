package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.bench.EstimatorBenchmark;
import org.quex.lake.SparkSessions;

@Parameters(commandNames = "bench", commandDescription =
        "Time Quex's probit and FE OLS against Spark MLlib on one generated, cached dataset")
final class BenchCommand extends QuexCommand {
    @Parameter(description = "probit | fe (default: both)")
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

    @Override
    public void run() throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("quex bench");
        // About half a million rows per partition keeps per-task memory bounded at any size.
        int p = partitions != null ? partitions
                : (int) Math.max(spark.sparkContext().defaultParallelism(), (rows + 499_999) / 500_000);
        EstimatorBenchmark bench = new EstimatorBenchmark(spark,
                new EstimatorBenchmark.Settings(rows, k, groups, seed, p, warmup, reps, !noBaseline));
        List<String> which = comparisons.isEmpty() ? List.of("probit", "fe") : comparisons;
        for (String line : bench.run(which)) {
            System.out.println(line);
        }
    }
}
