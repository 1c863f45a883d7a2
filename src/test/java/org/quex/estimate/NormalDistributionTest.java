package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quex.estimate.OracleTest.assertRelative;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    /** Asymptotic series of Φ(t)·|t|/φ(t) for t → −∞, truncation error below 1e-14 at |t| ≥ 20. */
    private static double millsSeries(double t) {
        double r = 1 / (t * t);
        return 1 - r + 3 * r * r - 15 * Math.pow(r, 3) + 105 * Math.pow(r, 4) - 945 * Math.pow(r, 5)
                + 10395 * Math.pow(r, 6) - 135135 * Math.pow(r, 7);
    }

    @Test
    void knownValuesOfTheNormalDistribution() {
        assertRelative(0.9750021048517795, NormalDistribution.cdf(1.96), 1e-15, "Phi(1.96)");
        assertRelative(0.15865525393145705, NormalDistribution.cdf(-1), 1e-15, "Phi(-1)");
        assertEquals(0.5, NormalDistribution.cdf(0), 0);
        assertRelative(0.05, NormalDistribution.twoSidedP(1.959963984540054), 1e-14, "p(1.96)");
    }

    @Test
    void logCdfMatchesTheCLibraryErfc() {
        // Python's math.erfc (C libm): log1p(-erfc(t/√2)/2) for t > 0, log(erfc(-t/√2)/2) for t < 0.
        assertRelative(-4.711665511775761e-06, NormalDistribution.logCdf(4.43), 1e-14, "log Phi(4.43)");
        assertRelative(-9.865876455243787e-10, NormalDistribution.logCdf(6.0), 1e-14, "log Phi(6)");
        assertRelative(-6.220960574271821e-16, NormalDistribution.logCdf(8.0), 1e-14, "log Phi(8)");
        assertRelative(-6.607726221510348, NormalDistribution.logCdf(-3.0), 1e-15, "log Phi(-3)");
        assertRelative(-31.075890902889995, NormalDistribution.logCdf(-7.5), 1e-15, "log Phi(-7.5)");
    }

        @Test
    void agreesWithCommonsMathErfcInTheBody() {
        for (double t = -8; t <= 8; t += 0.01) {
            double expected = 0.5 * Erf.erfc(-t / Math.sqrt(2));
            assertRelative(expected, NormalDistribution.cdf(t), 1e-13, "Phi(" + t + ")");
            if (t < 3) { // beyond, log1p magnifies commons-math's tail error; libm values above cover it
                assertRelative(Math.log(expected), NormalDistribution.logCdf(t), 1e-12, "log Phi(" + t + ")");
            }
            double mills = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI) / expected;
            assertRelative(mills, NormalDistribution.millsRatio(t), 1e-12, "mills(" + t + ")");
        }
    }

    @Test
    void stayExactFarInTheLeftTailWhereThePlainProbabilityUnderflows() {
        for (double t : new double[] {-20, -40, -100, -1000}) {
            double logPhi = -t * t / 2 - Math.log(-t) - 0.5 * Math.log(2 * Math.PI) + Math.log(millsSeries(t));
            assertRelative(logPhi, NormalDistribution.logCdf(t), 1e-13, "log Phi(" + t + ")");
            assertRelative(-t / millsSeries(t), NormalDistribution.millsRatio(t), 1e-13, "mills(" + t + ")");
        }
        // Φ(−40) underflows to 0 as a probability; its log does not.
        assertEquals(0.0, 0.5 * Erf.erfc(40 / Math.sqrt(2)), 0.0);
    }

    @Test
    void rightTailIsExactToo() {
        // log Φ(t) = log(1 − Φ(−t)) ≈ −Φ(−t) for large t.
        assertRelative(-NormalDistribution.cdf(-9), NormalDistribution.logCdf(9), 1e-12, "log Phi(9)");
        assertRelative(Math.exp(-50) / Math.sqrt(2 * Math.PI), NormalDistribution.millsRatio(10), 1e-13, "mills(10)");
    }

    @Test
    void studentPValuesMatchTables() {
        // t = 2.228 is the two-sided 5% critical value with 10 degrees of freedom.
        assertEquals(0.05, NormalDistribution.twoSidedPStudent(2.2281388519649385, 10), 1e-10);
        assertEquals(1.0, NormalDistribution.twoSidedPStudent(0, 5), 1e-15);
    }
}
