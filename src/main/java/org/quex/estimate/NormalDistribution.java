package org.quex.estimate;

import org.apache.commons.math3.special.Beta;

/**
 * Normal and Student-t tail functions computed so that probit terms stay exact for any linear
 * index. Everything goes through the scaled complementary error function
 * erfcx(x) = exp(x²)·erfc(x), so log Φ(t) and the inverse Mills ratio φ(t)/Φ(t) never pass
 * through a probability that has underflowed or been clipped (Spark MLlib's probit link does,
 * and is wrong for |η| beyond about 8).
 */
public final class NormalDistribution {
    static final double SQRT2 = Math.sqrt(2.0);
    static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    static final double INV_SQRT_PI = 0.56418958354775628695;
    static final double INV_SQRT_2PI = 0.39894228040143267794;

    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
    // (1969) 631-638; coefficients as published in netlib specfun CALERF (public domain).
    static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
        3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
        1.28261652607737228e03, 2.84423683343917062e03};
    static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
        6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
        1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
        2.15311535474403846e-8};
    static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
        5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
        4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
        1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
        1.63153871373020978e-2};
    static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
        5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

    private NormalDistribution() {
    }

    /** exp(x²)·erfc(x) for x ≥ 0, to about 16 significant digits. */
    static double erfcx(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("erfcx is only needed for x >= 0");
        }
        if (x <= 0.46875) {
            double x2 = x * x;
            double num = A[4] * x2;
            double den = x2;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * x2;
                den = (den + B[i]) * x2;
            }
            double erf = x * (num + A[3]) / (den + B[3]);
            return Math.exp(x2) * (1.0 - erf);
        }
        if (x <= 4.0) {
            double num = C[8] * x;
            double den = x;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * x;
                den = (den + D[i]) * x;
            }
            return (num + C[7]) / (den + D[7]);
        }
        if (x >= 6.71e7) {
            return INV_SQRT_PI / x;
        }
        double r = 1.0 / (x * x);
        double num = P[5] * r;
        double den = r;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * r;
            den = (den + Q[i]) * r;
        }
        double tail = r * (num + P[4]) / (den + Q[4]);
        return (INV_SQRT_PI - tail) / x;
    }

    /** erfc(x) for x ≥ 0; underflows to 0 only where the true value does. */
    static double erfc(double x) {
        return expNegSquare(x) * erfcx(x);
    }

    /** Φ(t), the standard normal distribution function. */
    public static double cdf(double t) {
        return t < 0 ? 0.5 * erfc(-t / SQRT2) : 1.0 - 0.5 * erfc(t / SQRT2);
    }

    /** log Φ(t), exact in the far left tail where Φ(t) itself underflows. */
    public static double logCdf(double t) {
        if (t < 0) {
            double u = -t / SQRT2;
            return Math.log(0.5 * erfcx(u)) - u * u;
        }
        return Math.log1p(-0.5 * erfc(t / SQRT2));
    }

    /**
     * log Φ(t), returned, and φ(t)/Φ(t) in {@code millsOut[0]}, sharing one erfcx evaluation
     * (the probit pass needs both for every row).
     */
    public static double logCdfAndMills(double t, double[] millsOut) {
        if (t < 0) {
            double u = -t / SQRT2;
            double e = erfcx(u);
            millsOut[0] = SQRT_2_OVER_PI / e;
            return Math.log(0.5 * e) - u * u;
        }
        double v = t / SQRT2;
        // One exp suffices here: its relative error v²·ε only touches 1 − Φ(t), which is tiny.
        double expNegV2 = Math.exp(-v * v);
        double upper = 0.5 * expNegV2 * erfcx(v); // 1 − Φ(t)
        millsOut[0] = INV_SQRT_2PI * expNegV2 / (1.0 - upper);
        return Math.log1p(-upper);
    }

    /**
     * {@link #logCdfAndMills(double, double[])} over t[0..m): returns Σ log Φ(t) and writes each
     * φ(t)/Φ(t) to {@code mills}; with {@code vector}, by {@link VectorNormal}.
     */
    static double logCdfAndMills(double[] t, int m, double[] mills, boolean vector) {
        return vector ? VectorNormal.logCdfAndMills(t, m, mills) : logCdfAndMills(t, 0, m, mills);
    }

    /** The scalar loop over t[from..m). */
    static double logCdfAndMills(double[] t, int from, int m, double[] mills) {
        double[] out = new double[1];
        double sum = 0;
        for (int i = from; i < m; i++) {
            sum += logCdfAndMills(t[i], out);
            mills[i] = out[0];
        }
        return sum;
    }

    /** exp(−x²) with x² split as in CALERF, so that rounding of x² does not spoil the tail. */
    private static double expNegSquare(double x) {
        double xr = Math.floor(x * 16.0) / 16.0;
        double del = (x - xr) * (x + xr);
        return Math.exp(-xr * xr) * Math.exp(-del);
    }

    /** φ(t)/Φ(t), the inverse Mills ratio; about −t for very negative t. */
    public static double millsRatio(double t) {
        if (t < 0) {
            return SQRT_2_OVER_PI / erfcx(-t / SQRT2);
        }
        return INV_SQRT_2PI * Math.exp(-0.5 * t * t) / (1.0 - 0.5 * erfc(t / SQRT2));
    }

    /** Two-sided p-value of a z statistic, 2·Φ(−|z|). */
    public static double twoSidedP(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return erfc(Math.abs(z) / SQRT2);
    }

    /** Two-sided p-value of a t statistic with df degrees of freedom. */
    public static double twoSidedPStudent(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }
}
