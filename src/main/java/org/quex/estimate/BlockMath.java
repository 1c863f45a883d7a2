package org.quex.estimate;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * The per-block arithmetic of every pass, with no Spark in it. Rows are processed in chunks of
 * {@link #CHUNK} copied into a scratch matrix Z = [X − shift, 1] (column-major, its columns padded
 * for {@link GramUpdate}), so that the cached block itself is never modified.
 */
final class BlockMath {
    static final int CHUNK = 2048;
    // The pure-Java (Vector API) BLAS for the matrix-vector products: with k ≈ 16 it beats a JNI
    // call, and it runs one task per core without a native library's threads competing for them.
    private static final BLAS BLAS_ = JavaBLAS.getInstance();

    /**
     * Blocks of fewer rows use the scalar code even where the Vector API is present: until C2 has
     * compiled them, Vector API kernels run 10–100× slower than scalar code (every lane operation
     * allocates), and a small fit ends before that happens (a cold 20k-row probit took 0.52 s
     * instead of 0.38 s). Package-private and not final for the tests of both paths.
     */
    static int vectorMinRows = 65_536;

    /** Whether a block's passes use the Vector API kernels. */
    static boolean vectorKernels(DesignBlock b) {
        return GramUpdate.VECTOR_API && b.n >= vectorMinRows;
    }

    /**
     * How the score "meat" of a sandwich VCE is formed: none, by row (robust; HC3 with the
     * residual divided by 1 − leverage), by cluster of the first cluster variable, or by every
     * intersection of several cluster variables ({@link ClusterMeats}).
     */
    enum Meat { NONE, ROBUST, HC3, CLUSTER, MULTIWAY }

    private BlockMath() {
    }

    /** The design of a pass: which shift is subtracted from the stored columns, and the constant. */
    record Layout(double[] shift, boolean constant) implements java.io.Serializable {
        int q() {
            return shift.length + (constant ? 1 : 0);
        }
    }

    /** A scratch chunk of CHUNK rows for q columns, padded for {@link GramUpdate}. */
    private static double[] chunk(int q) {
        return new double[CHUNK * GramUpdate.paddedColumns(q)];
    }

    /** Copies rows [r0, r0+m) of the block into z (leading dimension CHUNK) as X − shift, then ones. */
    private static void fillChunk(DesignBlock b, int r0, int m, Layout layout, double[] z) {
        int p = b.p;
        for (int j = 0; j < p; j++) {
            int src = r0 + j * b.n;
            int dst = j * CHUNK;
            double s = layout.shift()[j];
            for (int i = 0; i < m; i++) {
                z[dst + i] = b.x[src + i] - s;
            }
        }
        if (layout.constant()) {
            java.util.Arrays.fill(z, p * CHUNK, p * CHUNK + m, 1.0);
        }
    }

