package org.quex.tfp;

/**
 * Row-major k×k systems of the TFP estimators (k ≤ ~25, solved a few thousand times per
 * optimisation on the driver): Gaussian elimination with partial pivoting. Hand-written because a
 * LAPACK call per 4×4 solve costs more than the solve.
 */
final class Dense {
    private Dense() {
    }

    /** x with A x = b; A is k×k row-major (not modified). NaNs when A is singular. */
    static double[] solve(double[] a, int k, double[] b) {
        double[] m = a.clone();
        double[] x = b.clone();
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(m[r * k + c]) > Math.abs(m[p * k + c])) {
                    p = r;
                }
            }
            if (m[p * k + c] == 0) {
                double[] nan = new double[k];
                java.util.Arrays.fill(nan, Double.NaN);
                return nan;
            }
            if (p != c) {
                for (int j = 0; j < k; j++) {
                    double t = m[c * k + j];
                    m[c * k + j] = m[p * k + j];
                    m[p * k + j] = t;
                }
                double t = x[c];
                x[c] = x[p];
                x[p] = t;
            }
            for (int r = c + 1; r < k; r++) {
                double f = m[r * k + c] / m[c * k + c];
                if (f == 0) {
                    continue;
                }
                for (int j = c; j < k; j++) {
                    m[r * k + j] -= f * m[c * k + j];
                }
                x[r] -= f * x[c];
            }
        }
        for (int r = k - 1; r >= 0; r--) {
            double s = x[r];
            for (int j = r + 1; j < k; j++) {
                s -= m[r * k + j] * x[j];
            }
            x[r] = s / m[r * k + r];
        }
        return x;
    }

    static double[] inverse(double[] a, int k) {
        double[] inv = new double[k * k];
        for (int j = 0; j < k; j++) {
            double[] e = new double[k];
            e[j] = 1;
            double[] col = solve(a, k, e);
            for (int i = 0; i < k; i++) {
                inv[i * k + j] = col[i];
            }
        }
        return inv;
    }

    /**
     * Columns of a cross-product matrix (row-major k×k) that are linear combinations of earlier
     * ones, as R's lm marks them aliased: the part of a column not explained by the kept earlier
     * ones has a sum of squares below {@code tolerance} times its own.
     */
    static boolean[] aliased(double[] gram, int k, double tolerance) {
        boolean[] out = new boolean[k];
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            int n = kept.size();
            double own = gram[j * k + j];
            if (n > 0) {
                double[] sub = new double[n * n];
                double[] rhs = new double[n];
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        sub[a * n + b] = gram[kept.get(a) * k + kept.get(b)];
                    }
                    rhs[a] = gram[kept.get(a) * k + j];
                }
                double[] coef = solve(sub, n, rhs);
                double explained = 0;
                for (int a = 0; a < n; a++) {
                    explained += coef[a] * rhs[a];
                }
                double rest = own - explained;
                if (!(rest > tolerance * Math.max(own, Double.MIN_NORMAL))) {
                    out[j] = true;
                    continue;
                }
            } else if (!(own > 0)) {
                out[j] = true;
                continue;
            }
            kept.add(j);
        }
        return out;
    }
}
