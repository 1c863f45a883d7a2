package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API kernels of a pass against plain loops and the scalar normal functions. */
class VectorKernelsTest {

    @Test
    void testsRunWithTheVectorApi() {
        // The kernels below would silently test only the fallbacks otherwise (surefire's argLine).
        assertTrue(GramUpdate.VECTOR_API, "jdk.incubator.vector is not in the test JVM");
    }

    @Test
    void gramUpdatesEqualTheNaiveWeightedCrossProducts() {
        Random random = new Random(7);
        int ld = 64;
        for (int q : new int[] {1, 3, 4, 5, 16, 17}) {
            for (int rows : new int[] {0, 1, 7, 9, 64}) {
                double[] b = new double[ld * GramUpdate.paddedColumns(q)];
                double[] a = new double[b.length];
                double[] w = new double[rows];
                for (int i = 0; i < rows; i++) {
                    w[i] = random.nextDouble();
                    for (int j = 0; j < q; j++) {
                        b[i + j * ld] = random.nextGaussian() + 3;
                        a[i + j * ld] = w[i] * b[i + j * ld];
                    }
                }
                double[] expected = new double[q * q];
                for (int i = 0; i < q; i++) {
                    for (int j = 0; j < q; j++) {
                        for (int r = 0; r < rows; r++) {
                            expected[i + j * q] += w[r] * b[r + i * ld] * b[r + j * ld];
                        }
                    }
                }
                for (GramUpdate gram : new GramUpdate[] {new VectorGram(q), new GramUpdate.Blas(q)}) {
                    double[] c = new double[q * q];
                    c[0] = 1.0; // addTo adds to what is there
                    gram.add(a, b, ld, rows);
                    gram.add(a, b, ld, rows); // sums accumulate over chunks
                    gram.addTo(c);
                    for (int k = 0; k < q * q; k++) {
                        double want = 2 * expected[k] + (k == 0 ? 1.0 : 0.0);
                        assertEquals(want, c[k], 1e-12 * (1 + Math.abs(want)),
                                gram.getClass().getSimpleName() + " q=" + q + " rows=" + rows + " entry " + k);
                    }
                    double[] again = new double[q * q];
                    gram.addTo(again); // addTo starts again from zero
                    assertEquals(0.0, java.util.Arrays.stream(again).map(Math::abs).sum(), 0.0);
                }
            }
        }
    }

    @Test
    void vectorLogCdfAndMillsAgreesWithTheScalarOne() {
        // Every range of the scalar function: the erf rational, erfcx on (0.47, 4], its asymptotic
        // form, both signs, far tails, and a length that leaves a scalar remainder.
        Random random = new Random(11);
        int n = 40_003;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = switch (i % 4) {
                case 0 -> -60 + 120.0 * i / n;
                case 1 -> random.nextGaussian();
                case 2 -> -1000 * random.nextDouble();
                default -> 12 * random.nextGaussian();
            };
        }
        t[0] = 0.0;
        t[1] = -0.0;
        t[2] = -1e4;
        double[] mills = new double[n];
        double sum = VectorNormal.logCdfAndMills(t, n, mills);
        double[] one = new double[1];
        double scalarSum = 0;
        for (int i = 0; i < n; i++) {
            double logPhi = NormalDistribution.logCdfAndMills(t[i], one);
            scalarSum += logPhi;
            if (one[0] > 1e-300) { // below, φ(t) is subnormal in both
                OracleTest.assertRelative(one[0], mills[i], 2e-15, "mills(" + t[i] + ")");
            }
            double[] single = new double[8];
            double[] singleMills = new double[8];
            java.util.Arrays.fill(single, t[i]);
            double vectorLog = VectorNormal.logCdfAndMills(single, 8, singleMills) / 8;
            assertEquals(logPhi, vectorLog, 1e-15 * Math.max(1, Math.abs(logPhi)), "log Phi(" + t[i] + ")");
        }
        OracleTest.assertRelative(scalarSum, sum, 1e-14, "sum of log Phi"); // lanes add in another order
        double[] huge = new double[8];
        java.util.Arrays.fill(huge, -1e9); // where erfcx is 1/(√π u)
        OracleTest.assertRelative(8 * NormalDistribution.logCdf(-1e9), VectorNormal.logCdfAndMills(huge, 8, mills),
                1e-15, "log Phi(-1e9)");
    }
}
