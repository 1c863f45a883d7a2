package org.quex.estimate;

import java.io.Serializable;
import java.util.Arrays;
import org.quex.QuexException;

/**
 * The complete rows of one partition of a model with several absorbed effects, before any
 * transformation: the response and regressors as parsed, the level of each row in the primary
 * (largest) effect as a partition-local id (the data are partitioned so that a primary level
 * lives in one partition), its level in every other ("secondary") effect as an index into one
 * combined list of all secondary levels, and a partition-local cluster id. Singleton trimming
 * works on these; {@link #within()} then turns them into a {@link WithinBlock}.
 */
final class AbsorbedRows implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int n;
    /** Regressors. */
    final int p;
    /** Column-major n × (p + 1): the regressors, then the response. */
    final double[] values;
    /** Partition-local primary id per row, in [0, primaryBound). */
    final int[] primary;
    final int primaryBound;
    /** Number of secondary effects. */
    final int effects;
    /** Row-major n × effects: the combined secondary index of each row's level in each effect. */
    final int[] levels;
    /** Partition-local cluster id per row, or null. */
    final int[] cluster;
    final long missing;
    final String primaryName;
    final String clusterName;

    AbsorbedRows(int partition, int n, int p, double[] values, int[] primary, int primaryBound, int effects,
                 int[] levels, int[] cluster, long missing, String primaryName, String clusterName) {
        this.partition = partition;
        this.n = n;
        this.p = p;
        this.values = values;
        this.primary = primary;
        this.primaryBound = primaryBound;
        this.effects = effects;
        this.levels = levels;
        this.cluster = cluster;
        this.missing = missing;
        this.primaryName = primaryName;
        this.clusterName = clusterName;
    }

    /** Rows per level of every effect: a secondary level's count is global once the blocks are summed. */
    static final class Counts implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] secondary;
        long rows;
        long primaryLevels;
        /** Rows that are alone in their primary level. */
        long primarySingletons;

        Counts(int m) {
            secondary = new int[m];
        }

        Counts merge(Counts o) {
            for (int i = 0; i < secondary.length; i++) {
                secondary[i] += o.secondary[i];
            }
            rows += o.rows;
            primaryLevels += o.primaryLevels;
            primarySingletons += o.primarySingletons;
            return this;
        }

        /** Whether a trimming sweep would drop a row. */
        boolean anySingleton() {
            if (primarySingletons > 0) {
                return true;
            }
            for (int c : secondary) {
                if (c == 1) {
                    return true;
                }
            }
            return false;
        }
    }

    private int[] primaryCounts() {
        int[] c = new int[primaryBound];
        for (int i = 0; i < n; i++) {
            c[primary[i]]++;
        }
        return c;
    }

    Counts counts(int m) {
        Counts c = new Counts(m);
        for (int l : levels) {
            c.secondary[l]++;
        }
        for (int k : primaryCounts()) {
            if (k > 0) {
                c.primaryLevels++;
            }
            if (k == 1) {
                c.primarySingletons++;
            }
        }
        c.rows = n;
        return c;
    }

    /**
     * One sweep of singleton trimming: without the rows that are alone in their level of any
     * effect (secondary counts are the global ones of the previous pass). Repeated until no
     * singleton is left, as reghdfe and fixest do, since a dropped row can leave another alone.
     */
    AbsorbedRows withoutSingletons(int[] secondaryCounts) {
        int[] pc = primaryCounts();
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean k = pc[primary[i]] > 1;
            for (int e = 0; e < effects && k; e++) {
                k = secondaryCounts[levels[i * effects + e]] > 1;
            }
            keep[i] = k;
            if (k) {
                kept++;
            }
        }
        if (kept == n) {
            return this;
        }
        int w = p + 1;
        double[] nv = new double[kept * w];
        int[] np = new int[kept];
        int[] nl = new int[kept * effects];
        int[] nc = cluster == null ? null : new int[kept];
        for (int i = 0, r = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            for (int c = 0; c < w; c++) {
                nv[r + c * kept] = values[i + c * n];
            }
            np[r] = primary[i];
            System.arraycopy(levels, i * effects, nl, r * effects, effects);
            if (nc != null) {
                nc[r] = cluster[i];
            }
            r++;
        }
        return new AbsorbedRows(partition, kept, p, nv, np, primaryBound, effects, nl, nc, missing, primaryName,
                clusterName);
    }

    /**
     * Rows ordered by cluster, then primary level (both contiguous runs), the raw summary, and the
     * regressors and response demeaned within primary levels: the one effect absorbed exactly by
     * partitioning.
     */
    WithinBlock within() {
        int[] order = BlockBuilder.order(n, cluster, primary);
        if (cluster != null) {
            checkNested(order);
        }
        int w = p + 1;
        double[] x = new double[n * p];
        double[] y = new double[n];
        int[] lv = new int[n * effects];
        int[] cl = cluster == null ? null : new int[n];
        for (int r = 0; r < n; r++) {
            int src = order == null ? r : order[r];
            for (int c = 0; c < p; c++) {
                x[r + c * n] = values[src + c * n];
            }
            y[r] = values[src + p * n];
            System.arraycopy(levels, src * effects, lv, r * effects, effects);
            if (cl != null) {
                cl[r] = cluster[src];
            }
        }
        int[] runStart = BlockBuilder.runStarts(n, order, primary);
        DesignSummary summary = DesignSummary.of(n, p, x, y, cl, missing, runStart.length - 1, 0);
        BlockBuilder.demean(x, n, p, runStart, null);
        BlockBuilder.demean(y, n, 1, runStart, null);
        return new WithinBlock(partition, n, p, x, y, cl, runStart, effects, lv, summary);
    }

    /** The primary effect must be nested in the clusters (the cluster sums are formed per partition). */
    private void checkNested(int[] order) {
        int[] clusterOf = new int[primaryBound];
        Arrays.fill(clusterOf, -1);
        for (int r = 0; r < n; r++) {
            int i = order[r];
            int g = primary[i];
            if (clusterOf[g] >= 0 && clusterOf[g] != cluster[i]) {
                throw new QuexException("the levels of the largest absorbed effect '" + primaryName
                        + "' are not nested within the clusters of '" + clusterName
                        + "' (one level is in two clusters); cluster by '" + primaryName + "' or a coarser variable");
            }
            clusterOf[g] = cluster[i];
        }
    }
}
