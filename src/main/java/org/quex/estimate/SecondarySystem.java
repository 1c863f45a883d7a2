package org.quex.estimate;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The driver's part of absorbing the secondary effects: S·Γ = B with S = D′M₁D (m × m, positive
 * semi-definite, singular whenever effects overlap) and one right-hand side per model column.
 * Small systems are solved exactly by an in-order pivoted Cholesky factorization, which also
 * gives rank(S) and so the exact number of absorbed parameters; large ones by Jacobi-
 * preconditioned conjugate gradients, one pass over the data per step. Hand-written because
 * LAPACK's pivoted Cholesky reorders by size (we need the given order, to say which levels are
 * redundant, as reghdfe does) and a matrix-free CG is not in the libraries Spark ships.
 */
final class SecondarySystem {
    /** A level is redundant when the part of its column not explained by earlier ones is this small, relatively. */
    static final double RANK_TOLERANCE = 1e-9;

    private SecondarySystem() {
    }

    /** The solution (zero for redundant levels) and which levels were kept, in index order. */
    record Exact(double[] gamma, boolean[] kept, int rank) {
    }

    /**
     * Factorizes S (upper triangle, column-major m × m) in the given level order, dropping a level
     * whose remaining diagonal falls below {@link #RANK_TOLERANCE} times its own, and solves for the
     * w columns of B (row-major m × w).
     */
    static Exact exact(double[] s, double[] b, int m, int w, int[] order) {
        double[] l = new double[m * m]; // row a of L (kept level a) at l[a*m ..], lower triangular
        int[] keptLevel = new int[m];
        int r = 0;
        double[] v = new double[m];
        for (int level : order) {
            double diag = s[level + level * m];
            if (!(diag > 0)) {
                continue;
            }
            for (int a = 0; a < r; a++) {
                int other = keptLevel[a];
                double sum = other <= level ? s[other + level * m] : s[level + other * m];
                int rowA = a * m;
                for (int c = 0; c < a; c++) {
                    sum -= l[rowA + c] * v[c];
                }
                v[a] = sum / l[rowA + a];
            }
            double d = diag;
            for (int a = 0; a < r; a++) {
                d -= v[a] * v[a];
            }
            if (!(d > RANK_TOLERANCE * diag)) {
                continue;
            }
            System.arraycopy(v, 0, l, r * m, r);
            l[r * m + r] = Math.sqrt(d);
            keptLevel[r++] = level;
        }
        double[] gamma = new double[m * w];
        double[] z = new double[r];
        for (int c = 0; c < w; c++) {
            for (int a = 0; a < r; a++) { // L z = b
                double sum = b[keptLevel[a] * w + c];
                for (int k = 0; k < a; k++) {
                    sum -= l[a * m + k] * z[k];
                }
                z[a] = sum / l[a * m + a];
            }
            for (int a = r - 1; a >= 0; a--) { // L′ γ = z
                double sum = z[a];
                for (int k = a + 1; k < r; k++) {
                    sum -= l[k * m + a] * z[k];
                }
                z[a] = sum / l[a * m + a];
            }
            for (int a = 0; a < r; a++) {
                gamma[keptLevel[a] * w + c] = z[a];
            }
        }
        boolean[] kept = new boolean[m];
        for (int a = 0; a < r; a++) {
            kept[keptLevel[a]] = true;
        }
        return new Exact(gamma, kept, r);
    }

    /** The outcome of the iterative solve. */
    record Iterative(double[] gamma, int iterations, boolean converged, double relativeResidual) {
    }

    /**
     * Preconditioned conjugate gradients for all w columns at once (each its own step sizes):
     * {@code times} is one pass over the data computing S·P. A column stops when
     * ‖B − S·Γ‖ ≤ tolerance·‖B‖; a singular but consistent S is fine from Γ = 0.
     */
    static Iterative conjugateGradient(double[] b, double[] diag, int m, int w, double tolerance, int maxIterations,
                                       UnaryOperator<double[]> times) {
        double[] inv = new double[m];
        for (int a = 0; a < m; a++) {
            inv[a] = diag[a] > 1e-12 ? 1 / diag[a] : 0; // a level with no variation within the primary: no step
        }
        double[] gamma = new double[m * w];
        double[] res = b.clone();
        double[] z = new double[m * w];
        double[] dir = new double[m * w];
        double[] bNorm = columnNorms(b, m, w);
        double[] rz = new double[w];
        boolean[] done = new boolean[w];
        for (int c = 0; c < w; c++) {
            for (int a = 0; a < m; a++) {
                z[a * w + c] = inv[a] * res[a * w + c];
                rz[c] += res[a * w + c] * z[a * w + c];
            }
            done[c] = bNorm[c] == 0;
        }
        System.arraycopy(z, 0, dir, 0, z.length);
        double[] relative = new double[w];
        int it = 0;
        while (!all(done) && it < maxIterations) {
            double[] q = times.apply(dir);
            it++;
            for (int c = 0; c < w; c++) {
                if (done[c]) {
                    continue;
                }
                double pq = 0;
                for (int a = 0; a < m; a++) {
                    pq += dir[a * w + c] * q[a * w + c];
                }
                double alpha = pq > 0 ? rz[c] / pq : 0;
                double rr = 0;
                double rzNext = 0;
                for (int a = 0; a < m; a++) {
                    int k = a * w + c;
                    gamma[k] += alpha * dir[k];
                    res[k] -= alpha * q[k];
                    rr += res[k] * res[k];
                    z[k] = inv[a] * res[k];
                    rzNext += res[k] * z[k];
                }
                double rel = Math.sqrt(rr) / bNorm[c];
                relative[c] = rel;
                if (rel <= tolerance || alpha == 0) { // alpha = 0: no descent left (rounding)
                    done[c] = true;
                    for (int a = 0; a < m; a++) {
                        dir[a * w + c] = 0;
                    }
                    continue;
                }
                double beta = rzNext / rz[c];
                rz[c] = rzNext;
                for (int a = 0; a < m; a++) {
                    int k = a * w + c;
                    dir[k] = z[k] + beta * dir[k];
                }
            }
        }
        double worst = 0;
        for (double r : relative) {
            worst = Math.max(worst, r);
        }
        return new Iterative(gamma, it, all(done) && worst <= tolerance, worst);
    }

    private static double[] columnNorms(double[] a, int m, int w) {
        double[] norms = new double[w];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < w; c++) {
                norms[c] += a[r * w + c] * a[r * w + c];
            }
        }
        for (int c = 0; c < w; c++) {
            norms[c] = Math.sqrt(norms[c]);
        }
        return norms;
    }

    private static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    static int[] identity(int m) {
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
