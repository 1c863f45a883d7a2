package org.quex.ingest;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computes the metrics the quality rules need in a single aggregation over the typed rows (one
 * Spark job), Deequ-style: each metric contributes its aggregate column and all are fused into one
 * {@code agg}.
 */
public final class QualityReport {
    private QualityReport() {
    }

    public static Map<String, Double> metrics(Dataset<Row> rows, SourceSchema schema) {
        String source = schema.source();
        List<String> names = new ArrayList<>();
        List<Column> aggregates = new ArrayList<>();
        names.add("rows");
        aggregates.add(count(lit(1)));
        for (String key : QualityRules.keyFields(source)) {
            if (schema.indexOf(key) >= 0) {
                names.add("nonnull:" + key);
                aggregates.add(count(rows.col(key)));
            }
        }
        String id = QualityRules.uniqueId(source);
        if (id != null) {
            // rows hold one year only, so distinct ids = distinct (id, year)
            names.add("distinct:" + id);
            aggregates.add(count_distinct(rows.col(id)));
        }
        for (String f : QualityRules.rangeFields(source)) {
            if (schema.indexOf(f) >= 0) {
                names.add("min:" + f);
                aggregates.add(min(rows.col(f)).cast("double"));
                names.add("max:" + f);
                aggregates.add(max(rows.col(f)).cast("double"));
            }
        }
        Row r = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!r.isNullAt(i)) {
                metrics.put(names.get(i), ((Number) r.get(i)).doubleValue());
            }
        }
        return metrics;
    }
}
