package org.quex.estimate;

import java.io.Serializable;

/**
 * What the estimators need to know about the data before the first iteration, mergeable across
 * blocks: counts, raw column sums (for centring and the reported constant), raw sums of squares
 * (the scale for collinearity detection), and for each 0/1 column its cross-tabulation with a
 * 0/1 response (for Stata's perfect-prediction check in probit).
 */
public final class DesignSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    long rows;
    long missingRows;
    long groups;
    long singletons;
    long clusters;
    /**
     * One-way FE: bit d set when every group lies in one cluster of cluster variable d (all bits
     * set where there are no groups); merged with AND. A group nested in a cluster variable is not
     * counted in the cluster small-sample factor (xtreg, fe; reghdfe).
     */
    long groupsNestedInClusters = -1L;
    /** Σ of the weights (the row count when unweighted): the N of the moments and the means. */
    double weightSum;
    double ySum;
    double ySumSq;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    /** Whether every value of y is 0 or 1. */
    boolean yBinary = true;
    final double[] sum;
    final double[] sumSq;
    final boolean[] binary;
    /** Smallest and largest raw value of each column: a column with min = max is constant, whatever its scale. */
    final double[] min;
    final double[] max;
    /** The same among rows with y = 0 (min0, max0) and y ≠ 0 (min1, max1): separation by a regressor in probit. */
    final double[] min0;
    final double[] max0;
    final double[] min1;
    final double[] max1;
    /** Means and centred cross products of the stored (for FE: demeaned) columns and y. */
    Moments moments;
    /** Per column: rows with x=1,y=1; x=1,y=0; x=0,y=1; x=0,y=0 (meaningful when binary). */
    final long[] n11;
    final long[] n10;
    final long[] n01;
    final long[] n00;

    DesignSummary(int p) {
        sum = new double[p];
        sumSq = new double[p];
        binary = new boolean[p];
        java.util.Arrays.fill(binary, true);
        min = new double[p];
        max = new double[p];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        min0 = new double[p];
        max0 = new double[p];
        min1 = new double[p];
        max1 = new double[p];
        java.util.Arrays.fill(min0, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max0, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(min1, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max1, Double.NEGATIVE_INFINITY);
        n11 = new long[p];
        n10 = new long[p];
        n01 = new long[p];
        n00 = new long[p];
        moments = new Moments(p + 1);
    }

    /** Summary of raw (not yet demeaned) columns of n rows, column-major. */
    static DesignSummary of(int n, int p, double[] x, double[] y, int[] cluster,
                            long missingRows, long groups, long singletons) {
        return of(n, p, x, y, null, cluster, missingRows, groups, singletons);
    }

    /** The same with weights w (null: all 1): sums, sums of squares and y's sum are weighted. */
    static DesignSummary of(int n, int p, double[] x, double[] y, double[] w, int[] cluster,
                            long missingRows, long groups, long singletons) {
        DesignSummary s = new DesignSummary(p);
        s.rows = n;
        s.missingRows = missingRows;
        s.groups = groups;
        s.singletons = singletons;
        s.clusters = countRuns(cluster, n);
        for (int i = 0; i < n; i++) {
            double v = y[i];
            double wi = w == null ? 1.0 : w[i];
            s.weightSum += wi;
            s.ySum += wi * v;
            s.ySumSq += wi * v * v;
            s.yMin = Math.min(s.yMin, v);
            s.yMax = Math.max(s.yMax, v);
            if (v != 0 && v != 1) {
                s.yBinary = false;
            }
        }
        for (int j = 0; j < p; j++) {
            int off = j * n;
            double sum = 0;
            double sumSq = 0;
            boolean binary = true;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = x[off + i];
                double wi = w == null ? 1.0 : w[i];
                sum += wi * v;
                sumSq += wi * v * v;
                binary &= v == 0 || v == 1;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            s.min[j] = lo;
            s.max[j] = hi;
            { // every block, since a column binary or constant here may not be so in others
                double lo0 = Double.POSITIVE_INFINITY, hi0 = Double.NEGATIVE_INFINITY;
                double lo1 = Double.POSITIVE_INFINITY, hi1 = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double v = x[off + i];
                    if (y[i] != 0) {
                        lo1 = Math.min(lo1, v);
                        hi1 = Math.max(hi1, v);
                    } else {
                        lo0 = Math.min(lo0, v);
                        hi0 = Math.max(hi0, v);
                    }
                }
                s.min0[j] = lo0;
                s.max0[j] = hi0;
                s.min1[j] = lo1;
                s.max1[j] = hi1;
            }
            s.sum[j] = sum;
            s.sumSq[j] = sumSq;
            s.binary[j] = binary;
            if (binary) { // the cross-tabulation with y only where it can matter
                long a11 = 0, a10 = 0, a01 = 0, a00 = 0;
                for (int i = 0; i < n; i++) {
                    boolean one = x[off + i] == 1;
                    boolean success = y[i] == 1;
                    if (one) {
                        if (success) a11++; else a10++;
                    } else {
                        if (success) a01++; else a00++;
                    }
                }
                s.n11[j] = a11;
                s.n10[j] = a10;
                s.n01[j] = a01;
                s.n00[j] = a00;
            }
        }
        return s;
    }

    private static long countRuns(int[] cluster, int n) {
        if (cluster == null) {
            return 0;
        }
        long runs = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || cluster[i] != cluster[i - 1]) {
                runs++;
            }
        }
        return runs;
    }

    DesignSummary merge(DesignSummary o) {
        DesignSummary s = new DesignSummary(sum.length);
        s.rows = rows + o.rows;
        s.missingRows = missingRows + o.missingRows;
        s.groups = groups + o.groups;
        s.singletons = singletons + o.singletons;
        s.clusters = clusters + o.clusters;
        s.groupsNestedInClusters = groupsNestedInClusters & o.groupsNestedInClusters;
        s.weightSum = weightSum + o.weightSum;
        s.ySum = ySum + o.ySum;
        s.ySumSq = ySumSq + o.ySumSq;
        s.yMin = Math.min(yMin, o.yMin);
        s.yMax = Math.max(yMax, o.yMax);
        s.yBinary = yBinary && o.yBinary;
        s.moments = moments.merge(o.moments);
        for (int j = 0; j < sum.length; j++) {
            s.sum[j] = sum[j] + o.sum[j];
            s.sumSq[j] = sumSq[j] + o.sumSq[j];
            s.binary[j] = binary[j] && o.binary[j];
            s.min[j] = Math.min(min[j], o.min[j]);
            s.max[j] = Math.max(max[j], o.max[j]);
            s.min0[j] = Math.min(min0[j], o.min0[j]);
            s.max0[j] = Math.max(max0[j], o.max0[j]);
            s.min1[j] = Math.min(min1[j], o.min1[j]);
            s.max1[j] = Math.max(max1[j], o.max1[j]);
            s.n11[j] = n11[j] + o.n11[j];
            s.n10[j] = n10[j] + o.n10[j];
            s.n01[j] = n01[j] + o.n01[j];
            s.n00[j] = n00[j] + o.n00[j];
        }
        return s;
    }

    public long rows() {
        return rows;
    }

    public long missingRows() {
        return missingRows;
    }

    public long groups() {
        return groups;
    }

    public long singletons() {
        return singletons;
    }

    public long clusters() {
        return clusters;
    }

    double mean(int j) {
        return rows == 0 ? 0 : sum[j] / weightSum;
    }

    double yMean() {
        return rows == 0 ? 0 : ySum / weightSum;
    }
}
