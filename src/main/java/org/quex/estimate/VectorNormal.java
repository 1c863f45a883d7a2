package org.quex.estimate;

import static org.quex.estimate.NormalDistribution.A;
import static org.quex.estimate.NormalDistribution.B;
import static org.quex.estimate.NormalDistribution.C;
import static org.quex.estimate.NormalDistribution.D;
import static org.quex.estimate.NormalDistribution.INV_SQRT_2PI;
import static org.quex.estimate.NormalDistribution.INV_SQRT_PI;
import static org.quex.estimate.NormalDistribution.P;
import static org.quex.estimate.NormalDistribution.Q;
import static org.quex.estimate.NormalDistribution.SQRT2;
import static org.quex.estimate.NormalDistribution.SQRT_2_OVER_PI;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * log Φ(t) and the inverse Mills ratio for a whole chunk of rows, lane-parallel and without
 * branches on the data (the scalar version mispredicts its sign and range tests on every other
 * row): Cody's erf rational where |t|/√2 ≤ 0.46875, his erfcx rationals elsewhere, one exp and
 * one log per row (Math's, lane by lane). The same formulas as
 * {@link NormalDistribution#logCdfAndMills(double, double[])}, except that log Φ(t) for t > 0.66
 * is log(1 − upper tail) rather than log1p: its absolute error stays below 1e-15, which is all a
 * log-likelihood sum can see.
 */
final class VectorNormal {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double SMALL = 0.46875;
    private static final double TAIL = 4.0;
    private static final double HUGE = 6.71e7;

    private VectorNormal() {
    }

    static double logCdfAndMills(double[] t, int m, double[] mills) {
        int bound = S.loopBound(m);
        DoubleVector sum = DoubleVector.zero(S);
        DoubleVector half = DoubleVector.broadcast(S, 0.5);
        double[] lanes = new double[S.length()];
        for (int i = 0; i < bound; i += S.length()) {
            DoubleVector tv = DoubleVector.fromArray(S, t, i);
            DoubleVector u = tv.abs().div(SQRT2);
            DoubleVector u2 = u.mul(u);
            VectorMask<Double> small = u.compare(VectorOperators.LE, SMALL);
            VectorMask<Double> negative = tv.compare(VectorOperators.LT, 0.0);

            DoubleVector num = u2.mul(A[4]);
            DoubleVector den = u2;
            for (int k = 0; k < 3; k++) {
                num = num.add(A[k]).mul(u2);
                den = den.add(B[k]).mul(u2);
            }
            DoubleVector halfErf = half.mul(u).mul(num.add(A[3])).div(den.add(B[3]));
            DoubleVector e = erfcx(u, u2); // meaningful where not small

            DoubleVector gauss = math(u2.neg(), lanes, true); // exp(−t²/2)
            // Φ(t) where small, 1 − upper tail where t is large and positive, Φ(t)·exp(u²) otherwise
            DoubleVector phiSmall = half.add(halfErf.blend(halfErf.neg(), negative));
            DoubleVector phiPositive = half.mul(gauss).mul(e).neg().add(1.0);
            VectorMask<Double> largeNegative = negative.andNot(small);
            DoubleVector phi = phiPositive.blend(phiSmall, small).blend(half.mul(e), largeNegative);
            DoubleVector log = math(phi, lanes, false).sub(u2.blend(0.0, largeNegative.not()));
            sum = sum.add(log);
            DoubleVector lambda = gauss.mul(INV_SQRT_2PI).div(phi)
                    .blend(DoubleVector.broadcast(S, SQRT_2_OVER_PI).div(e), largeNegative);
            lambda.intoArray(mills, i);
        }
        sum.intoArray(lanes, 0);
        double total = 0;
        for (double lane : lanes) {
            total += lane; // a fixed order: the API leaves reduceLanes' order open
        }
        return total + NormalDistribution.logCdfAndMills(t, bound, m, mills);
    }

    /**
     * Math.exp or Math.log lane by lane. The Vector API's own EXP and LOG differ from Math's in the
     * last bit on some inputs, and which one runs depends on whether the loop is compiled yet, so
     * that a rerun in a warm JVM could change the last digit of an estimate.
     */
    private static DoubleVector math(DoubleVector v, double[] lanes, boolean exp) {
        v.intoArray(lanes, 0);
        for (int k = 0; k < lanes.length; k++) {
            lanes[k] = exp ? Math.exp(lanes[k]) : Math.log(lanes[k]);
        }
        return DoubleVector.fromArray(S, lanes, 0);
    }

    /** erfcx(u) for u > 0.46875: Cody's rational on (0.46875, 4], his asymptotic one beyond. */
    private static DoubleVector erfcx(DoubleVector u, DoubleVector u2) {
        DoubleVector num = u.mul(C[8]);
        DoubleVector den = u;
        for (int k = 0; k < 7; k++) {
            num = num.add(C[k]).mul(u);
            den = den.add(D[k]).mul(u);
        }
        DoubleVector e = num.add(C[7]).div(den.add(D[7]));
        VectorMask<Double> tail = u.compare(VectorOperators.GT, TAIL);
        if (!tail.anyTrue()) {
            return e;
        }
        DoubleVector r = DoubleVector.broadcast(S, 1.0).div(u2);
        DoubleVector pn = r.mul(P[5]);
        DoubleVector pd = r;
        for (int k = 0; k < 4; k++) {
            pn = pn.add(P[k]).mul(r);
            pd = pd.add(Q[k]).mul(r);
        }
        DoubleVector asymptotic = r.mul(pn.add(P[4])).div(pd.add(Q[4])).neg().add(INV_SQRT_PI).div(u);
        VectorMask<Double> huge = u.compare(VectorOperators.GE, HUGE);
        return e.blend(asymptotic, tail).blend(DoubleVector.broadcast(S, INV_SQRT_PI).div(u), huge);
    }
}
