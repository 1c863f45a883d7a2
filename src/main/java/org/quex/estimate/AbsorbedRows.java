package org.quex.estimate;

import java.io.Serializable;

/**
 * The complete rows of one partition of a model with several absorbed effects, before any
 * transformation: the response and regressors as parsed, the level of each row in the primary
 * (largest) effect as a partition-local id (the data are partitioned so that a primary level
 * lives in one partition), its level in every other ("secondary") effect as an index into one
 * combined list of all secondary levels, the weights, and per cluster variable a partition-local
 * id with its key. Singleton trimming works on these; {@link #within()} then turns them into a
 * {@link WithinBlock}.
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
    /** Per cluster variable: a partition-local id per row (empty: no clusters). */
    final int[][] clusters;
    /** Per cluster variable: the key of each partition-local id. */
    final Object[][] clusterKeys;
    /** Observation weights, or null. */
    final double[] w;
    /** Whether the weights are frequency weights: a row then counts as that many for singletons. */
    final boolean frequency;
    final long missing;

    AbsorbedRows(int partition, int n, int p, double[] values, int[] primary, int primaryBound, int effects,
                 int[] levels, int[][] clusters, Object[][] clusterKeys, double[] w, boolean frequency, long missing) {
        this.partition = partition;
        this.n = n;
        this.p = p;
        this.values = values;
        this.primary = primary;
        this.primaryBound = primaryBound;
        this.effects = effects;
        this.levels = levels;
        this.clusters = clusters;
        this.clusterKeys = clusterKeys;
        this.w = w;
        this.frequency = frequency;
        this.missing = missing;
    }

    /**
     * Rows per level of every effect (with frequency weights their sum, as reghdfe counts: a level
     * is a singleton when its weights sum to 1): a secondary level's count is global once the
     * blocks are summed.
     */
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

    /** What a row counts for singletons: 1, or its frequency weight. */
    private int count(int i) {
        return frequency ? (int) w[i] : 1;
    }

    private int[] primaryCounts() {
        int[] c = new int[primaryBound];
        for (int i = 0; i < n; i++) {
            c[primary[i]] += count(i);
        }
        return c;
    }

    Counts counts(int m) {
        Counts c = new Counts(m);
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < effects; e++) {
                c.secondary[levels[i * effects + e]] += count(i);
            }
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
        int width = p + 1;
        double[] nv = new double[kept * width];
        int[] np = new int[kept];
        int[] nl = new int[kept * effects];
        int[][] nc = new int[clusters.length][kept];
        double[] nw = w == null ? null : new double[kept];
        for (int i = 0, r = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                nv[r + c * kept] = values[i + c * n];
            }
            np[r] = primary[i];
            System.arraycopy(levels, i * effects, nl, r * effects, effects);
            for (int d = 0; d < clusters.length; d++) {
                nc[d][r] = clusters[d][i];
            }
            if (nw != null) {
                nw[r] = w[i];
            }
            r++;
        }
        return new AbsorbedRows(partition, kept, p, nv, np, primaryBound, effects, nl, nc, clusterKeys, nw, frequency,
                missing);
    }

    /**
     * Rows ordered by primary level (contiguous runs), the raw summary, and the regressors and
     * response demeaned (with weights: by weighted means) within primary levels: the one effect
     * absorbed exactly by partitioning. Also whether every primary level lies in one cluster of
     * each cluster variable.
     */
    WithinBlock within(int localCluster) {
        int[] order = BlockBuilder.order(n, null, primary);
        double[] x = new double[n * p];
        double[] y = new double[n];
        int[] lv = new int[n * effects];
        int[][] cl = new int[clusters.length][n];
        double[] ww = w == null ? null : new double[n];
        for (int r = 0; r < n; r++) {
            int src = order[r];
            for (int c = 0; c < p; c++) {
                x[r + c * n] = values[src + c * n];
            }
            y[r] = values[src + p * n];
            System.arraycopy(levels, src * effects, lv, r * effects, effects);
            for (int d = 0; d < clusters.length; d++) {
                cl[d][r] = clusters[d][src];
            }
            if (ww != null) {
                ww[r] = w[src];
            }
        }
        int[] runStart = BlockBuilder.runStarts(n, order, primary);
        long nested = BlockBuilder.nestedIn(runStart, cl);
        DesignSummary summary = DesignSummary.of(n, p, x, y, ww, cl.length == 0 ? null : cl[0], missing,
                runStart.length - 1, 0);
        BlockBuilder.demean(x, n, p, runStart, ww);
        BlockBuilder.demean(y, n, 1, runStart, ww);
        return new WithinBlock(partition, n, p, x, y, ww, cl, clusterKeys, localCluster, nested, runStart, effects, lv,
                summary);
    }
}
