package org.quex.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.quex.QuexException;

/**
 * Turns the rows of one partition into a {@link DesignBlock}: parses every model variable to a
 * double, drops (and counts) rows with a missing value, expands a low-cardinality second fixed
 * effect into dummies, orders rows by cluster and group, and demeans within groups for a
 * fixed-effects model. Input columns are, in order: response, regressors, then the group key,
 * second-effect key and cluster key where the model has them.
 */
final class BlockBuilder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> variables; // response first, then regressors
    /** Spark type of each input column (variables, then keys): doubles are read directly, strings parsed. */
    private final DataType[] types;
    private final boolean hasGroup;
    /** Levels of the second absorbed effect (level 0 is the base, no dummy), or null. */
    private final Map<Object, Integer> secondLevels;
    private final boolean hasCluster;
    private final String groupName;
    private final String clusterName;
    /** Further cluster variables (multi-way clustering); their keys follow the cluster key. */
    private final int otherClusters;
    /** Observation weights, or null. */
    private final ModelSpec.Weights weights;
    /** Whether rows alone in their group are dropped (reghdfe, fixest) rather than kept (xtreg). */
    private final boolean dropSingletons;
    /**
     * Whether the clusters of the first cluster variable never cross partitions (the data are
     * partitioned by it, or for FE it is the group); otherwise (FE clustered by a variable other
     * than the group) its keys travel with the rows and its score sums meet on the driver.
     */
    private boolean localClusters = true;

    BlockBuilder(List<String> variables, DataType[] types, String groupName, Map<Object, Integer> secondLevels,
                 String clusterName) {
        this(variables, types, groupName, secondLevels, clusterName, 0);
    }

    BlockBuilder(List<String> variables, DataType[] types, String groupName, Map<Object, Integer> secondLevels,
                 String clusterName, int otherClusters) {
        this(variables, types, groupName, secondLevels, clusterName, otherClusters, null, false);
    }

    /** With weights, their column comes last, after every key. */
    BlockBuilder(List<String> variables, DataType[] types, String groupName, Map<Object, Integer> secondLevels,
                 String clusterName, int otherClusters, ModelSpec.Weights weights, boolean dropSingletons) {
        this.otherClusters = otherClusters;
        this.weights = weights;
        this.dropSingletons = dropSingletons;
        this.variables = List.copyOf(variables);
        this.types = types.clone();
        this.hasGroup = groupName != null;
        this.groupName = groupName;
        this.secondLevels = secondLevels == null ? null : new HashMap<>(secondLevels);
        this.hasCluster = clusterName != null;
        this.clusterName = clusterName;
    }

    /** The same with clusters that may cross partitions (see {@link #localClusters}). */
    BlockBuilder withSpanningClusters() {
        localClusters = false;
        return this;
    }

    /** Stored design columns: the second effect's dummies first, then the regressors. */
    int storedColumns() {
        return dummyCount() + variables.size() - 1;
    }

    private int dummyCount() {
        return secondLevels == null ? 0 : Math.max(0, secondLevels.size() - 1);
    }

    Iterator<DesignBlock> build(Iterator<InternalRow> rows) {
        int nv = variables.size();
        int keyIndex = nv;
        int groupCol = hasGroup ? keyIndex++ : -1;
        int secondCol = secondLevels != null ? keyIndex++ : -1;
        int clusterCol = hasCluster ? keyIndex++ : -1;
        int otherCol = keyIndex;

        DoubleColumns values = new DoubleColumns(nv);
        List<Object> groupKeys = new ArrayList<>();
        List<Object> clusterKeys = new ArrayList<>();
        List<List<Object>> otherKeys = new ArrayList<>();
        for (int d = 0; d < otherClusters; d++) {
            otherKeys.add(new ArrayList<>());
        }
        Object[] others = new Object[otherClusters];
        int weightCol = weights == null ? -1 : otherCol + otherClusters;
        DoubleColumns weightValues = new DoubleColumns(1);
        double[] weight = new double[1];
        List<Integer> secondLevel = new ArrayList<>();
        long missing = 0;
        double[] parsed = new double[nv];
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            boolean complete = true;
            for (int v = 0; v < nv; v++) {
                parsed[v] = value(row, v);
                complete &= !Double.isNaN(parsed[v]);
            }
            Object group = groupCol >= 0 ? key(row, groupCol) : null;
            Object second = secondCol >= 0 ? key(row, secondCol) : null;
            Object cluster = clusterCol >= 0 ? key(row, clusterCol) : null;
            for (int d = 0; d < otherClusters; d++) {
                others[d] = key(row, otherCol + d);
                complete &= others[d] != null;
            }
            if (weightCol >= 0) {
                weight[0] = weight(row, weightCol);
                complete &= weight[0] > 0; // missing or zero: not in the sample, as in Stata
            }
            if (!complete || (groupCol >= 0 && group == null) || (secondCol >= 0 && second == null)
                    || (clusterCol >= 0 && cluster == null)) {
                missing++;
                continue;
            }
            if (weightCol >= 0) {
                weightValues.add(weight);
            }
            for (int d = 0; d < otherClusters; d++) {
                otherKeys.get(d).add(others[d]);
            }
            values.add(parsed);
            if (groupCol >= 0) {
                groupKeys.add(group);
            }
            if (clusterCol >= 0) {
                clusterKeys.add(cluster);
            }
            if (secondCol >= 0) {
                Integer level = secondLevels.get(second);
                if (level == null) {
                    throw new IllegalStateException("level " + second + " missing from the collected levels");
                }
                secondLevel.add(level);
            }
        }
        return List.of(assemble(values, missing, groupKeys, clusterKeys, secondLevel, otherKeys,
                weightCol >= 0 ? weightValues : null)).iterator();
    }

    private double weight(InternalRow row, int i) {
        return weight(row, i, types[i], weights);
    }

    /** The weight of a row: NaN if missing; a negative or (frequency) fractional weight is an error. */
    static double weight(InternalRow row, int i, DataType type, ModelSpec.Weights weights) {
        if (row.isNullAt(i)) {
            return Double.NaN;
        }
        double w = type == DataTypes.DoubleType ? row.getDouble(i)
                : NumberParsing.toDouble(row.getUTF8String(i).toString(), weights.variable());
        if (w < 0 || Double.isInfinite(w)) {
            throw new QuexException("weight '" + weights.variable() + "' is " + w + "; weights must be positive");
        }
        if (weights.kind() == ModelSpec.Weights.Kind.FREQUENCY && w != Math.rint(w)) {
            throw new QuexException("frequency weight '" + weights.variable() + "' is " + w
                    + "; frequency weights must be whole numbers (use aw: for analytic weights)");
        }
        return w;
    }

    /**
     * Whether {@link #buildFromBatches} can take this model's input: no group, second-effect or
     * cluster keys, and every variable already a double.
     */
    boolean readsBatches() {
        return !hasGroup && !hasCluster && secondLevels == null
                && java.util.Arrays.stream(types, 0, variables.size()).allMatch(DataTypes.DoubleType::equals);
    }

    /**
     * The same from columnar batches (what a cached table of numbers yields), where
     * {@link #readsBatches()}: each batch's columns are copied whole.
     */
    Iterator<DesignBlock> buildFromBatches(Iterator<ColumnarBatch> batches) {
        if (!readsBatches()) {
            throw new IllegalStateException("columnar input for a model with keys or text variables");
        }
        int nv = variables.size();
        DoubleColumns values = new DoubleColumns(nv);
        long missing = 0;
        double[][] columns = new double[nv][];
        double[] row = new double[nv];
        while (batches.hasNext()) {
            ColumnarBatch batch = batches.next();
            int n = batch.numRows();
            boolean complete = true;
            for (int v = 0; v < nv; v++) {
                columns[v] = column(batch.column(v), n);
                for (int i = 0; i < n; i++) {
                    complete &= !Double.isNaN(columns[v][i]);
                }
            }
            if (complete) {
                values.addColumns(columns, n);
                continue;
            }
            for (int i = 0; i < n; i++) { // rare: a missing value, so row by row
                boolean rowComplete = true;
                for (int v = 0; v < nv; v++) {
                    row[v] = columns[v][i];
                    rowComplete &= !Double.isNaN(row[v]);
                }
                if (rowComplete) {
                    values.add(row);
                } else {
                    missing++;
                }
            }
        }
        return List.of(assemble(values, missing, List.of(), List.of(), List.of(), List.of(), null)).iterator();
    }

    /** A batch's column of doubles, NaN where missing. */
    private static double[] column(ColumnVector vector, int n) {
        if (!vector.hasNull()) {
            return vector.getDoubles(0, n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = vector.isNullAt(i) ? Double.NaN : vector.getDouble(i);
        }
        return out;
    }

    /** Orders, expands, summarizes and (for FE) demeans the complete rows of a partition. */
    private DesignBlock assemble(DoubleColumns values, long missing, List<Object> groupKeys, List<Object> clusterKeys,
                                 List<Integer> secondLevel, List<List<Object>> otherKeys, DoubleColumns weightValues) {
        int nv = variables.size();
        int n = values.size();
        int nd = dummyCount();
        int p = storedColumns();

        // Order rows by cluster, then by group, so that both are contiguous runs (by group only when
        // the clusters cross partitions: a group need not nest in them, and its rows must be one run).
        int[] groupIds = hasGroup ? localIds(groupKeys) : null;
        int[] clusterIds = hasCluster ? localIds(clusterKeys) : null;
        int[] order = order(n, localClusters ? clusterIds : null, groupIds);
        long singletons = 0;
        if (hasGroup && dropSingletons) { // a group lives in one partition: its size is known here
            double[] copies = null; // frequency weights: a group is a singleton when they sum to 1 (reghdfe)
            if (weightValues != null && weights.kind() == ModelSpec.Weights.Kind.FREQUENCY) {
                copies = new double[n];
                weightValues.copyColumn(0, null, copies, 0);
            }
            order = withoutSingletonGroups(order, groupIds, copies);
            singletons = n - order.length;
            n = order.length;
        }

        double[] x = new double[n * p];
        double[] y = new double[n];
        values.copyColumn(0, order, y, 0);
        double[] w = weightValues == null ? null : new double[n];
        if (w != null) {
            weightValues.copyColumn(0, order, w, 0);
        }
        for (int v = 1; v < nv; v++) {
            values.copyColumn(v, order, x, (nd + v - 1) * n);
        }
        int[] cluster = hasCluster ? new int[n] : null;
        Object[] clusterDictionary = hasCluster && !localClusters ? new Object[Arrays.stream(clusterIds).max().orElse(-1) + 1] : null;
        int[][] others = otherKeys.isEmpty() ? null : new int[otherKeys.size()][];
        Object[][] otherDictionary = others == null ? null : new Object[others.length][];
        for (int d = 0; others != null && d < others.length; d++) {
            int[] ids = localIds(otherKeys.get(d));
            others[d] = new int[n];
            otherDictionary[d] = new Object[Arrays.stream(ids).max().orElse(-1) + 1];
            for (int r = 0; r < n; r++) {
                int src = order == null ? r : order[r];
                others[d][r] = ids[src];
                otherDictionary[d][ids[src]] = otherKeys.get(d).get(src);
            }
        }
        for (int r = 0; r < n; r++) {
            int src = order == null ? r : order[r];
            if (nd > 0) {
                int level = secondLevel.get(src);
                if (level > 0) {
                    x[r + (level - 1) * n] = 1.0;
                }
            }
            if (cluster != null) {
                cluster[r] = clusterIds[src];
                if (clusterDictionary != null) {
                    clusterDictionary[clusterIds[src]] = clusterKeys.get(src);
                }
            }
        }
        long groups = 0;
        DesignSummary summary;
        if (hasGroup) {
            int[] runStart = runStarts(n, order, groupIds);
            groups = runStart.length - 1;
            summary = DesignSummary.of(n, p, x, y, w, cluster, missing, groups, singletons);
            summary.groupsNestedInClusters = nestedIn(runStart, cluster, others);
            demean(x, n, p, runStart, w);
            demean(y, n, 1, runStart, w);
        } else {
            summary = DesignSummary.of(n, p, x, y, w, cluster, missing, 0, 0);
        }
        return new DesignBlock(n, p, x, y, w, cluster, others, otherDictionary, localClusters ? 0 : -1,
                clusterDictionary, summary);
    }

    /** {@link #nestedIn(int[], int[][])} of the first cluster variable and the others. */
    private static long nestedIn(int[] runStart, int[] cluster, int[][] others) {
        if (cluster == null) {
            return 0;
        }
        int[][] ids = new int[1 + (others == null ? 0 : others.length)][];
        ids[0] = cluster;
        for (int d = 1; d < ids.length; d++) {
            ids[d] = others[d - 1];
        }
        return nestedIn(runStart, ids);
    }

    /**
     * Bit d set when every group (a run of rows) lies in one cluster of cluster variable d (ids[d]
     * per row). Groups live in one partition, so this is exact across blocks.
     */
    static long nestedIn(int[] runStart, int[][] ids) {
        long mask = 0;
        for (int d = 0; d < ids.length; d++) {
            boolean nested = true;
            for (int g = 0; g + 1 < runStart.length && nested; g++) {
                for (int i = runStart[g] + 1; i < runStart[g + 1] && nested; i++) {
                    nested = ids[d][i] == ids[d][runStart[g]];
                }
            }
            mask |= nested ? 1L << d : 0;
        }
        return mask;
    }

    private double value(InternalRow row, int i) {
        return value(row, i, types[i], variables.get(i));
    }

    private Object key(InternalRow row, int i) {
        return key(row, i, types[i]);
    }

    /** A model variable as a double (NaN if missing); text is parsed and checked. */
    static double value(InternalRow row, int i, DataType type, String variable) {
        if (row.isNullAt(i)) {
            return Double.NaN;
        }
        if (type == DataTypes.DoubleType) {
            return row.getDouble(i);
        }
        return NumberParsing.toDouble(row.getUTF8String(i).toString(), variable);
    }

    /** A group or cluster key, copied out of the (reused) row; the same value as the driver collects. */
    static Object key(InternalRow row, int i, DataType type) {
        if (row.isNullAt(i)) {
            return null;
        }
        // typed getters first: Spark 4.2's generic get(i, type) finds the physical type through
        // SQLConf.get, which on an executor thread builds a read-only conf for every value (a fifth
        // of bench hdfe's samples)
        if (type instanceof StringType) {
            return row.getUTF8String(i).toString();
        }
        if (type == DataTypes.IntegerType || type == DataTypes.DateType) {
            return row.getInt(i);
        }
        if (type == DataTypes.LongType || type == DataTypes.TimestampType) {
            return row.getLong(i);
        }
        if (type == DataTypes.DoubleType) {
            return row.getDouble(i);
        }
        Object v = row.get(i, type);
        return v instanceof UTF8String u ? u.toString() : v;
    }

    /** Dense ids 0.. in order of first appearance. */
    private static int[] localIds(List<Object> keys) {
        Map<Object, Integer> ids = new HashMap<>();
        int[] out = new int[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(keys.get(i), k -> ids.size());
        }
        return out;
    }

    /** The ordered rows without those alone in their group (copies: frequency weights, or null). */
    private static int[] withoutSingletonGroups(int[] order, int[] groupIds, double[] copies) {
        double[] size = new double[order.length == 0 ? 0 : Arrays.stream(groupIds).max().getAsInt() + 1];
        for (int i = 0; i < groupIds.length; i++) {
            size[groupIds[i]] += copies == null ? 1 : copies[i];
        }
        return Arrays.stream(order).filter(r -> size[groupIds[r]] > 1).toArray();
    }

    /** A stable ordering of rows by cluster, then group (two counting sorts, O(n)); null if neither. */
    static int[] order(int n, int[] clusterIds, int[] groupIds) {
        if (clusterIds == null && groupIds == null) {
            return null;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (groupIds != null) {
            order = stableSortBy(order, groupIds);
        }
        if (clusterIds != null) {
            order = stableSortBy(order, clusterIds);
        }
        return order;
    }

    private static int[] stableSortBy(int[] order, int[] ids) {
        int bound = 0;
        for (int id : ids) {
            bound = Math.max(bound, id + 1);
        }
        int[] start = new int[bound + 1];
        for (int id : ids) {
            start[id + 1]++;
        }
        for (int b = 0; b < bound; b++) {
            start[b + 1] += start[b];
        }
        int[] sorted = new int[order.length];
        for (int row : order) {
            sorted[start[ids[row]]++] = row;
        }
        return sorted;
    }

    /** Start offsets of the runs of equal group id in the ordered rows, with n appended. */
    static int[] runStarts(int n, int[] order, int[] groupIds) {
        int[] starts = new int[n + 1];
        int runs = 0;
        for (int r = 0; r < n; r++) {
            if (r == 0 || groupIds[order[r]] != groupIds[order[r - 1]]) { // groups imply an order
                starts[runs++] = r;
            }
        }
        starts[runs] = n;
        return Arrays.copyOf(starts, runs + 1);
    }

    /**
     * Subtracts the group mean from each column, group by group (two passes for accuracy); with
     * weights w (null: none) the weighted mean, which the weighted least-squares group effect is.
     */
    static void demean(double[] a, int n, int columns, int[] runStart, double[] w) {
        for (int j = 0; j < columns; j++) {
            int off = j * n;
            for (int g = 0; g + 1 < runStart.length; g++) {
                int from = off + runStart[g];
                int to = off + runStart[g + 1];
                double sum = 0;
                double total = 0;
                for (int i = from; i < to; i++) {
                    sum += w == null ? a[i] : w[i - off] * a[i];
                    total += w == null ? 1.0 : w[i - off];
                }
                double mean = sum / total;
                for (int i = from; i < to; i++) {
                    a[i] -= mean;
                }
            }
        }
    }

    /**
     * Column-wise storage of parsed values in fixed chunks of rows: no copying as it grows, and
     * chunks small enough (256 kB) to stay ordinary young-generation objects for G1.
     */
    private static final class DoubleColumns {
        private static final int CHUNK_BITS = 15;
        private static final int CHUNK_ROWS = 1 << CHUNK_BITS;
        private final int width;
        /** chunks.get(c)[v] holds rows c·CHUNK_ROWS.. of column v. */
        private final List<double[][]> chunks = new ArrayList<>();
        private int rows;

        DoubleColumns(int width) {
            this.width = width;
        }

        void add(double[] row) {
            double[][] chunk = chunkFor(rows);
            int i = rows & (CHUNK_ROWS - 1);
            for (int v = 0; v < width; v++) {
                chunk[v][i] = row[v];
            }
            rows++;
        }

        /** Appends the first n values of every column. */
        void addColumns(double[][] columns, int n) {
            int done = 0;
            while (done < n) {
                double[][] chunk = chunkFor(rows);
                int at = rows & (CHUNK_ROWS - 1);
                int count = Math.min(n - done, CHUNK_ROWS - at);
                for (int v = 0; v < width; v++) {
                    System.arraycopy(columns[v], done, chunk[v], at, count);
                }
                done += count;
                rows += count;
            }
        }

        private double[][] chunkFor(int row) {
            int c = row >>> CHUNK_BITS;
            if (c == chunks.size()) {
                chunks.add(new double[width][CHUNK_ROWS]);
            }
            return chunks.get(c);
        }

        int size() {
            return rows;
        }

        /** Column v of all rows, in the given row order (null: as added), into out from offset. */
        void copyColumn(int v, int[] order, double[] out, int offset) {
            if (order == null) {
                for (int c = 0, from = 0; from < rows; c++, from += CHUNK_ROWS) {
                    System.arraycopy(chunks.get(c)[v], 0, out, offset + from, Math.min(CHUNK_ROWS, rows - from));
                }
                return;
            }
            double[][] column = new double[chunks.size()][];
            for (int c = 0; c < column.length; c++) {
                column[c] = chunks.get(c)[v];
            }
            for (int r = 0; r < order.length; r++) { // the ordered rows may be fewer (singletons dropped)
                int src = order[r];
                out[offset + r] = column[src >>> CHUNK_BITS][src & (CHUNK_ROWS - 1)];
            }
        }
    }
}