    /** Cross products of W = [Z, y − yShift]: an (q+1)×(q+1) matrix whose last column is Z'y. */
    static PassTotals crossProducts(DesignBlock b, Layout layout, double yShift) {
        int q = layout.q();
        int w = q + 1;
        PassTotals t = new PassTotals(q, w, false);
        double[] z = chunk(w);
        GramUpdate gram = GramUpdate.of(w, vectorKernels(b));
        double[] zw = b.w == null ? null : chunk(w);
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            for (int i = 0; i < m; i++) {
                z[q * CHUNK + i] = b.y[r0 + i] - yShift;
            }
            if (zw != null) {
                scaleRows(z, zw, m, w, b.w, r0);
                gram.add(zw, z, CHUNK, m);
            } else {
                gram.add(z, z, CHUNK, m);
            }
        }
        gram.addTo(t.matrix);
        t.n = b.n;
        return t;
    }

    /**
     * Residuals u = (y − yShift) − Z·theta: their sum of squares in {@code value} and, if asked,
     * the meat Σ_c (Σ_{i∈c} u_i z_i)(Σ_{i∈c} u_i z_i)' with c a cluster or a single row. For HC3
     * the leverages h_i = z_i′ B z_i come in the same pass from the bread B = (Z′Z)⁻¹ (full q×q,
     * zeros for omitted terms), known before it: u_i/(1 − h_i) enters the meat, not u_i.
     */
    static PassTotals residuals(DesignBlock b, Layout layout, double yShift, double[] theta, Meat meat,
                                double[] bread, boolean frequency) {
        int q = layout.q();
        PassTotals t = new PassTotals(q, 0, meat != Meat.NONE, meat == Meat.MULTIWAY ? b.clusterDimensions() : 0,
                b.localCluster);
        double[] z = chunk(q);
        double[] u = new double[CHUNK];
        double[] zb = meat == Meat.HC3 ? chunk(q) : null;
        MeatSums meatSums = meat == Meat.NONE ? null : new MeatSums(q, meat, vectorKernels(b), t);
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            for (int i = 0; i < m; i++) {
                u[i] = b.y[r0 + i] - yShift;
            }
            BLAS_.dgemv("N", m, q, -1.0, z, CHUNK, theta, 1, 1.0, u, 1);
            double rss = 0;
            for (int i = 0; i < m; i++) {
                rss += b.w == null ? u[i] * u[i] : b.w[r0 + i] * u[i] * u[i];
            }
            t.value += rss;
            if (b.w != null && meat != Meat.NONE) {
                weightScores(b, r0, m, u, meat, frequency);
            }
            if (zb != null) {
                BLAS_.dgemm("N", "N", m, q, q, 1.0, z, CHUNK, bread, q, 0.0, zb, CHUNK);
                for (int i = 0; i < m; i++) {
                    double h = 0;
                    for (int j = 0; j < q; j++) {
                        h += zb[i + j * CHUNK] * z[i + j * CHUNK];
                    }
                    u[i] /= 1 - (b.w == null ? h : b.w[r0 + i] * h);
                }
            }
            if (meatSums != null) {
                meatSums.add(b, r0, m, z, u);
            }
        }
        if (meatSums != null) {
            meatSums.addTo(t.meat);
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
        if (b.w != null) {
            return weightedProbit(b, layout, theta, expected, meat);
        }
        int q = layout.q();
        PassTotals t = new PassTotals(q, q, meat != Meat.NONE, meat == Meat.MULTIWAY ? b.clusterDimensions() : 0,
                b.localCluster);
        double[] z = chunk(q);
        double[] zw = chunk(q);
        double[] eta = new double[CHUNK];
        double[] signedEta = new double[CHUNK];
        double[] lambda = new double[CHUNK];
        double[] score = new double[CHUNK];
        boolean vector = vectorKernels(b);
        GramUpdate information = GramUpdate.of(q, vector);
        MeatSums meatSums = meat == Meat.NONE ? null : new MeatSums(q, meat, vector, t);
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            BLAS_.dgemv("N", m, q, 1.0, z, CHUNK, theta, 1, 0.0, eta, 1);
            for (int i = 0; i < m; i++) {
                signedEta[i] = (2 * b.y[r0 + i] - 1) * eta[i]; // y is 0/1
                if (signedEta[i] > Separation.CUT) { // rare: a completely determined row
                    if (b.y[r0 + i] != 0) {
                        t.successesDetermined++;
                    } else {
                        t.failuresDetermined++;
                    }
                }
            }
            t.value += NormalDistribution.logCdfAndMills(signedEta, m, lambda, vector);
            for (int i = 0; i < m; i++) {
                double sign = 2 * b.y[r0 + i] - 1;
                score[i] = sign * lambda[i];
                eta[i] = expected // eta is no longer needed: it becomes the weight
                        ? NormalDistribution.millsRatio(eta[i]) * NormalDistribution.millsRatio(-eta[i])
                        : lambda[i] * (lambda[i] + signedEta[i]);
            }
            BLAS_.dgemv("T", m, q, 1.0, z, CHUNK, score, 1, 1.0, t.vector, 1);
            if (meatSums != null) {
                meatSums.add(b, r0, m, z, score);
            }
            scaleRows(z, zw, m, q, eta);
            information.add(zw, z, CHUNK, m);
        }
        information.addTo(t.matrix);
        if (meatSums != null) {
            meatSums.addTo(t.meat);
        }
        t.n = b.n;
        return t;
    }

    /** The sums of a margins pass at theta (see {@link Margins#accumulate}). */
    static PassTotals margins(DesignBlock b, Layout layout, double[] theta, int[] binary, int[][] groups,
                              double[] reported) {
        int q = layout.q();
        PassTotals t = new PassTotals(Margins.accumulatorLength(q, binary.length), 0, false);
        double[] z = chunk(q);
        double[] eta = new double[CHUNK];
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            BLAS_.dgemv("N", m, q, 1.0, z, CHUNK, theta, 1, 0.0, eta, 1);
            Margins.accumulate(t.vector, z, CHUNK, m, eta, b.w, r0, q, binary, groups, reported, layout.shift());
        }
        t.n = b.n;
        return t;
    }

    /**
     * Probit with frequency weights f (the only weights Stata's probit takes besides pweights):
     * log-likelihood, gradient and information are f-weighted sums; a robust meat is Σ f s s′ (f
     * copies of a row), a cluster meat sums f·s within the cluster. A separate method so that the
     * unweighted pass keeps its exact arithmetic.
     */
    private static PassTotals weightedProbit(DesignBlock b, Layout layout, double[] theta, boolean expected,
                                             Meat meat) {
        int q = layout.q();
        PassTotals t = new PassTotals(q, q, meat != Meat.NONE, meat == Meat.MULTIWAY ? b.clusterDimensions() : 0,
                b.localCluster);
        double[] z = chunk(q);
        double[] zw = chunk(q);
        double[] eta = new double[CHUNK];
        double[] signedEta = new double[CHUNK];
        double[] lambda = new double[CHUNK];
        double[] score = new double[CHUNK];
        double[] meatScore = new double[CHUNK];
        boolean vector = vectorKernels(b);
        GramUpdate information = GramUpdate.of(q, vector);
        MeatSums meatSums = meat == Meat.NONE ? null : new MeatSums(q, meat, vector, t);
        double[] mills = new double[1];
        for (int r0 = 0; r0 < b.n; r0 += CHUNK) {
            int m = Math.min(CHUNK, b.n - r0);
            fillChunk(b, r0, m, layout, z);
            BLAS_.dgemv("N", m, q, 1.0, z, CHUNK, theta, 1, 0.0, eta, 1);
            for (int i = 0; i < m; i++) {
                signedEta[i] = (2 * b.y[r0 + i] - 1) * eta[i];
                if (signedEta[i] > Separation.CUT) { // completely determined rows are counted as rows
                    if (b.y[r0 + i] != 0) {
                        t.successesDetermined++;
                    } else {
                        t.failuresDetermined++;
                    }
                }
            }
            for (int i = 0; i < m; i++) { // row by row: each log Φ is weighted
                t.value += b.w[r0 + i] * NormalDistribution.logCdfAndMills(signedEta[i], mills);
                lambda[i] = mills[0];
            }
            for (int i = 0; i < m; i++) {
                double f = b.w[r0 + i];
                double s = (2 * b.y[r0 + i] - 1) * lambda[i];
                score[i] = f * s;
                meatScore[i] = meat == Meat.ROBUST ? Math.sqrt(f) * s : f * s;
                double h = expected
                        ? NormalDistribution.millsRatio(eta[i]) * NormalDistribution.millsRatio(-eta[i])
                        : lambda[i] * (lambda[i] + signedEta[i]);
                eta[i] = f * h;
            }
            BLAS_.dgemv("T", m, q, 1.0, z, CHUNK, score, 1, 1.0, t.vector, 1);
            if (meatSums != null) {
                meatSums.add(b, r0, m, z, meatScore);
            }
            scaleRows(z, zw, m, q, eta);
            information.add(zw, z, CHUNK, m);
        }
        information.addTo(t.matrix);
        if (meatSums != null) {
            meatSums.addTo(t.meat);
        }
        t.n = b.n;
        return t;
    }

    /**
     * The residuals of weighted rows as they enter the meat: w·u for analytic weights (the score
     * of Σ w u²) and for any cluster meat; √f·u for a robust meat with frequency weights, so that
     * it sums f·u²·zz′ as f copies of the row would.
     */
    private static void weightScores(DesignBlock b, int r0, int m, double[] u, Meat meat, boolean frequency) {
        boolean byRow = meat == Meat.ROBUST || meat == Meat.HC3;
        for (int i = 0; i < m; i++) {
            double w = b.w[r0 + i];
            u[i] *= frequency && byRow ? Math.sqrt(w) : w;
        }
    }

    /** out = diag(w[offset..])·z over the first m rows of q columns (leading dimension CHUNK). */
    private static void scaleRows(double[] z, double[] out, int m, int q, double[] w, int offset) {
        for (int j = 0; j < q; j++) {
            int off = j * CHUNK;
            for (int i = 0; i < m; i++) {
                out[off + i] = z[off + i] * w[offset + i];
            }
        }
    }

    /** out = diag(factor)·z over the first m rows of q columns (leading dimension CHUNK). */
    private static void scaleRows(double[] z, double[] out, int m, int q, double[] factor) {
        for (int j = 0; j < q; j++) {
            int off = j * CHUNK;
            for (int i = 0; i < m; i++) {
                out[off + i] = z[off + i] * factor[i];
            }
        }
    }

    /**
     * The score "meat" of a sandwich: Σ_c (Σ_{i∈c} u_i z_i)(Σ_{i∈c} u_i z_i)' with c a single row
     * (robust) or a cluster. Rows of a cluster are contiguous in a block, so running cluster sums
     * are stacked as rows of a buffer that goes into the meat with one Gram update when full.
     * Multi-way meats go to the pass's {@link ClusterMeats}.
     */
    private static final class MeatSums {
        private final int q;
        private final Meat meat;
        private final double[] buffer;
        private final GramUpdate gram;
        private final PassTotals totals;
        private int filled;
        private int current = Integer.MIN_VALUE;

        MeatSums(int q, Meat meat, boolean vector, PassTotals totals) {
            this.q = q;
            this.meat = meat;
            this.buffer = meat == Meat.MULTIWAY ? null : chunk(q);
            this.gram = meat == Meat.MULTIWAY ? null : GramUpdate.of(q, vector);
            this.totals = totals;
        }

        /** Adds rows [r0, r0+m) of the block, z being their chunk and u their scores. */
        void add(DesignBlock b, int r0, int m, double[] z, double[] u) {
            if (meat == Meat.MULTIWAY) {
                totals.clusterMeats.add(b, r0, m, z, CHUNK, u);
                return;
            }
            if (meat == Meat.ROBUST || meat == Meat.HC3) {
                scaleRows(z, buffer, m, q, u);
                gram.add(buffer, buffer, CHUNK, m);
                return;
            }
            for (int i = 0; i < m; i++) {
                int cluster = b.cluster[r0 + i];
                if (cluster != current) {
                    if (current != Integer.MIN_VALUE && ++filled == CHUNK) {
                        flush();
                    }
                    current = cluster;
                    totals.clusters++;
                }
                for (int j = 0; j < q; j++) {
                    buffer[filled + j * CHUNK] += u[i] * z[i + j * CHUNK];
                }
            }
        }

        void addTo(double[] target) {
            if (meat == Meat.MULTIWAY) {
                totals.clusterMeats.endBlock();
                return;
            }
            if (meat == Meat.CLUSTER) {
                if (current != Integer.MIN_VALUE) {
                    filled++;
                }
                flush();
                current = Integer.MIN_VALUE;
            }
            gram.addTo(target);
        }

        private void flush() {
            gram.add(buffer, buffer, CHUNK, filled);
            java.util.Arrays.fill(buffer, 0.0);
            filled = 0;
        }
    }
}
