package org.quex.estimate;

import java.io.Serializable;

/**
 * One partition of a model's data as dense primitive arrays, built once and cached: the stored
 * design columns (column-major, n × p; already demeaned within groups for a fixed-effects model),
 * the response, and, when standard errors are clustered, a cluster id per row. Rows of one
 * cluster are contiguous (ids are non-decreasing), so cluster sums never cross blocks.
 */
public final class DesignBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int n;
    final int p;
    final double[] x;
    final double[] y;
    /** Observation weights (analytic or frequency), or null when unweighted. */
    final double[] w;
    /** Non-decreasing cluster id per row, or null when there are no clusters. */
    final int[] cluster;
    /**
     * Multi-way clustering: per further cluster variable, a block-local id per row and the key of
     * each local id (these clusters cross blocks, so they are merged by key); null otherwise.
     */
    final int[][] otherClusters;
    final Object[][] otherClusterKeys;
    /**
     * The cluster variable whose clusters never cross blocks (the data are partitioned by it or
     * by an effect nested in it): 0, the first, for OLS and probit; for FE the absorbed effect when
     * it is a cluster variable, -1 when none is. The keys of the first variable's local ids are
     * then in {@link #clusterKeys} (null otherwise).
     */
    final int localCluster;
    final Object[] clusterKeys;
    final DesignSummary summary;

    /** The summary's raw statistics are the caller's; its moments are computed here from x and y. */
    DesignBlock(int n, int p, double[] x, double[] y, int[] cluster, DesignSummary summary) {
        this(n, p, x, y, null, cluster, null, null, summary);
    }

    DesignBlock(int n, int p, double[] x, double[] y, double[] w, int[] cluster, int[][] otherClusters,
                Object[][] otherClusterKeys, DesignSummary summary) {
        this(n, p, x, y, w, cluster, otherClusters, otherClusterKeys, 0, null, summary);
    }

    DesignBlock(int n, int p, double[] x, double[] y, double[] w, int[] cluster, int[][] otherClusters,
                Object[][] otherClusterKeys, int localCluster, Object[] clusterKeys, DesignSummary summary) {
        this.localCluster = localCluster;
        this.clusterKeys = clusterKeys;
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.w = w;
        this.cluster = cluster;
        this.otherClusters = otherClusters;
        this.otherClusterKeys = otherClusterKeys;
        this.summary = summary;
        summary.moments = Moments.of(this);
    }

    /** The number of cluster variables: 0, 1, or more for multi-way clustering. */
    int clusterDimensions() {
        return cluster == null ? 0 : 1 + (otherClusters == null ? 0 : otherClusters.length);
    }

    double x(int row, int col) {
        return x[row + col * n];
    }

    /**
     * This block without the rows where column {@code col} equals {@code value} (used when a
     * binary regressor predicts the outcome perfectly and its rows leave the sample, as in Stata).
     */
    DesignBlock withoutRows(int col, double value) {
        return rowsWhere(col, value, false);
    }

    /**
     * This block with only the rows where column {@code col} equals {@code value} (quasi-complete
     * separation in probit: the rows at the cut).
     */
    DesignBlock onlyRows(int col, double value) {
        return rowsWhere(col, value, true);
    }

    /** The rows where (column {@code col} = {@code value}) is {@code equal}, with their weights and clusters. */
    private DesignBlock rowsWhere(int col, double value, boolean equal) {
        int keep = 0;
        for (int i = 0; i < n; i++) {
            if ((x[i + col * n] == value) == equal) {
                keep++;
            }
        }
        double[] nx = new double[keep * p];
        double[] ny = new double[keep];
        double[] nw = w == null ? null : new double[keep];
        int[] nc = cluster == null ? null : new int[keep];
        int[][] no = otherClusters == null ? null : new int[otherClusters.length][keep];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if ((x[i + col * n] == value) != equal) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                nx[r + j * keep] = x[i + j * n];
            }
            ny[r] = y[i];
            if (nw != null) {
                nw[r] = w[i];
            }
            if (nc != null) {
                nc[r] = cluster[i];
            }
            if (no != null) {
                for (int d = 0; d < no.length; d++) {
                    no[d][r] = otherClusters[d][i];
                }
            }
            r++;
        }
        return new DesignBlock(keep, p, nx, ny, nw, nc, no, otherClusterKeys, localCluster, clusterKeys,
                DesignSummary.of(keep, p, nx, ny, nw, nc, summary.missingRows, 0, 0));
    }

    /** This block with the response coded 0/1 as Stata codes a probit outcome: any nonzero value is a success. */
    DesignBlock withBinaryResponse() {
        double[] ny = new double[n];
        for (int i = 0; i < n; i++) {
            ny[i] = y[i] != 0 ? 1 : 0;
        }
        return new DesignBlock(n, p, x, ny, w, cluster, otherClusters, otherClusterKeys, localCluster, clusterKeys,
                DesignSummary.of(n, p, x, ny, w, cluster, summary.missingRows, 0, 0));
    }
}
