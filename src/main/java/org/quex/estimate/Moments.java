package org.quex.estimate;

import java.io.Serializable;

/**
 * The sufficient statistics of a linear model over the stored columns and the response
 * (w = p + 1 variables, y last): count, means and the centred cross-product matrix
 * Σ(v − v̄)(v − v̄)′. Each block centres at its own means; blocks merge with the pairwise update
 * of Chan, Golub & LeVeque (1979), so no sum of squares is ever formed around zero. With weights
 * the means and cross products are weighted and W = Σw takes the place of the count.
 */
final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;

    final int w;
    long n;
    /** Σ of the weights; n when unweighted. */
    double weight;
    final double[] mean;
    /** Upper triangle, full w×w storage. */
    final double[] comoment;

    Moments(int w) {
        this.w = w;
        this.mean = new double[w];
        this.comoment = new double[w * w];
    }

    /** The moments of one block, centred at the block's means. */
    static Moments of(DesignBlock b) {
        int p = b.p;
        Moments m = new Moments(p + 1);
        m.n = b.n;
        if (b.n == 0) {
            return m;
        }
        double[] w = b.w;
        double total = 0;
        for (int i = 0; i < b.n; i++) {
            total += w == null ? 1.0 : w[i];
        }
        m.weight = total;
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0, off = j * b.n; i < b.n; i++) {
                s += w == null ? b.x[off + i] : w[i] * b.x[off + i];
            }
            m.mean[j] = s / total;
        }
        double sy = 0;
        for (int i = 0; i < b.n; i++) {
            sy += w == null ? b.y[i] : w[i] * b.y[i];
        }
        m.mean[p] = sy / total;
        PassTotals cross = BlockMath.crossProducts(b, new BlockMath.Layout(java.util.Arrays.copyOf(m.mean, p), false),
                m.mean[p]);
        System.arraycopy(cross.matrix, 0, m.comoment, 0, m.comoment.length);
        return m;
    }

    /** The moments of the union of two disjoint sets of rows. */
    Moments merge(Moments o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            return o;
        }
        Moments r = new Moments(w);
        r.n = n + o.n;
        r.weight = weight + o.weight;
        double f = weight * o.weight / r.weight;
        double[] delta = new double[w];
        for (int j = 0; j < w; j++) {
            delta[j] = o.mean[j] - mean[j];
            r.mean[j] = mean[j] + delta[j] * o.weight / r.weight;
        }
        for (int j = 0; j < w; j++) {
            for (int i = 0; i <= j; i++) {
                r.comoment[i + j * w] = comoment[i + j * w] + o.comoment[i + j * w] + f * delta[i] * delta[j];
            }
        }
        return r;
    }

    double co(int i, int j) {
        return i <= j ? comoment[i + j * w] : comoment[j + i * w];
    }

    /**
     * The normal equations in the coordinates the passes use: Z = [X − shift, 1] and y − yShift.
     * With a constant the shift is the means, so the constant column is orthogonal to the rest and
     * everything comes from the centred moments; without one, nothing is shifted.
     */
    record Centred(double[] shift, double yShift, double[] gram, double[] zy, double yy) {
    }

    Centred centred(boolean constant) {
        int p = w - 1;
        int q = p + (constant ? 1 : 0);
        double[] shift = new double[p];
        double[] gram = new double[q * q];
        double[] zy = new double[q];
        for (int j = 0; j < p; j++) {
            double cj = constant ? 0 : weight * mean[j];
            for (int i = 0; i < p; i++) {
                gram[i + j * q] = co(i, j) + cj * mean[i];
            }
            zy[j] = co(j, p) + cj * mean[p];
        }
        if (constant) {
            System.arraycopy(mean, 0, shift, 0, p);
            gram[p + p * q] = weight;
            return new Centred(shift, mean[p], gram, zy, co(p, p));
        }
        return new Centred(shift, 0.0, gram, zy, co(p, p) + weight * mean[p] * mean[p]);
    }
}
