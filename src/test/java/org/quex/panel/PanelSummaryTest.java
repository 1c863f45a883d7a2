package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;

/** Medians by sorting, against values worked out by hand (Stata's p50: the mean of the two middle values for even N). */
class PanelSummaryTest {
    @Test
    void mediansPerYearAndOverAllYearsOfUnsortedValues() {
        // 2007: 1, 4, 9 -> 4; 2008: 2, 3, 10, 20 -> 6.5; all: 1 2 3 4 9 10 20 -> 4 (given unsorted)
        Map<Integer, double[]> values = Map.of(2007, new double[] {9, 1, 4}, 2008, new double[] {20, 2, 10, 3});
        Map<Integer, Double> m = new TreeMap<>();
        for (double[] r : PanelSummary.medians(3, values)) {
            assertEquals(3.0, r[0]);
            m.put((int) r[1], r[2]);
        }
        assertEquals(Map.of(2007, 4.0, 2008, 6.5, PanelSummary.ALL_YEARS, 4.0), m);
        assertEquals(List.of(), PanelSummary.medians(0, Map.of()));
    }

    @Test
    void theSummaryHasEachVariablesMedianAndIgnoresMissingValues() {
        StructType schema = new StructType().add("year", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.LongType);
        Dataset<Row> panel = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create(2007, 1.0, 5L), RowFactory.create(2007, 3.0, null), RowFactory.create(2007, null, 7L),
                RowFactory.create(2008, 8.0, 1L), RowFactory.create(2008, 2.0, 2L), RowFactory.create(2008, 5.0, 3L)),
                schema).repartition(3);
        Map<String, Double> p50 = new TreeMap<>();
        Map<String, Long> n = new TreeMap<>();
        for (VariableSummary s : PanelSummary.of(panel, List.of("a", "b"))) {
            p50.put(s.variable() + " " + s.year(), s.p50());
            n.put(s.variable() + " " + s.year(), s.n());
        }
        // a: 2007 {1, 3} -> 2; 2008 {2, 5, 8} -> 5; all {1 2 3 5 8} -> 3
        // b: 2007 {5, 7} -> 6; 2008 {1, 2, 3} -> 2; all {1 2 3 5 7} -> 3
        assertEquals(Map.of("a 2007", 2.0, "a 2008", 5.0, "a null", 3.0, "b 2007", 6.0, "b 2008", 2.0, "b null", 3.0), p50);
        assertEquals(2L, n.get("a 2007"));
        assertEquals(5L, n.get("b null"));
    }
}
