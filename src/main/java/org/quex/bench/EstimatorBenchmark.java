package org.quex.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times Quex's probit and FE OLS against the Spark baselines on one cached dataset, in one run,
 * and reports median times, their ratio and how far the estimates are apart.
 */
public final class EstimatorBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EstimatorBenchmark.class);

    /** Size and repetitions of a run. */
    public record Settings(long rows, int k, long groups, long seed, int partitions, int warmups, int repetitions,
                           boolean baseline) {
    }

    private final SparkSession spark;
    private final Settings settings;

    public EstimatorBenchmark(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** Runs the named comparisons ("probit", "fe") and returns one summary line for each. */
    public List<String> run(List<String> comparisons) throws Exception {
        Settings s = settings;
        Dataset<Row> generated = RegressionData.generate(spark, s.rows(), s.k(), s.groups(), s.seed(), s.partitions());
        if (comparisons.contains("hdfe")) {
            generated = RegressionData.withYearAndIndustry(generated, s.seed());
        }
        Dataset<Row> data = generated.persist(StorageLevel.MEMORY_AND_DISK());
        long rows = data.count();
        LOG.info("bench data: {} rows, k={}, {} firms, {} partitions, cached", rows, s.k(), s.groups(), s.partitions());
        List<String> lines = new ArrayList<>();
        try {
            for (String c : comparisons) {
                switch (c) {
                    case "probit" -> lines.add(probit(data, rows));
                    case "fe" -> lines.add(fe(data, rows));
                    case "hdfe" -> lines.add(hdfe(data, rows));
                    default -> throw new org.quex.QuexException("bench: unknown comparison '" + c
                            + "' (expected probit, fe, hdfe)");
                }
            }
        } finally {
            data.unpersist();
        }
        return lines;
    }

    private String formula(String response, String absorbed) {
        return response + " ~ " + String.join(" + ", RegressionData.regressors(settings.k())) + absorbed;
    }

    private String probit(Dataset<Row> data, long rows) throws Exception {
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.PROBIT, formula("y_bin", ""), "oim");
        Timing quex = Timing.measure(settings.warmups(), settings.repetitions(), () -> Estimation.fit(data, spec));
        FitResult fit = (FitResult) quex.lastResult();
        LOG.info("bench probit quex: {}", quex);
        String result = line("probit", rows, quex);
        if (settings.baseline()) {
            Dataset<Row> assembled = Baselines.assemble(data, RegressionData.regressors(settings.k()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            assembled.count();
            try {
                Timing mllib = Timing.measure(settings.warmups(), settings.repetitions(),
                        () -> Baselines.mllibProbit(assembled, 1e-10));
                LOG.info("bench probit mllib GLR: {}", mllib);
                double[][] b = (double[][]) mllib.lastResult();
                // MLlib's standard errors come from the expected information: compare them with
                // Quex's --vce eim (untimed), not with the observed-information default.
                FitResult eim = Estimation.fit(data, ModelSpec.of(ModelSpec.Model.PROBIT, formula("y_bin", ""), "eim"));
                result = compare("probit", rows, quex, mllib, maxAbsDiff(fit, b[0], true),
                        maxRelDiff(eim, b[1], true));
            } finally {
                assembled.unpersist();
            }
        }
        return result + heap();
    }

    private String fe(Dataset<Row> data, long rows) throws Exception {
        // xtreg style, singletons kept: the baseline's degrees of freedom count every firm.
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, formula("y", " | firm"), "conventional").withKeepSingletons(true);
        Timing quex = Timing.measure(settings.warmups(), settings.repetitions(), () -> Estimation.fit(data, spec));
        FitResult fit = (FitResult) quex.lastResult();
        LOG.info("bench fe quex: {}", quex);
        String result = line("fe", rows, quex);
        if (settings.baseline()) {
            List<String> xs = RegressionData.regressors(settings.k());
            Timing window = Timing.measure(settings.warmups(), settings.repetitions(),
                    () -> Baselines.windowDemeanedOls(data, xs));
            LOG.info("bench fe window+mllib: {}", window);
            double[][] b = (double[][]) window.lastResult();
            // MLlib divides by N − K, not N − G − K: rescale its SEs before comparing.
            double g = fit.sample().groups().doubleValue();
            double scale = Math.sqrt((rows - settings.k()) / (rows - g - settings.k()));
            double[] se = b[1].clone();
            for (int j = 0; j < se.length; j++) {
                se[j] *= scale;
            }
            result = compare("fe", rows, quex, window, maxAbsDiff(fit, b[0], false), maxRelDiff(fit, se, false));
        }
        return result + heap();
    }

    /**
     * firm + year + industry×year absorbed (reghdfe style, singletons dropped, errors clustered by
     * firm): Quex only, since Spark has no multi-way baseline; the line says how the effects were
     * absorbed and how far the estimates are from the true slopes.
     */
    private String hdfe(Dataset<Row> data, long rows) throws Exception {
        ModelSpec spec = ModelSpec.of(ModelSpec.Model.FE, formula("y_hdfe", " | firm + year + indyear"), "cluster:firm");
        Timing quex = Timing.measure(settings.warmups(), settings.repetitions(), () -> Estimation.fit(data, spec));
        FitResult fit = (FitResult) quex.lastResult();
        LOG.info("bench hdfe quex: {}", quex);
        double maxError = 0;
        List<String> xs = RegressionData.regressors(settings.k());
        for (int j = 0; j < xs.size(); j++) {
            maxError = Math.max(maxError, Math.abs(fit.term(xs.get(j)).estimate() - RegressionData.trueSlope(j + 1,
                    settings.k())));
        }
        Map<String, Object> f = fit.fit();
        return line("hdfe", rows, quex) + String.format(Locale.ROOT,
                " n=%s singletons=%s levels=%s df_a=%s method=%s max_abs_error_vs_truth=%.1e", f.get("n"),
                f.get("n_singletons"), f.get("absorbed_levels"), f.get("df_a"), f.get("absorb_method"), maxError)
                .replace(", ", ",") + heap();
    }

    private String line(String name, long rows, Timing quex) {
        return String.format(Locale.ROOT, "bench %s rows=%d k=%d quex_s=%s (min %s max %s)", name, rows, settings.k(),
                Timing.seconds(quex.median()), Timing.seconds(quex.min()), Timing.seconds(quex.max()));
    }

    private String compare(String name, long rows, Timing quex, Timing base, double diff, double seDiff) {
        return String.format(Locale.ROOT,
                "bench %s rows=%d k=%d quex_s=%s baseline_s=%s speedup=%.1f max_abs_diff=%.1e se_max_rel_diff=%.1e"
                        + " quex_range_s=%s-%s baseline_range_s=%s-%s",
                name, rows, settings.k(), Timing.seconds(quex.median()), Timing.seconds(base.median()),
                base.median() / quex.median(), diff, seDiff, Timing.seconds(quex.min()), Timing.seconds(quex.max()),
                Timing.seconds(base.min()), Timing.seconds(base.max()));
    }

    /** Largest |Quex − baseline| over the slopes (and the intercept, last in MLlib's order, if asked). */
    private double maxAbsDiff(FitResult fit, double[] baseline, boolean withIntercept) {
        double max = 0;
        List<String> xs = RegressionData.regressors(settings.k());
        for (int j = 0; j < xs.size(); j++) {
            max = Math.max(max, Math.abs(fit.term(xs.get(j)).estimate() - baseline[j]));
        }
        if (withIntercept) {
            max = Math.max(max, Math.abs(fit.term("_cons").estimate() - baseline[xs.size()]));
        }
        return max;
    }

    private double maxRelDiff(FitResult fit, double[] baselineSe, boolean withIntercept) {
        double max = 0;
        List<String> xs = RegressionData.regressors(settings.k());
        for (int j = 0; j < xs.size(); j++) {
            double se = fit.term(xs.get(j)).stdError();
            max = Math.max(max, Math.abs(se - baselineSe[j]) / se);
        }
        if (withIntercept) {
            double se = fit.term("_cons").stdError();
            max = Math.max(max, Math.abs(se - baselineSe[xs.size()]) / se);
        }
        return max;
    }

    private static String heap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return String.format(Locale.ROOT, " heap_peak_mb=%d heap_max_mb=%d", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
