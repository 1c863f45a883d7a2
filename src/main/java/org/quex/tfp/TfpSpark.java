package org.quex.tfp;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.quex.QuexException;

/**
 * The Spark edge of {@link TfpEstimator}: the firm-years are repartitioned by firm and sorted by
 * (firm, year) once, so that a row's lag is the row before it in its partition; then every group
 * (industry) is estimated together in one {@code treeAggregate} per pass (a map from group to
 * sums), and the optimizer runs on the driver. OP/LP/ACF: two passes, OLS/WRDG: one, whatever
 * the number of groups and bootstrap replicates.
 */
public final class TfpSpark {
    private TfpSpark() {
    }

    /** Where the variables are: firm id, year, log output, free/state inputs, proxy, and an optional group. */
    public record Columns(String id, String time, String output, List<String> free, List<String> state, String proxy,
                          String group) implements Serializable {
        List<String> numeric(TfpSpec spec) {
            List<String> c = new ArrayList<>();
            c.add(output);
            c.addAll(free);
            c.addAll(state);
            if (usesProxy(spec)) {
                c.add(proxy);
            }
            return c;
        }
    }

    /** Whether the proxy column is read: every method but OLS, and OLS with gross output (an input). */
    static boolean usesProxy(TfpSpec spec) {
        return spec.method().needsProxy() || spec.proxyInFunction();
    }

    /** Results per group (sorted), with the rows dropped for a missing value and the data passes made. */
    public record Outcome(Map<String, TfpResult> byGroup, long rowsDropped, int passes) {
    }

