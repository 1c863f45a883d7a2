package org.quex.panel;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.quex.tfp.Compensated;

/**
 * N, missing, mean, SD, min, median and max of every panel variable per year and over all years,
 * all from one shuffle of the non-missing values by variable: each partition holds whole variables,
 * and each variable's values of each year, and of all years, are sorted as primitive arrays
 * ({@link #statistics}). The median is exact, interpolated between the two middle values for an even
 * N (Stata's {@code summarize, detail} p50, Spark's {@code percentile}). The mean and SD are summed
 * over the sorted values with Neumaier's compensation ({@link Compensated}), the SD in two passes:
 * the same to 1e-12 as Spark's {@code avg} and {@code stddev_samp}, and, unlike them, the same bits
 * whatever the rows' order and partitioning. Spark's aggregation of the 32 variables' 160
 * statistics ran without code generation (more than {@code spark.sql.codegen.maxFields} buffer
 * fields) and took 5-6 s at 300,000 firms, against none now.
 */
final class PanelSummary {
    static final StructType SCHEMA = PanelRows.schema("variable:string", "year:int", "n:long", "missing:long",
            "mean:double", "sd:double", "min:double", "p50:double", "max:double");
    /** The year of statistics over all years in {@link #statistics}' output. */
    static final int ALL_YEARS = Integer.MIN_VALUE;

    private PanelSummary() {
    }

    /** @param rowsByYear the panel's rows of each year (a year without rows has no statistics) */
    static List<VariableSummary> of(Dataset<Row> panel, List<String> variables, Map<Integer, Long> rowsByYear) {
        Map<List<Integer>, double[]> stats = new HashMap<>();
        for (double[] s : statistics(panel, variables)) {
            stats.put(List.of((int) s[0], (int) s[1]), s);
        }
        List<VariableSummary> out = new ArrayList<>();
        long allRows = 0;
        for (Map.Entry<Integer, Long> e : new TreeMap<>(rowsByYear).entrySet()) {
            if (e.getValue() > 0) {
                add(out, e.getKey(), e.getValue(), variables, stats);
                allRows += e.getValue();
            }
        }
        add(out, null, allRows, variables, stats);
        return out;
    }

    /**
     * {variable index, year or {@link #ALL_YEARS}, n, mean, sd, min, median, max} of every
     * variable's non-null values per year and over all years.
     */
    static List<double[]> statistics(Dataset<Row> panel, List<String> variables) {
        Column[] entries = new Column[variables.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = struct(lit(i).as("v"), col("`" + variables.get(i) + "`").cast("double").as("x"));
        }
        Dataset<Row> values = panel.select(col("year"), explode(array(entries)).as("e"))
                .select(col("e.v").as("v"), col("year"), col("e.x").as("x")).where(col("x").isNotNull());
        int partitions = Math.min(entries.length,
                Integer.parseInt(panel.sparkSession().conf().get("spark.sql.shuffle.partitions")));
        return values.repartition(Math.max(1, partitions), col("v"))
                .queryExecution().toRdd().toJavaRDD().mapPartitions(PanelSummary::statisticsOfPartition).collect();
    }

    /** The statistics of a partition's rows (v, year, x), which hold every value of their variables, in any order. */
    private static Iterator<double[]> statisticsOfPartition(Iterator<InternalRow> rows) {
        Map<Integer, Map<Integer, Values>> byVariable = new TreeMap<>();
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            byVariable.computeIfAbsent(r.getInt(0), v -> new TreeMap<>()).computeIfAbsent(r.getInt(1), y -> new Values())
                    .add(r.getDouble(2));
        }
        List<double[]> out = new ArrayList<>();
        byVariable.forEach((variable, byYear) -> {
            Map<Integer, double[]> values = new TreeMap<>();
            byYear.forEach((year, v) -> values.put(year, Arrays.copyOf(v.xs, v.n)));
            out.addAll(statistics(variable, values));
        });
        return out.iterator();
    }

    /** One variable's values of one year. */
    private static final class Values {
        double[] xs = new double[1024];
        int n;

        void add(double x) {
            if (n == xs.length) {
                xs = Arrays.copyOf(xs, 2 * n);
            }
            xs[n++] = x;
        }
    }

    /**
     * The statistics of one variable's values by year, in any order (sorted here, in place, as
     * {@link Arrays#sort(double[])} does: NaN last, as Spark sorts): {variable, year, n, mean, sd,
     * min, median, max} for each year in ascending order, then the same over {@link #ALL_YEARS};
     * nothing for no values.
     */
    static List<double[]> statistics(int variable, Map<Integer, double[]> valuesByYear) {
        List<double[]> out = new ArrayList<>();
        double[] all = new double[valuesByYear.values().stream().mapToInt(xs -> xs.length).sum()];
        if (all.length == 0) {
            return out;
        }
        int filled = 0;
        for (Map.Entry<Integer, double[]> e : new TreeMap<>(valuesByYear).entrySet()) {
            double[] xs = e.getValue();
            Arrays.sort(xs);
            out.add(statistics(variable, e.getKey(), xs));
            System.arraycopy(xs, 0, all, filled, xs.length);
            filled += xs.length;
        }
        Arrays.sort(all);
        out.add(statistics(variable, ALL_YEARS, all));
        return out;
    }

    /** {variable, year, n, mean, sd, min, median, max} of sorted values (sd NaN for fewer than two). */
    private static double[] statistics(int variable, int year, double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return new double[] {variable, year, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        Compensated sum = new Compensated(1);
        for (double x : sorted) {
            sum.add(0, x);
        }
        double mean = sum.value(0) / n;
        Compensated squares = new Compensated(1);
        for (double x : sorted) {
            squares.add(0, (x - mean) * (x - mean));
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(squares.value(0) / (n - 1));
        return new double[] {variable, year, n, mean, sd, sorted[0], median(sorted), sorted[n - 1]};
    }

    /** The median of sorted values (interpolated for an even number). */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return interpolate(new double[] {sorted[(n - 1) / 2], sorted[n / 2]}, n);
    }

    /** Spark's percentile at 0.5 of n values whose middle ones (equal for odd n) are {@code m}. */
    private static double interpolate(double[] m, int n) {
        double position = 0.5 * (n - 1);
        double lower = Math.floor(position);
        double higher = Math.ceil(position);
        return lower == higher ? m[0] : (higher - position) * m[0] + (position - lower) * m[1];
    }

    private static void add(List<VariableSummary> out, Integer year, long rows, List<String> variables,
                            Map<List<Integer>, double[]> stats) {
        for (int i = 0; i < variables.size(); i++) {
            int y = year == null ? ALL_YEARS : year;
            double[] s = stats.get(List.of(i, y));
            if (s == null) {
                s = statistics(i, y, new double[0]); // no values at all: n = 0, the rest NaN
            }
            long n = (long) s[2];
            out.add(new VariableSummary(variables.get(i), year, n, rows - n, s[3], s[4], s[5], s[6], s[7]));
        }
    }

    static Dataset<Row> toFrame(SparkSession spark, List<VariableSummary> summary) {
        List<Row> rows = summary.stream().map(s -> RowFactory.create(s.variable(), s.year(), s.n(), s.missing(),
                s.mean(), s.sd(), s.min(), s.p50(), s.max())).toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
