package org.quex.estimate;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * Accumulates c += aᵀb over column-major chunks of rows (leading dimension {@code ld}) for
 * products known to be symmetric, a = diag(w)·b, as every Gram update of a pass is. Chunks have
 * {@link #paddedColumns(int)} columns, those beyond q left zero, so that the Vector API kernel
 * always works on 4×4 tiles.
 */
abstract class GramUpdate {
    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    final int q;

    GramUpdate(int q) {
        this.q = q;
    }

    /** The Vector API kernel if asked for (see {@link BlockMath#vectorKernels}), otherwise a BLAS dgemm per chunk. */
    static GramUpdate of(int q, boolean vector) {
        return vector ? new VectorGram(q) : new Blas(q);
    }

    static int paddedColumns(int q) {
        return (q + 3) / 4 * 4;
    }

    /** Adds aᵀb over rows [0, rows) of the chunks a and b. */
    abstract void add(double[] a, double[] b, int ld, int rows);

    /** Adds the q×q sums gathered so far into c (full storage) and starts again from zero. */
    abstract void addTo(double[] c);

    /** The fallback: a full dgemm per chunk with the pure-Java BLAS. */
    static final class Blas extends GramUpdate {
        private static final BLAS BLAS_ = JavaBLAS.getInstance();
        private final double[] sums;

        Blas(int q) {
            super(q);
            sums = new double[q * q];
        }

        @Override
        void add(double[] a, double[] b, int ld, int rows) {
            if (rows > 0) {
                BLAS_.dgemm("T", "N", q, q, rows, 1.0, a, ld, b, ld, 1.0, sums, q);
            }
        }

        @Override
        void addTo(double[] c) {
            for (int i = 0; i < sums.length; i++) {
                c[i] += sums[i];
            }
            java.util.Arrays.fill(sums, 0.0);
        }
    }
}
