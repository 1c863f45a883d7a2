package org.quex.estimate;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Small dense symmetric matrices on the driver (k×k, column-major, full storage): in-order
 * collinearity detection and positive-definite inversion.
 */
public final class SymmetricMatrix {
    private SymmetricMatrix() {
    }

    /**
     * Marks the columns that are linear combinations of earlier ones, in the given order (as
     * Stata omits the later of two collinear regressors). A column is dropped when the part of it
     * not explained by the kept earlier columns has a sum of squares below
     * {@code tolerance × scale[j]}; with {@code scale} the column's own sum of squares (the
     * diagonal) the test is 1 − R² &lt; tolerance, whatever the column's units (see Collinearity).
     *
     * @param gram  k×k cross-product matrix (only the upper triangle is read)
     * @param fixed columns that are already excluded (may be null)
     */
    public static boolean[] collinear(double[] gram, int k, double[] scale, double tolerance, boolean[] fixed) {
        boolean[] omitted = new boolean[k];
        double[] l = new double[k * k]; // lower Cholesky factor of the kept columns, column-major
        int[] kept = new int[k];
        int nKept = 0;
        for (int j = 0; j < k; j++) {
            if (fixed != null && fixed[j]) {
                omitted[j] = true;
                continue;
            }
            // Solve L·v = G[kept, j]; the residual diagonal is G[j,j] − v·v.
            double[] v = new double[nKept];
            for (int a = 0; a < nKept; a++) {
                double s = entry(gram, k, kept[a], j);
                for (int b = 0; b < a; b++) {
                    s -= l[a + b * k] * v[b];
                }
                v[a] = s / l[a + a * k];
            }
            double d = entry(gram, k, j, j);
            for (int a = 0; a < nKept; a++) {
                d -= v[a] * v[a];
            }
            if (!(d > tolerance * scale[j]) || scale[j] <= 0) {
                omitted[j] = true;
                continue;
            }
            for (int a = 0; a < nKept; a++) {
                l[nKept + a * k] = v[a];
            }
            l[nKept + nKept * k] = Math.sqrt(d);
            kept[nKept++] = j;
        }
        return omitted;
    }

    private static double entry(double[] m, int k, int i, int j) {
        return i <= j ? m[i + j * k] : m[j + i * k];
    }

    public static int[] keptIndex(boolean[] omitted) {
        int r = 0;
        for (boolean o : omitted) {
            if (!o) {
                r++;
            }
        }
        int[] idx = new int[r];
        for (int j = 0, a = 0; j < omitted.length; j++) {
            if (!omitted[j]) {
                idx[a++] = j;
            }
        }
        return idx;
    }

    /**
     * Inverse of a symmetric positive-definite r×r matrix (full storage), or null when the
     * Cholesky factorization fails (the caller turns that into a diagnostic, not a crash).
     */
    public static double[] inverse(double[] m, int r) {
        if (r == 0) {
            return new double[0];
        }
        double[] a = m.clone();
        intW info = new intW(0);
        LAPACK lapack = JavaLAPACK.getInstance(); // the same digits on every machine
        lapack.dpotrf("U", r, a, r, info);
        if (info.val != 0) {
            return null;
        }
        lapack.dpotri("U", r, a, r, info);
        if (info.val != 0) {
            return null;
        }
        for (int j = 0; j < r; j++) {
            for (int i = j + 1; i < r; i++) {
                a[i + j * r] = a[j + i * r];
            }
        }
        return a;
    }

    /** y = M·x for a full r×r matrix. */
    public static double[] multiply(double[] m, int r, double[] x) {
        double[] y = new double[r];
        for (int j = 0; j < r; j++) {
            double xj = x[j];
            for (int i = 0; i < r; i++) {
                y[i] += m[i + j * r] * xj;
            }
        }
        return y;
    }

    /** A·V·Aᵀ for full square matrices of order r. */
    public static double[] sandwich(double[] a, double[] v, int r) {
        double[] av = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += a[i + l * r] * v[l + j * r];
                }
                av[i + j * r] = s;
            }
        }
        double[] out = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int l = 0; l < r; l++) {
                    s += av[i + l * r] * a[j + l * r];
                }
                out[i + j * r] = s;
            }
        }
        return out;
    }
}
