package org.quex.ingest;

import org.quex.lake.schema.SourceSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics the quality rules need, accumulated row by row inside the ingest task that types the
 * rows (no Spark job of their own: the rows are counted on their way to the writer) and merged on
 * the driver. Deequ-style fused metrics: row count, non-null count of each key field, distinct
 * values of the unique id, and min/max of each range field.
 */
public final class QualityReport implements Serializable {
    private final List<String> keys = new ArrayList<>();
    private final int[] keyIndex;
    private final String id;
    private final int idIndex;
    private final List<String> ranges = new ArrayList<>();
    private final int[] rangeIndex;

    private long rows;
    private final long[] nonNull;
    /** Distinct ids: rows hold one year only, so distinct ids = distinct (id, year). */
    private final Set<Object> ids = new HashSet<>();
    private final double[] min;
    private final double[] max;
    /** Rows per employment measure taken (ASIF files with both measures: the first, or the fallback). */
    private final Map<String, Long> measures = new java.util.TreeMap<>();
    private final int measureIndex;

    public QualityReport(SourceSchema schema) {
        for (String key : QualityRules.keyFields(schema.source())) {
            if (schema.indexOf(key) >= 0) {
                keys.add(key);
            }
        }
        keyIndex = keys.stream().mapToInt(schema::indexOf).toArray();
        String uid = QualityRules.uniqueId(schema.source());
        id = uid != null && schema.indexOf(uid) >= 0 ? uid : null;
        idIndex = id == null ? -1 : schema.indexOf(id);
        for (String f : QualityRules.rangeFields(schema.source())) {
            if (schema.indexOf(f) >= 0) {
                ranges.add(f);
            }
        }
        rangeIndex = ranges.stream().mapToInt(schema::indexOf).toArray();
        measureIndex = schema.indexOf("employees_measure");
        nonNull = new long[keyIndex.length];
        min = new double[rangeIndex.length];
        max = new double[rangeIndex.length];
        java.util.Arrays.fill(min, Double.NaN);
        java.util.Arrays.fill(max, Double.NaN);
    }

    public long rows() {
        return rows;
    }

    /** Counts one typed row of the source's canonical schema. */
    public void add(Object[] row) {
        rows++;
        for (int i = 0; i < keyIndex.length; i++) {
            if (row[keyIndex[i]] != null) {
                nonNull[i]++;
            }
        }
        if (idIndex >= 0 && row[idIndex] != null) {
            ids.add(row[idIndex]);
        }
        for (int i = 0; i < rangeIndex.length; i++) {
            if (row[rangeIndex[i]] instanceof Number n) {
                include(i, n.doubleValue(), n.doubleValue());
            }
        }
        if (measureIndex >= 0 && row[measureIndex] instanceof String m) {
            measures.merge(m, 1L, Long::sum);
        }
    }

    /** Adds another task's metrics to these. */
    public QualityReport merge(QualityReport other) {
        rows += other.rows;
        for (int i = 0; i < nonNull.length; i++) {
            nonNull[i] += other.nonNull[i];
        }
        ids.addAll(other.ids);
        other.measures.forEach((k, v) -> measures.merge(k, v, Long::sum));
        for (int i = 0; i < min.length; i++) {
            if (!Double.isNaN(other.min[i])) {
                include(i, other.min[i], other.max[i]);
            }
        }
        return this;
    }

    private void include(int i, double lo, double hi) {
        min[i] = Double.isNaN(min[i]) ? lo : Math.min(min[i], lo);
        max[i] = Double.isNaN(max[i]) ? hi : Math.max(max[i], hi);
    }

    /**
     * "rows", "nonnull:&lt;col&gt;", "distinct:&lt;id&gt;", "min:&lt;col&gt;", "max:&lt;col&gt;" (the last two
     * absent when the column has no value), "measure:employees:&lt;measure&gt;" (rows that took it), as
     * {@link QualityRules#evaluate} takes them.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", (double) rows);
        for (int i = 0; i < keys.size(); i++) {
            m.put("nonnull:" + keys.get(i), (double) nonNull[i]);
        }
        if (id != null) {
            m.put("distinct:" + id, (double) ids.size());
        }
        measures.forEach((k, v) -> m.put("measure:employees:" + k, (double) v));
        for (int i = 0; i < ranges.size(); i++) {
            if (!Double.isNaN(min[i])) {
                m.put("min:" + ranges.get(i), min[i]);
                m.put("max:" + ranges.get(i), max[i]);
            }
        }
        return m;
    }
}
