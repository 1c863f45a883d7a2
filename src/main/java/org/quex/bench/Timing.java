package org.quex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Repeated wall-clock timings after warm-up runs: median, min and max in seconds. */
public record Timing(double median, double min, double max, Object lastResult) {

    public static Timing measure(int warmups, int repetitions, Callable<Object> run) throws Exception {
        Object last = null;
        for (int i = 0; i < warmups; i++) {
            last = run.call();
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            last = run.call();
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Timing(median, s[0], s[n - 1], last);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.3f s (min %.3f, max %.3f)", median, min, max);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