    public static Outcome estimate(Dataset<Row> data, Columns columns, TfpSpec spec, int minRows, Integer partitions) {
        List<String> numeric = columns.numeric(spec);
        for (String c : concatNames(columns, numeric)) {
            if (!List.of(data.columns()).contains(c)) {
                throw new QuexException("tfp: column '" + c + "' is not in the input (columns: "
                        + String.join(", ", data.columns()) + ")");
            }
        }
        long total = checkNumbers(data, numeric, columns.time());
        Dataset<Row> typed = typed(data, columns, numeric);
        Column complete = col("g").isNotNull().and(col("id").isNotNull()).and(col("t").isNotNull());
        for (int i = 0; i < numeric.size(); i++) {
            complete = complete.and(col("v" + i).isNotNull()).and(col("v" + i).isNaN().unary_$bang());
        }
        Dataset<Row> usable = typed.where(complete);
        Dataset<Row> sorted = (partitions == null ? usable.repartition(col("id")) : usable.repartition(partitions, col("id")))
                .sortWithinPartitions("id", "t", "g");
        JavaRDD<Row> rows = sorted.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            TfpEstimator estimator = new TfpEstimator(spec);
            int nFree = spec.free().size();
            int nState = spec.state().size();
            boolean proxy = usesProxy(spec);
            data.sparkSession().sparkContext().setJobDescription("tfp: pass 1 of " + spec.method().label());
            Map<String, TfpEstimator.FirstStage> first = new TreeMap<>();
            long used = 0;
            if (estimator.hasFirstStage()) {
                FirstPass p1 = rows.treeAggregate(new FirstPass(estimator, nFree, nState, proxy),
                        FirstPass::add, FirstPass::merge);
                first.putAll(p1.sums);
                used = p1.sums.values().stream().mapToLong(s -> s.rows).sum();
            }
            Map<String, TfpResult> results = new TreeMap<>();
            Map<String, TfpEstimator.FirstStageFit> fits = new HashMap<>();
            if (spec.method() == Method.OLS) {
                for (Map.Entry<String, TfpEstimator.FirstStage> e : first.entrySet()) {
                    results.put(e.getKey(), small(e.getValue().rows, minRows, spec, estimator)
                            ? TfpResult.skipped(spec, e.getValue().rows, 0, 1, "fewer than " + minRows + " rows")
                            : estimator.finishOls(e.getValue()));
                }
                return new Outcome(results, total - used, 1);
            }
            for (Map.Entry<String, TfpEstimator.FirstStage> e : first.entrySet()) {
                long n = e.getValue().rows;
                if (small(n, minRows, spec, estimator)) {
                    results.put(e.getKey(), TfpResult.skipped(spec, n, 0, estimator.passes(), "fewer than " + minRows + " rows"));
                    continue;
                }
                TfpEstimator.FirstStageFit fit = estimator.solve(e.getValue());
                if (fit.note != null) {
                    results.put(e.getKey(), TfpResult.skipped(spec, n, 0, estimator.passes(), fit.note));
                } else {
                    fits.put(e.getKey(), fit);
                }
            }
            if (estimator.hasFirstStage() && fits.isEmpty()) {
                return new Outcome(results, total - used, estimator.passes() - 1);
            }
            data.sparkSession().sparkContext().setJobDescription("tfp: pass " + estimator.passes() + " of "
                    + spec.method().label());
            SecondPass p2 = rows.treeAggregate(new SecondPass(estimator, fits, nFree, nState, proxy),
                    SecondPass::add, SecondPass::merge);
            if (!estimator.hasFirstStage()) {
                used = p2.rows;
            }
            for (Map.Entry<String, TfpEstimator.SecondStage> e : p2.sums.entrySet()) {
                String g = e.getKey();
                if (results.containsKey(g)) {
                    continue;
                }
                long n = estimator.hasFirstStage() ? first.get(g).rows : p2.rowsByGroup.get(g);
                if (!estimator.hasFirstStage() && n < minRows) {
                    results.put(g, TfpResult.skipped(spec, n, e.getValue().rows, 1, "fewer than " + minRows + " rows"));
                    continue;
                }
                results.put(g, estimator.finish(n, fits.get(g), e.getValue()));
            }
            for (String g : fits.keySet()) { // a group whose rows never have the year before
                results.computeIfAbsent(g, k -> TfpResult.skipped(spec, first.get(k).rows, 0, estimator.passes(),
                        "no rows with the year before"));
            }
            return new Outcome(results, total - used, estimator.passes());
        } finally {
            rows.unpersist(false);
        }
    }

    /** The second-stage sums of every group (for tests of the one-pass design). */
    static Map<String, TfpEstimator.SecondStage> secondStage(Dataset<Row> data, Columns columns, TfpSpec spec,
                                                            int partitions) {
        TfpEstimator estimator = new TfpEstimator(spec);
        List<String> numeric = columns.numeric(spec);
        JavaRDD<Row> rows = typed(data, columns, numeric).repartition(partitions, col("id"))
                .sortWithinPartitions("id", "t", "g").javaRDD();
        boolean proxy = usesProxy(spec);
        FirstPass p1 = rows.treeAggregate(new FirstPass(estimator, spec.free().size(), spec.state().size(), proxy),
                FirstPass::add, FirstPass::merge);
        Map<String, TfpEstimator.FirstStageFit> fits = new HashMap<>();
        p1.sums.forEach((g, s) -> fits.put(g, estimator.solve(s)));
        return rows.treeAggregate(new SecondPass(estimator, fits, spec.free().size(), spec.state().size(), proxy),
                SecondPass::add, SecondPass::merge).sums;
    }

    /** (g, id, t, v0, v1, …): group, firm, year and the numeric variables as doubles. */
    private static Dataset<Row> typed(Dataset<Row> data, Columns columns, List<String> numeric) {
        List<Column> select = new ArrayList<>();
        select.add((columns.group() == null ? lit("all") : col(columns.group()).cast("string")).as("g"));
        select.add(col(columns.id()).cast("string").as("id"));
        select.add(number(data, columns.time(), "int").as("t"));
        for (int i = 0; i < numeric.size(); i++) {
            select.add(number(data, numeric.get(i), "double").as("v" + i));
        }
        return data.select(select.toArray(new Column[0]));
    }

    /** A column as a number; in text, "", ".", "NA" and "NaN" are missing (as in estimate), other text null. */
    private static Column number(Dataset<Row> data, String name, String type) {
        Column c = col(name);
        if (!(data.schema().apply(name).dataType() instanceof org.apache.spark.sql.types.StringType)) {
            return c.cast(type);
        }
        Column t = org.apache.spark.sql.functions.trim(c);
        return when(t.isin("", ".", "NA", "NaN", "nan"), lit(null).cast(type)).otherwise(t.try_cast(type));
    }

    /** Present but not a number: not missing by {@link #number}, yet no number. */
    private static Column notANumber(Dataset<Row> data, String name, String type) {
        Column c = col(name);
        if (!(data.schema().apply(name).dataType() instanceof org.apache.spark.sql.types.StringType)) {
            return lit(false);
        }
        Column t = org.apache.spark.sql.functions.trim(c);
        return c.isNotNull().and(t.isin("", ".", "NA", "NaN", "nan").unary_$bang()).and(t.try_cast(type).isNull());
    }

    private static boolean small(long n, int minRows, TfpSpec spec, TfpEstimator estimator) {
        return n < minRows;
    }

    private static List<String> concatNames(Columns c, List<String> numeric) {
        List<String> all = new ArrayList<>(numeric);
        all.add(c.id());
        all.add(c.time());
        if (c.group() != null) {
            all.add(c.group());
        }
        return all;
    }

    /**
     * A value that is present but not a number is an error naming the column, not a dropped row.
     * Returns the number of rows (the same aggregation).
     */
    private static long checkNumbers(Dataset<Row> data, List<String> numeric, String time) {
        List<String> all = new ArrayList<>(numeric);
        all.add(time);
        List<Column> checks = new ArrayList<>();
        for (String c : all) {
            String type = c.equals(time) ? "int" : "double";
            checks.add(sum(when(notANumber(data, c, type), 1L).otherwise(0L)).as(c));
        }
        checks.add(org.apache.spark.sql.functions.count(lit(1)));
        Row bad = data.agg(checks.get(0), checks.subList(1, checks.size()).toArray(new Column[0])).first();
        for (int i = 0; i < all.size(); i++) {
            if (!bad.isNullAt(i) && bad.getLong(i) > 0) {
                throw new QuexException("tfp: column '" + all.get(i) + "' has " + bad.getLong(i) + " values that are not "
                        + (all.get(i).equals(time) ? "whole numbers (years)" : "numbers"));
            }
        }
        return bad.getLong(all.size());
    }

    static FirmYear firmYear(Row r, int nFree, int nState, boolean proxy) {
        double[] free = new double[nFree];
        double[] state = new double[nState];
        for (int j = 0; j < nFree; j++) {
            free[j] = r.getDouble(4 + j);
        }
        for (int j = 0; j < nState; j++) {
            state[j] = r.getDouble(4 + nFree + j);
        }
        return new FirmYear(r.getString(1), r.getInt(2), r.getDouble(3), free, state,
                proxy ? r.getDouble(4 + nFree + nState) : Double.NaN);
    }

    /** Pass 1: first-stage cross-products per group. */
    static final class FirstPass implements Serializable {
        final TfpEstimator estimator;
        final int nFree;
        final int nState;
        final boolean proxy;
        final Map<String, TfpEstimator.FirstStage> sums = new HashMap<>();

        FirstPass(TfpEstimator estimator, int nFree, int nState, boolean proxy) {
            this.estimator = estimator;
            this.nFree = nFree;
            this.nState = nState;
            this.proxy = proxy;
        }

        FirstPass add(Row r) {
            sums.computeIfAbsent(r.getString(0), g -> estimator.newFirstStage()).add(firmYear(r, nFree, nState, proxy));
            return this;
        }

        FirstPass merge(FirstPass o) {
            o.sums.forEach((g, s) -> sums.merge(g, s, TfpEstimator.FirstStage::merge));
            return this;
        }
    }

    /**
     * Pass 2: second-stage sums per group. Rows arrive sorted by (firm, year) within the
     * partition, so the accumulator keeps the previous row to find the lag; a merged accumulator
     * gets no more rows.
     */
    static final class SecondPass implements Serializable {
        final TfpEstimator estimator;
        final Map<String, TfpEstimator.FirstStageFit> fits;
        final int nFree;
        final int nState;
        final boolean proxy;
        final Map<String, TfpEstimator.SecondStage> sums = new HashMap<>();
        final Map<String, Long> rowsByGroup = new HashMap<>();
        long rows;
        private transient FirmYear previous;
        private transient String previousGroup;

        SecondPass(TfpEstimator estimator, Map<String, TfpEstimator.FirstStageFit> fits, int nFree, int nState,
                   boolean proxy) {
            this.estimator = estimator;
            this.fits = fits;
            this.nFree = nFree;
            this.nState = nState;
            this.proxy = proxy;
        }

        SecondPass add(Row r) {
            String g = r.getString(0);
            FirmYear row = firmYear(r, nFree, nState, proxy);
            if (previous != null && previous.firm().equals(row.firm()) && previous.year() == row.year()) {
                throw new QuexException("tfp: firm " + row.firm() + " has more than one row for year " + row.year());
            }
            rows++;
            rowsByGroup.merge(g, 1L, Long::sum);
            boolean active = !estimator.hasFirstStage() || fits.containsKey(g);
            if (active) {
                TfpEstimator.SecondStage s = sums.computeIfAbsent(g, k -> estimator.newSecondStage(fits.get(k)));
                s.add(row, g.equals(previousGroup) ? previous : null);
            }
            previous = row;
            previousGroup = g;
            return this;
        }

        SecondPass merge(SecondPass o) {
            o.sums.forEach((g, s) -> sums.merge(g, s, TfpEstimator.SecondStage::merge));
            o.rowsByGroup.forEach((g, n) -> rowsByGroup.merge(g, n, Long::sum));
            rows += o.rows;
            previous = null;
            previousGroup = null;
            return this;
        }
    }
}
