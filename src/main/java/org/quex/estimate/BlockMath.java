package org.quex.estimate;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * The per-block arithmetic of every pass, with no Spark in it. Rows are processed in chunks of
 * {@link #CHUNK} copied into a scratch matrix Z = [X − shift, 1] (column-major), so that cross
 * products are one {@code dgemm} per chunk and the cached block itself is never modified.
 */
final class BlockMath {
    static final int CHUNK = 2048;
    // The pure-Java (Vector API) BLAS: with k ≈ 16 it beats a JNI call, and it runs one task per
    // core without the native library's own threads competing for the same cores.
    private static final BLAS BLAS_ = JavaBLAS.getInstance();

    /** How the score "meat" of a sandwich VCE is formed. */
    enum Meat { NONE, ROBUST, CLUSTER }

    private BlockMath() {
    }

    /** The design of a pass: which shift is subtracted from the stored columns, and the constant. */
    record Layout(double[] shift, boolean constant) implements java.io.Serializable {
        int q() {
            return shift.length + (constant ? 1 : 0);
        }
    }

    /** Copies rows [r0, r0+m) of the block into z (m × q) as X − shift, then a column of ones. */
    private static void fillChunk(DesignBlock b, int r0, int m, Layout layout, double[] z) {
        int p = b.p;
        for (int j = 0; j < p; j++) {
            int src = r0 + j * b.n;
            int dst = j * m;
            double s = layout.shift()[j];
            for (int i = 0; i < m; i++) {
                z[dst + i] = b.x[src + i] - s;
            }
        }
        if (layout.constant()) {
            java.util.Arrays.fill(z, p * m, (p + 1) * m, 1.0);
        }
    }

    /** Cross products of W = [Z, y − yShift]: an (q+1)×(q+1) matrix whose last column is Z'y. */
    static PassTotals crossProducts(DesignBlock b, Layout layout, double yShift) {
        int q = layout.q();
        int w = q + 1;
        PassTotals t = new PassTotals(q, w, false);
        double[] z = new double[CHUNK * w];
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            for (int i = 0; i < m; i++) {
                z[q * m + i] = b.y[r0 + i] - yShift;
            }
            addGram(z, m, m, w, t.matrix);
        }
        t.n = b.n;
        return t;
    }

    /**
     * Residuals u = (y − yShift) − Z·theta: their sum of squares in {@code value} and, if asked,
     * the meat Σ_c (Σ_{i∈c} u_i z_i)(Σ_{i∈c} u_i z_i)' with c a cluster or a single row.
     */
    static PassTotals residuals(DesignBlock b, Layout layout, double yShift, double[] theta, Meat meat) {
        int q = layout.q();
        PassTotals t = new PassTotals(q, 0, meat != Meat.NONE);
        double[] z = new double[CHUNK * q];
        double[] u = new double[CHUNK];
        ClusterSums sums = meat == Meat.CLUSTER ? new ClusterSums(q) : null;
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            for (int i = 0; i < m; i++) {
                u[i] = b.y[r0 + i] - yShift;
            }
            BLAS_.dgemv("N", m, q, -1.0, z, m, theta, 1, 1.0, u, 1);
            double rss = 0;
            for (int i = 0; i < m; i++) {
                rss += u[i] * u[i];
            }
            t.value += rss;
            addMeat(b, r0, m, q, z, u, meat, sums, t.meat);
        }
        if (sums != null) {
            sums.flush(t.meat);
        }
        t.n = b.n;
        return t;
    }

    /**
     * Probit log-likelihood, gradient and information at theta, from the linear index in log
     * space. With {@code expected} the information is Fisher's (φ²/(Φ(1−Φ))), otherwise the
     * observed one, λ(λ + qη) with q = 2y − 1 and λ the inverse Mills ratio of qη.
     */
    static PassTotals probit(DesignBlock b, Layout layout, double[] theta, boolean expected, Meat meat) {
        int q = layout.q();
        PassTotals t = new PassTotals(q, q, meat != Meat.NONE);
        double[] z = new double[CHUNK * q];
        double[] eta = new double[CHUNK];
        double[] score = new double[CHUNK];
        double[] mills = new double[1];
        double[] zw = new double[CHUNK * q];
        ClusterSums sums = meat == Meat.CLUSTER ? new ClusterSums(q) : null;
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            BLAS_.dgemv("N", m, q, 1.0, z, m, theta, 1, 0.0, eta, 1);
            double ll = 0;
            for (int i = 0; i < m; i++) {
                double sign = b.y[r0 + i] == 1 ? 1.0 : -1.0;
                double te = sign * eta[i];
                ll += NormalDistribution.logCdfAndMills(te, mills);
                double lambda = mills[0];
                score[i] = sign * lambda;
                double weight = expected
                        ? NormalDistribution.millsRatio(eta[i]) * NormalDistribution.millsRatio(-eta[i])
                        : lambda * (lambda + te);
                eta[i] = weight; // eta is no longer needed: reuse it for the weight
            }
            t.value += ll;
            BLAS_.dgemv("T", m, q, 1.0, z, m, score, 1, 1.0, t.vector, 1);
            addMeat(b, r0, m, q, z, score, meat, sums, t.meat);
            System.arraycopy(z, 0, zw, 0, m * q);
            scaleRows(zw, m, q, eta);
            BLAS_.dgemm("T", "N", q, q, m, 1.0, zw, m, z, m, 1.0, t.matrix, q);
        }
        if (sums != null) {
            sums.flush(t.meat);
        }
        t.n = b.n;
        return t;
    }

    private static void addMeat(DesignBlock b, int r0, int m, int q, double[] z, double[] score,
                                Meat meat, ClusterSums sums, double[] target) {
        if (meat == Meat.ROBUST) {
            double[] s = new double[m * q];
            System.arraycopy(z, 0, s, 0, m * q);
            scaleRows(s, m, q, score);
            addGram(s, m, m, q, target);
        } else if (meat == Meat.CLUSTER) {
            for (int i = 0; i < m; i++) {
                sums.add(b.cluster[r0 + i], z, m, i, score[i], target);
            }
        }
    }

    /**
     * c += aᵀa for an m×q column-major a with leading dimension lda. A full dgemm, not dsyrk:
     * the Vector-API dgemm is more than twice as fast as its dsyrk at q ≈ 16.
     */
    static void addGram(double[] a, int m, int lda, int q, double[] c) {
        BLAS_.dgemm("T", "N", q, q, m, 1.0, a, lda, a, lda, 1.0, c, q);
    }

    private static void scaleRows(double[] z, int m, int q, double[] factor) {
        for (int j = 0; j < q; j++) {
            int off = j * m;
            for (int i = 0; i < m; i++) {
                z[off + i] *= factor[i];
            }
        }
    }

    /**
     * Running score sums of contiguous clusters; completed sums are stacked as rows of a buffer
     * that is flushed into the meat with one Gram update per {@link #BUFFER} clusters.
     */
    private static final class ClusterSums {
        private static final int BUFFER = 512;
        private final int q;
        private final double[] buffer;
        private int filled;
        private int current = Integer.MIN_VALUE;

        ClusterSums(int q) {
            this.q = q;
            this.buffer = new double[BUFFER * q];
        }

        void add(int cluster, double[] z, int m, int row, double score, double[] meat) {
            if (cluster != current) {
                if (current != Integer.MIN_VALUE) {
                    filled++;
                    if (filled == BUFFER) {
                        flushRows(meat, filled);
                    }
                }
                current = cluster;
            }
            for (int j = 0; j < q; j++) {
                buffer[filled + j * BUFFER] += score * z[row + j * m];
            }
        }

        void flush(double[] meat) {
            if (current != Integer.MIN_VALUE) {
                filled++;
            }
            flushRows(meat, filled);
            current = Integer.MIN_VALUE;
        }

        private void flushRows(double[] meat, int rows) {
            if (rows > 0) {
                addGram(buffer, rows, BUFFER, q, meat);
            }
            java.util.Arrays.fill(buffer, 0.0);
            filled = 0;
        }
    }
}
