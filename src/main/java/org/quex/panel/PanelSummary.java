package org.quex.panel;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
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

/**
 * N, missing, mean, SD, min, median and max of every panel variable per year and over all years.
 * The median is exact, interpolated between the two middle values for an even N (Stata's
 * {@code summarize, detail} p50, Spark's {@code percentile}). The other statistics are one hash
 * aggregation per grouping; the medians of all variables, years and all years come from one
 * shuffle of the values by variable and sorted arrays ({@link #medians}), where {@code percentile}
 * would keep a map of every distinct value per variable and group, twice.
 */
final class PanelSummary {
    static final StructType SCHEMA = PanelRows.schema("variable:string", "year:int", "n:long", "missing:long",
            "mean:double", "sd:double", "min:double", "p50:double", "max:double");
    private static final int STATS = 5;
    /** The year of a median over all years in {@link #medians}' output. */
    static final int ALL_YEARS = Integer.MIN_VALUE;

    private PanelSummary() {
    }

    static List<VariableSummary> of(Dataset<Row> panel, List<String> variables) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        for (String v : variables) {
            Column x = col("`" + v + "`").cast("double");
            aggs.add(count(x));
            aggs.add(avg(x));
            aggs.add(stddev_samp(x));
            aggs.add(min(x));
            aggs.add(max(x));
        }
        Column first = aggs.get(0);
        Column[] rest = aggs.subList(1, aggs.size()).toArray(Column[]::new);
        Map<List<Integer>, Double> medians = new HashMap<>();
        for (double[] m : medians(panel, variables)) {
            medians.put(List.of((int) m[0], (int) m[1]), m[2]);
        }
        List<VariableSummary> out = new ArrayList<>();
        for (Row r : panel.groupBy("year").agg(first, rest).orderBy("year").collectAsList()) {
            add(out, r.getInt(0), r, 1, variables, medians);
        }
        add(out, null, panel.agg(first, rest).first(), 0, variables, medians);
        return out;
    }

    /**
     * {variable index, year or {@link #ALL_YEARS}, median} of every variable's non-null values per
     * year and over all years: the values shuffled once into partitions that each hold whole
     * variables, where each variable's values of each year, and of all years, are sorted as primitive
     * arrays (no Spark sort of rows).
     */
    static List<double[]> medians(Dataset<Row> panel, List<String> variables) {
        Column[] entries = new Column[variables.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = struct(lit(i).as("v"), col("`" + variables.get(i) + "`").cast("double").as("x"));
        }
        Dataset<Row> values = panel.select(col("year"), explode(array(entries)).as("e"))
                .select(col("e.v").as("v"), col("year"), col("e.x").as("x")).where(col("x").isNotNull());
        int partitions = Math.min(entries.length,
                Integer.parseInt(panel.sparkSession().conf().get("spark.sql.shuffle.partitions")));
        return values.repartition(Math.max(1, partitions), col("v"))
                .queryExecution().toRdd().toJavaRDD().mapPartitions(PanelSummary::mediansOfPartition).collect();
    }

    /** The medians of a partition's rows (v, year, x), which hold every value of their variables, in any order. */
    private static Iterator<double[]> mediansOfPartition(Iterator<InternalRow> rows) {
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
            out.addAll(medians(variable, values));
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
     * The medians of one variable's values by year, in any order (sorted here, in place, as
     * {@link Arrays#sort(double[])} does: NaN last, as Spark sorts): {variable, year, median} for each
     * year in ascending order, then {variable, {@link #ALL_YEARS}, median}; nothing for no values.
     */
    static List<double[]> medians(int variable, Map<Integer, double[]> valuesByYear) {
        List<double[]> out = new ArrayList<>();
        double[] all = new double[valuesByYear.values().stream().mapToInt(xs -> xs.length).sum()];
        if (all.length == 0) {
            return out;
        }
        int filled = 0;
        for (Map.Entry<Integer, double[]> e : new TreeMap<>(valuesByYear).entrySet()) {
            double[] xs = e.getValue();
            Arrays.sort(xs);
            out.add(new double[] {variable, e.getKey(), median(xs)});
            System.arraycopy(xs, 0, all, filled, xs.length);
            filled += xs.length;
        }
        Arrays.sort(all);
        out.add(new double[] {variable, ALL_YEARS, median(all)});
        return out;
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

    private static void add(List<VariableSummary> out, Integer year, Row r, int offset, List<String> variables,
                            Map<List<Integer>, Double> medians) {
        long rows = r.getLong(offset);
        for (int i = 0; i < variables.size(); i++) {
            int at = offset + 1 + i * STATS;
            long n = r.getLong(at);
            double p50 = medians.getOrDefault(List.of(i, year == null ? ALL_YEARS : year), Double.NaN);
            out.add(new VariableSummary(variables.get(i), year, n, rows - n, num(r, at + 1), num(r, at + 2),
                    num(r, at + 3), p50, num(r, at + 4)));
        }
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    static Dataset<Row> toFrame(SparkSession spark, List<VariableSummary> summary) {
        List<Row> rows = summary.stream().map(s -> RowFactory.create(s.variable(), s.year(), s.n(), s.missing(),
                s.mean(), s.sd(), s.min(), s.p50(), s.max())).toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
