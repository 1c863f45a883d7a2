package org.quex.estimate;

/**
 * The terms of a model that are estimated (not omitted), and the moves between full-length
 * vectors and matrices (all q terms, omitted ones included) and their kept parts.
 */
final class KeptTerms {
    private final int q;
    private final int[] index;

    KeptTerms(boolean[] omitted) {
        this.q = omitted.length;
        this.index = SymmetricMatrix.keptIndex(omitted);
    }

    int count() {
        return index.length;
    }

    double[] select(double[] full) {
        double[] out = new double[index.length];
        for (int a = 0; a < index.length; a++) {
            out[a] = full[index[a]];
        }
        return out;
    }

    /** A kept-length vector back to full length, zeros for omitted terms. */
    double[] scatter(double[] kept) {
        double[] out = new double[q];
        for (int a = 0; a < index.length; a++) {
            out[index[a]] = kept[a];
        }
        return out;
    }

    /** The kept rows and columns of a full q×q matrix (upper triangle read). */
    double[] selectMatrix(double[] full) {
        int r = index.length;
        double[] out = new double[r * r];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                int i = Math.min(index[a], index[b]);
                int j = Math.max(index[a], index[b]);
                out[a + b * r] = full[i + j * q];
            }
        }
        return out;
    }

    /** A kept r×r matrix back to q×q, zeros for omitted terms. */
    double[] expandMatrix(double[] kept) {
        int r = index.length;
        double[] out = new double[q * q];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                out[index[a] + index[b] * q] = kept[a + b * r];
            }
        }
        return out;
    }

    /** The inverse of the kept part of a full symmetric matrix, or null if not positive definite. */
    double[] inverse(double[] full) {
        return SymmetricMatrix.inverse(selectMatrix(full), index.length);
    }

    /** matrix · vector over the kept terms, returned at full length. */
    double[] solveWith(double[] inverse, double[] fullVector) {
        return scatter(SymmetricMatrix.multiply(inverse, index.length, select(fullVector)));
    }

    /** factor · bread · meat · bread with a kept bread and a full meat. */
    double[] sandwich(double[] bread, double[] fullMeat, double factor) {
        double[] v = SymmetricMatrix.sandwich(bread, selectMatrix(fullMeat), index.length);
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return v;
    }
}
