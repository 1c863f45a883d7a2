package org.quex;

import java.util.Arrays;

/**
 * A sum of doubles rounded once, at the end: Shewchuk's non-overlapping partials (Shewchuk 1997,
 * "Adaptive precision floating-point arithmetic"; the algorithm of Python's {@code math.fsum}).
 * The result is the exact sum of the terms correctly rounded, so it does not depend on the order in
 * which the terms arrive: a table summed row by row gives the same bits whether Spark split and
 * shuffled its rows one way or another, on one machine or a cluster. Hand-written: the JDK has none,
 * and Commons Math's {@code MathArrays.linearCombination} and {@code Sum} are compensated, not
 * exact.
 *
 * <p>A non-finite term makes the sum the plain sum of the non-finite terms (an infinity or NaN);
 * finite terms whose partial sums overflow give an infinity (where Python raises an error).
 */
public final class ExactSum implements java.io.Serializable {
    private double[] partials = new double[2];
    private int count;
    private double special; // the sum of the non-finite terms and of overflowed partial sums (0: none)

    public void add(double x) {
        if (!Double.isFinite(x)) {
            special += x;
            return;
        }
        int kept = 0;
        for (int j = 0; j < count; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (Double.isInfinite(x)) { // the partial sums of finite terms overflowed
            special += x;
            kept = 0;
        } else if (x != 0.0) {
            if (kept == partials.length) {
                partials = Arrays.copyOf(partials, 2 * kept);
            }
            partials[kept++] = x;
        }
        count = kept;
    }

    /** Adds the terms of {@code other} (its partials sum exactly to them): sums of parts merge exactly. */
    public ExactSum add(ExactSum other) {
        for (int j = 0; j < other.count; j++) {
            add(other.partials[j]);
        }
        special += other.special;
        return this;
    }

    /** The exact sum of the terms added, correctly rounded (round half to even); 0 for none. */
    public double value() {
        if (special != 0.0 || Double.isNaN(special)) {
            return special;
        }
        int n = count;
        double hi = 0.0;
        double lo = 0.0;
        if (n > 0) {
            hi = partials[--n];
            // partials are non-overlapping and increasing in magnitude: add from the top until the
            // rounding becomes inexact
            while (n > 0) {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                lo = y - (hi - x);
                if (lo != 0.0) {
                    break;
                }
            }
            // a rounding error of exactly half an ulp is a tie only if nothing below breaks it
            if (n > 0 && (lo < 0.0 && partials[n - 1] < 0.0 || lo > 0.0 && partials[n - 1] > 0.0)) {
                double y = lo * 2.0;
                double x = hi + y;
                if (y == x - hi) {
                    hi = x;
                }
            }
        }
        return hi;
    }
}
