package org.quex.tfp;

import java.io.Serializable;

/**
 * An array of sums kept with Neumaier's compensation (Neumaier 1974; Higham, Accuracy and
 * Stability of Numerical Algorithms, §4.3): the total is then exact to about one rounding
 * whatever the order of the terms, so the moment sums, and the estimates the optimizer finds
 * from them, do not depend on how the rows are split into partitions. Plain sums differ in
 * their last digits between partitionings, and the flat second-stage objectives amplify that
 * to about 1e-9 in the estimates.
 */
public final class Compensated implements Serializable {
    private final double[] sum;
    private final double[] comp;

    public Compensated(int n) {
        sum = new double[n];
        comp = new double[n];
    }

    int length() {
        return sum.length;
    }

    public void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
            comp[i] += (s - t) + x;
        } else {
            comp[i] += (x - t) + s;
        }
        sum[i] = t;
    }

    Compensated merge(Compensated o) {
        for (int i = 0; i < sum.length; i++) {
            add(i, o.sum[i]);
            comp[i] += o.comp[i];
        }
        return this;
    }

    /** The compensated total; an infinite sum as it is (its compensation is then NaN: inf - inf). */
    public double value(int i) {
        return Double.isInfinite(sum[i]) ? sum[i] : sum[i] + comp[i];
    }

    double[] values() {
        double[] v = new double[sum.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
        }
        return v;
    }
}
