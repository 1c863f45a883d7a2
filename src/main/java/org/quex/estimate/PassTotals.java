package org.quex.estimate;

import java.io.Serializable;

/**
 * The small mergeable result of one pass over the blocks: a row count, a scalar (log-likelihood
 * or residual sum of squares), a vector (gradient), a symmetric matrix (cross products or
 * information; symmetric, full storage) and the score "meat" of a sandwich VCE.
 */
public final class PassTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    final int q;
    long n;
    double value;
    final double[] vector;
    final double[] matrix;
    final double[] meat;
    /** Clusters seen by a one-way cluster meat (they never cross blocks, so counts add). */
    long clusters;
    /** The meats of multi-way clustering, or null. */
    final ClusterMeats clusterMeats;
    /** Probit: rows whose observed outcome has fitted probability 1 in double precision (see Separation). */
    long failuresDetermined;
    long successesDetermined;

    PassTotals(int q, int matrixOrder, boolean withMeat) {
        this(q, matrixOrder, withMeat, 0);
    }

    /** With {@code clusterDimensions} ≥ 2, the meats of multi-way clustering are accumulated too. */
    PassTotals(int q, int matrixOrder, boolean withMeat, int clusterDimensions) {
        this(q, matrixOrder, withMeat, clusterDimensions, 0);
    }

    /**
     * The same where the clusters of {@code localDimension} (-1: of none) never cross a block:
     * {@link ClusterMeats} also for one variable whose clusters do.
     */
    PassTotals(int q, int matrixOrder, boolean withMeat, int clusterDimensions, int localDimension) {
        this.q = q;
        this.vector = new double[q];
        this.matrix = new double[matrixOrder * matrixOrder];
        this.meat = withMeat ? new double[q * q] : null;
        this.clusterMeats = clusterDimensions >= 2 || (clusterDimensions == 1 && localDimension != 0)
                ? new ClusterMeats(q, clusterDimensions, localDimension) : null;
    }

    /** Adds another block's totals into this one and returns this. */
    PassTotals mergeInto(PassTotals o) {
        n += o.n;
        value += o.value;
        failuresDetermined += o.failuresDetermined;
        successesDetermined += o.successesDetermined;
        add(vector, o.vector);
        add(matrix, o.matrix);
        if (meat != null) {
            add(meat, o.meat);
        }
        clusters += o.clusters;
        if (clusterMeats != null) {
            clusterMeats.merge(o.clusterMeats);
        }
        return this;
    }

    private static void add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
