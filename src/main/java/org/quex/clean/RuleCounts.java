package org.quex.clean;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Everything the report and the writes need to know about flagged rows, from one aggregation:
 * per partition (year, or year and month) the rows kept and rejected, per rule the rows it removed
 * (first rule) and the rows that violate it. One Spark job instead of a total, a group-by of the
 * first rule, an explode of the rule arrays and a partition listing before each write.
 *
 * @param kept      partition values (in partition column order, year first) → rows kept
 * @param rejected  partition values → rows rejected
 * @param firstRule rule → rows it removed (the first rule they break), every rule present, in order
 * @param anyRule   rule → rows that violate it, every rule present, in order
 */
record RuleCounts(Map<List<Object>, Long> kept, Map<List<Object>, Long> rejected, Map<String, Long> firstRule,
                  Map<String, Long> anyRule) {

    /** Runs the aggregation over {@code flagged} (rows marked by {@link RuleFlags#flag}). */
    static RuleCounts of(Dataset<Row> flagged, List<String> partitionColumns, List<String> rules) {
        List<Column> groups = new ArrayList<>();
        partitionColumns.forEach(c -> groups.add(col(c)));
        groups.add(col(RuleFlags.RULE));
        List<Column> violating = new ArrayList<>();
        for (String rule : rules) {
            violating.add(sum(when(array_contains(col(RuleFlags.RULES), rule), 1L).otherwise(0L)));
        }
        List<Row> rows = flagged.groupBy(groups.toArray(Column[]::new))
                .agg(count(lit(1)), violating.toArray(Column[]::new)).collectAsList();
        return fold(rows, partitionColumns.size(), rules);
    }

    /**
     * Adds up the aggregated rows: each holds the partition values, the first rule (null: kept),
     * the rows in that group and, per rule in order, how many of them violate it.
     */
    static RuleCounts fold(List<Row> rows, int partitionColumns, List<String> rules) {
        Map<List<Object>, Long> kept = new LinkedHashMap<>();
        Map<List<Object>, Long> rejected = new LinkedHashMap<>();
        Map<String, Long> first = new LinkedHashMap<>();
        Map<String, Long> any = new LinkedHashMap<>();
        for (String rule : rules) {
            first.put(rule, 0L);
            any.put(rule, 0L);
        }
        for (Row r : rows) {
            List<Object> partition = new ArrayList<>();
            for (int i = 0; i < partitionColumns; i++) {
                partition.add(r.get(i));
            }
            String rule = r.isNullAt(partitionColumns) ? null : r.getString(partitionColumns);
            long n = r.getLong(partitionColumns + 1);
            if (rule == null) {
                kept.merge(partition, n, Long::sum);
            } else {
                rejected.merge(partition, n, Long::sum);
                first.merge(rule, n, Long::sum);
            }
            for (int i = 0; i < rules.size(); i++) {
                any.merge(rules.get(i), r.getLong(partitionColumns + 2 + i), Long::sum);
            }
        }
        return new RuleCounts(kept, rejected, first, any);
    }

    /**
     * {@code rejected} (flagged rows that break a rule) with its rows and, per rule, the rows it removed
     * and the rows that violate it counted on the way, by the next action on the returned frame.
     */
    static Dataset<Row> observe(Dataset<Row> rejected, Observation removed, List<String> rules) {
        List<Column> sums = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            sums.add(sum(when(col(RuleFlags.RULE).equalTo(rules.get(i)), 1L).otherwise(0L)).as("first_" + i));
            sums.add(sum(when(array_contains(col(RuleFlags.RULES), rules.get(i)), 1L).otherwise(0L)).as("any_" + i));
        }
        return rejected.observe(removed, count(lit(1)).as("rows"), sums.toArray(Column[]::new));
    }

    /**
     * The counts of one partition ({@code partition}: its values) from the rows in and the
     * observation of {@link #observe} (sums over no rows are null: 0).
     */
    static RuleCounts observed(List<Object> partition, long rowsIn, Row removed, List<String> rules) {
        long rejected = removed.getLong(0);
        Map<String, Long> first = new LinkedHashMap<>();
        Map<String, Long> any = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            first.put(rules.get(i), removed.isNullAt(1 + 2 * i) ? 0L : removed.getLong(1 + 2 * i));
            any.put(rules.get(i), removed.isNullAt(2 + 2 * i) ? 0L : removed.getLong(2 + 2 * i));
        }
        return new RuleCounts(Map.of(partition, rowsIn - rejected), Map.of(partition, rejected), first, any);
    }

    long rowsKept() {
        return kept.values().stream().mapToLong(Long::longValue).sum();
    }

    long rowsIn() {
        return rowsKept() + rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
