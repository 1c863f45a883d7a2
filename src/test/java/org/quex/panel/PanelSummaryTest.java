package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;

/**
 * The summary statistics against values worked out by hand (Stata's p50: the mean of the two middle
 * values for even N) and against Spark's own avg, stddev_samp, min and max.
 */
class PanelSummaryTest {
    @Test
    void statisticsPerYearAndOverAllYearsOfUnsortedValues() {
        // 2007: 1, 4, 9 -> median 4, mean 14/3, sd sqrt(((1-14/3)^2 + (4-14/3)^2 + (9-14/3)^2) / 2) = sqrt(49/3)
        // 2008: 2, 3, 10, 20 -> median 6.5, mean 8.75, squared deviations 206.75; all: 1 2 3 4 9 10 20 -> median 4,
        // mean 7, squared deviations 268 (given unsorted)
        Map<Integer, double[]> values = Map.of(2007, new double[] {9, 1, 4}, 2008, new double[] {20, 2, 10, 3});
        Map<Integer, double[]> s = new TreeMap<>();
        for (double[] r : PanelSummary.statistics(3, values)) {
            assertEquals(3.0, r[0]);
            s.put((int) r[1], r);
        }
        assertEquals(List.of(PanelSummary.ALL_YEARS, 2007, 2008), List.copyOf(s.keySet()));
        assertStatistics(new double[] {3, 2007, 3, 14.0 / 3, Math.sqrt(49.0 / 3), 1, 4, 9}, s.get(2007));
        assertStatistics(new double[] {3, 2008, 4, 8.75, Math.sqrt(206.75 / 3), 2, 6.5, 20}, s.get(2008));
        assertStatistics(new double[] {3, PanelSummary.ALL_YEARS, 7, 7, Math.sqrt(268.0 / 6), 1, 4, 20},
                s.get(PanelSummary.ALL_YEARS));
        assertEquals(List.of(), PanelSummary.statistics(0, Map.of()));
    }

    private static void assertStatistics(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-14 * Math.abs(expected[i]), "statistic " + i);
        }
    }

    @Test
    void theSummaryIgnoresMissingValuesAndCountsThem() {
        StructType schema = new StructType().add("year", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.LongType);
        Dataset<Row> panel = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create(2007, 1.0, 5L), RowFactory.create(2007, 3.0, null), RowFactory.create(2007, null, 7L),
                RowFactory.create(2008, 8.0, 1L), RowFactory.create(2008, 2.0, 2L), RowFactory.create(2008, 5.0, 3L),
                RowFactory.create(2009, null, null)),
                schema).repartition(3);
        Map<String, VariableSummary> by = new TreeMap<>();
        for (VariableSummary s : PanelSummary.of(panel, List.of("a", "b"), Map.of(2007, 3L, 2008, 3L, 2009, 1L, 2010, 0L))) {
            by.put(s.variable() + " " + s.year(), s);
        }
        // a: 2007 {1, 3} -> 2; 2008 {2, 5, 8} -> 5; 2009 none; all {1 2 3 5 8} -> 3
        // b: 2007 {5, 7} -> 6; 2008 {1, 2, 3} -> 2; 2009 none; all {1 2 3 5 7} -> 3; 2010 has no rows: no statistics
        assertEquals(List.of("a 2007", "a 2008", "a 2009", "a null", "b 2007", "b 2008", "b 2009", "b null"),
                List.copyOf(by.keySet()));
        assertEquals(new VariableSummary("a", 2007, 2, 1, 2.0, Math.sqrt(2), 1.0, 2.0, 3.0), by.get("a 2007"));
        assertEquals(new VariableSummary("b", null, 5, 2, 3.6, Math.sqrt(5.8), 1.0, 3.0, 7.0), by.get("b null"));
        VariableSummary none = by.get("a 2009");
        assertEquals(0, none.n());
        assertEquals(1, none.missing());
        assertEquals(Double.NaN, none.mean());
        assertEquals(Double.NaN, none.p50());
        assertEquals(5.0, by.get("a 2008").p50());
        assertEquals(6.0, by.get("b 2007").p50());
    }

    @Test
    void meanSdMinAndMaxAgreeWithSparksAggregates() {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(RowFactory.create(2000 + random.nextInt(3), random.nextInt(10) == 0 ? null
                    : Math.exp(random.nextGaussian() * 3) * (random.nextBoolean() ? 1 : -1)));
        }
        StructType schema = new StructType().add("year", DataTypes.IntegerType).add("x", DataTypes.DoubleType);
        Dataset<Row> panel = SparkTestSession.get().createDataFrame(rows, schema).repartition(4);
        Map<Integer, Long> rowsByYear = new TreeMap<>();
        for (Row r : panel.groupBy("year").count().collectAsList()) {
            rowsByYear.put(r.getInt(0), r.getLong(1));
        }
        Map<Integer, Row> spark = new TreeMap<>();
        for (Row r : panel.groupBy("year").agg(functions.count("x"), functions.avg("x"), functions.stddev_samp("x"),
                functions.min("x"), functions.max("x")).collectAsList()) {
            spark.put(r.getInt(0), r);
        }
        for (VariableSummary s : PanelSummary.of(panel, List.of("x"), rowsByYear)) {
            if (s.year() == null) {
                continue;
            }
            Row r = spark.get(s.year());
            assertEquals(r.getLong(1), s.n());
            assertEquals(rowsByYear.get(s.year()) - r.getLong(1), s.missing());
            assertEquals(r.getDouble(2), s.mean(), 1e-12 * Math.abs(r.getDouble(2)));
            assertEquals(r.getDouble(3), s.sd(), 1e-12 * r.getDouble(3));
            assertEquals(r.getDouble(4), s.min());
            assertEquals(r.getDouble(5), s.max());
        }
    }
}
