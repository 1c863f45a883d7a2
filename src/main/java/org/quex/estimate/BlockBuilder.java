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

    BlockBuilder(List<String> variables, DataType[] types, String groupName, Map<Object, Integer> secondLevels,
                 String clusterName) {
        this.variables = List.copyOf(variables);
        this.types = types.clone();
        this.hasGroup = groupName != null;
        this.groupName = groupName;
        this.secondLevels = secondLevels == null ? null : new HashMap<>(secondLevels);
        this.hasCluster = clusterName != null;
        this.clusterName = clusterName;
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
        int clusterCol = hasCluster ? keyIndex : -1;

        DoubleColumns values = new DoubleColumns(nv);
        List<Object> groupKeys = new ArrayList<>();
        List<Object> clusterKeys = new ArrayList<>();
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
            if (!complete || (groupCol >= 0 && group == null) || (secondCol >= 0 && second == null)
                    || (clusterCol >= 0 && cluster == null)) {
                missing++;
                continue;
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
        int n = values.size();
        int nd = dummyCount();
        int p = storedColumns();

        // Order rows by cluster, then by group, so that both are contiguous runs.
        int[] groupIds = hasGroup ? localIds(groupKeys) : null;
        int[] clusterIds = hasCluster ? localIds(clusterKeys) : null;
        if (hasGroup && hasCluster) {
            checkNested(groupIds, clusterIds, groupKeys, clusterKeys);
        }
        int[] order = order(n, clusterIds, groupIds);

        double[] x = new double[n * p];
        double[] y = values.column(0, order);
        for (int v = 1; v < nv; v++) {
            System.arraycopy(values.column(v, order), 0, x, (nd + v - 1) * n, n);
        }
        int[] cluster = hasCluster ? new int[n] : null;
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
            }
        }
        long groups = 0;
        long singletons = 0;
        DesignSummary summary;
        if (hasGroup) {
            int[] runStart = runStarts(n, order, groupIds);
            groups = runStart.length - 1;
            for (int g = 0; g < groups; g++) {
                if (runStart[g + 1] - runStart[g] == 1) {
                    singletons++;
                }
            }
            summary = DesignSummary.of(n, p, x, y, cluster, missing, groups, singletons);
            demean(x, n, p, runStart);
            demean(y, n, 1, runStart);
        } else {
            summary = DesignSummary.of(n, p, x, y, cluster, missing, 0, 0);
        }
        return List.of(new DesignBlock(n, p, x, y, cluster, summary)).iterator();
    }

    /** A model variable as a double (NaN if missing); text is parsed and checked. */
    private double value(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return Double.NaN;
        }
        if (types[i] == DataTypes.DoubleType) {
            return row.getDouble(i);
        }
        return NumberParsing.toDouble(row.getUTF8String(i).toString(), variables.get(i));
    }

    /** A group or cluster key, copied out of the (reused) row; the same value as the driver collects. */
    private Object key(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        Object v = row.get(i, types[i]);
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

    private void checkNested(int[] groupIds, int[] clusterIds, List<Object> groupKeys, List<Object> clusterKeys) {
        Map<Integer, Integer> clusterOfGroup = new HashMap<>();
        for (int i = 0; i < groupIds.length; i++) {
            Integer previous = clusterOfGroup.putIfAbsent(groupIds[i], clusterIds[i]);
            if (previous != null && previous != clusterIds[i]) {
                Object other = clusterKeys.get(Arrays.stream(clusterIds).boxed().toList().indexOf(previous));
                throw new QuexException("the groups of '" + groupName + "' are not nested within the clusters of '"
                        + clusterName + "': " + groupName + "=" + groupKeys.get(i) + " is in " + clusterName + "="
                        + other + " and " + clusterName + "=" + clusterKeys.get(i)
                        + " (as Stata's xtreg, fe requires; cluster by '" + groupName + "' or a coarser variable)");
            }
        }
    }

    /** A stable ordering of rows by cluster, then group (two counting sorts, O(n)); null if neither. */
    private static int[] order(int n, int[] clusterIds, int[] groupIds) {
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
    private static int[] runStarts(int n, int[] order, int[] groupIds) {
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

    /** Subtracts the group mean from each column, group by group (two passes for accuracy). */
    private static void demean(double[] a, int n, int columns, int[] runStart) {
        for (int j = 0; j < columns; j++) {
            int off = j * n;
            for (int g = 0; g + 1 < runStart.length; g++) {
                int from = off + runStart[g];
                int to = off + runStart[g + 1];
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += a[i];
                }
                double mean = sum / (to - from);
                for (int i = from; i < to; i++) {
                    a[i] -= mean;
                }
            }
        }
    }

    /** Growable column-wise storage of parsed values (no transposition when the block is built). */
    private static final class DoubleColumns {
        private final double[][] columns;
        private int rows;

        DoubleColumns(int width) {
            columns = new double[width][1024];
        }

        void add(double[] row) {
            if (rows == columns[0].length) {
                int capacity = Math.max(columns[0].length * 2, 1024);
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = Arrays.copyOf(columns[c], capacity);
                }
            }
            for (int c = 0; c < columns.length; c++) {
                columns[c][rows] = row[c];
            }
            rows++;
        }

        int size() {
            return rows;
        }

        /** Column c of the first size() rows, in the given row order (null: as read). */
        double[] column(int c, int[] order) {
            if (order == null) {
                return Arrays.copyOf(columns[c], rows);
            }
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = columns[c][order[r]];
            }
            return out;
        }
    }
}
