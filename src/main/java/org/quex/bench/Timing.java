package org.quex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Repeated wall-clock timings after warm-up runs: median, min and max in seconds. */
public record Timing(double median, double min, double max, Object lastResult) {

    public static Timing measure(int warmups, int repetitions, Callable<Object> run) throws Exception {
        return interleaved(warmups, repetitions, List.of(run)).get(0);
    }

    /**
     * Times several runs in turns (a, b, a, b, …) so that a machine whose load drifts during the
     * benchmark weighs on each of them alike; warm-ups first, in the same turns.
     */
    public static List<Timing> interleaved(int warmups, int repetitions, List<Callable<Object>> runs) throws Exception {
        Object[] last = new Object[runs.size()];
        for (int i = 0; i < warmups; i++) {
            for (int r = 0; r < runs.size(); r++) {
                last[r] = runs.get(r).call();
            }
        }
        List<List<Double>> seconds = new ArrayList<>();
        runs.forEach(r -> seconds.add(new ArrayList<>()));
        for (int i = 0; i < repetitions; i++) {
            for (int r = 0; r < runs.size(); r++) {
                long t0 = System.nanoTime();
                last[r] = runs.get(r).call();
                seconds.get(r).add((System.nanoTime() - t0) / 1e9);
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            double[] s = seconds.get(r).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = s.length;
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            timings.add(new Timing(median, s[0], s[n - 1], last[r]));
        }
        return timings;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.3f s (min %.3f, max %.3f)", median, min, max);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
