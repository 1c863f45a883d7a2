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

    /**
     * Bit for bit what the kernels define, lane by lane, in the first (interpreted) calls and once
     * compiled: otherwise a rerun in a warm JVM does not reproduce a fit exactly (RunDemoTest's
     * incremental rerun caught the Vector API's own EXP and LOG, which differ from Math's in the
     * last bit on some inputs).
     */
    @Test
    void kernelsComputeExactlyTheirLaneByLaneDefinitionCompiledOrNot() {
        Random random = new Random(3);
        int n = 4099;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i % 3 == 0 ? 12 : 2) * random.nextGaussian();
        }
        int ld = 2048;
        int rows = 2045; // a scalar tail after the last full vector
        double[] b = new double[ld * 8];
        double[] a = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
            a[i] = b[i] * random.nextDouble();
        }
        double[] expectedMills = new double[n];
        double expectedSum = laneByLaneLogCdf(t, expectedMills);
        double[] expectedGram = laneByLaneGram(a, b, ld, rows, 7);
        for (int round = 0; round < 400; round++) { // long loops: C2 compiles both well before the end
            double[] mills = new double[n];
            assertEquals(expectedSum, VectorNormal.logCdfAndMills(t, n, mills), 0.0, "sum, round " + round);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedMills, mills, 0.0, "mills, round " + round);
            GramUpdate gram = new VectorGram(7);
            gram.add(a, b, ld, rows);
            gram.add(a, b, ld, rows);
            double[] c = new double[49];
            gram.addTo(c);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedGram, c, 0.0, "Gram, round " + round);
        }
    }

    /** VectorNormal's arithmetic one value at a time, summed per lane, then the lanes in order. */
    private static double laneByLaneLogCdf(double[] t, double[] mills) {
        int lanes = VectorNormal.S.length();
        int bound = t.length / lanes * lanes;
        double[] laneSums = new double[lanes];
        for (int i = 0; i < bound; i++) {
            double u = Math.abs(t[i]) / NormalDistribution.SQRT2;
            double u2 = u * u;
            boolean small = u <= 0.46875;
            boolean negative = t[i] < 0;
            double num = u2 * NormalDistribution.A[4];
            double den = u2;
            for (int k = 0; k < 3; k++) {
                num = (num + NormalDistribution.A[k]) * u2;
                den = (den + NormalDistribution.B[k]) * u2;
            }
            double halfErf = 0.5 * u * (num + NormalDistribution.A[3]) / (den + NormalDistribution.B[3]);
            double cn = u * NormalDistribution.C[8];
            double cd = u;
            for (int k = 0; k < 7; k++) {
                cn = (cn + NormalDistribution.C[k]) * u;
                cd = (cd + NormalDistribution.D[k]) * u;
            }
            double e = (cn + NormalDistribution.C[7]) / (cd + NormalDistribution.D[7]);
            if (u > 4.0) {
                double r = 1.0 / u2;
                double pn = r * NormalDistribution.P[5];
                double pd = r;
                for (int k = 0; k < 4; k++) {
                    pn = (pn + NormalDistribution.P[k]) * r;
                    pd = (pd + NormalDistribution.Q[k]) * r;
                }
                e = (-(r * (pn + NormalDistribution.P[4]) / (pd + NormalDistribution.Q[4])) + NormalDistribution.INV_SQRT_PI) / u;
            }
            double gauss = Math.exp(-u2);
            boolean largeNegative = negative && !small;
            double phi = largeNegative ? 0.5 * e : small ? 0.5 + (negative ? -halfErf : halfErf) : -(0.5 * gauss * e) + 1.0;
            laneSums[i % lanes] += Math.log(phi) - (largeNegative ? u2 : 0.0);
            mills[i] = largeNegative ? NormalDistribution.SQRT_2_OVER_PI / e : gauss * NormalDistribution.INV_SQRT_2PI / phi;
        }
        double sum = 0;
        for (double s : laneSums) {
            sum += s;
        }
        double[] one = new double[1];
        for (int i = bound; i < t.length; i++) {
            sum += NormalDistribution.logCdfAndMills(t[i], one);
            mills[i] = one[0];
        }
        return sum;
    }

    /** VectorGram's sums of aᵀb for two identical chunks: fused multiply-adds per lane, then lanes in order. */
    private static double[] laneByLaneGram(double[] a, double[] b, int ld, int rows, int q) {
        int lanes = VectorGram.L;
        int bound = rows / lanes * lanes;
        double[] c = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = i; j < q; j++) {
                double[] partial = new double[lanes];
                for (int call = 0; call < 2; call++) {
                    double[] acc = new double[lanes];
                    for (int r = 0; r < bound; r++) {
                        acc[r % lanes] = Math.fma(a[i * ld + r], b[j * ld + r], acc[r % lanes]);
                    }
                    for (int l = 0; l < lanes; l++) {
                        partial[l] += acc[l];
                    }
                    for (int r = bound; r < rows; r++) {
                        partial[0] += a[i * ld + r] * b[j * ld + r];
                    }
                }
                double s = 0;
                for (double p : partial) {
                    s += p;
                }
                c[i + j * q] = s;
                c[j + i * q] = s;
            }
        }
        return c;
    }

    /** Blocks below {@link BlockMath#vectorMinRows} take the scalar code: both give the same fits. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} vce={2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
        "probit20k.csv;probit;y ~ x1 + x2 + x3 + x4 + x5;oim",
        "probit20k.csv;probit;y ~ x1 + x2 + x3 + x4 + x5;cluster:firm",
        "probit20k.csv;ols;y ~ x1 + x2 + x3 + x4 + x5;robust",
        "fe_panel_small.csv;fe;y ~ z1 + z2 + z3 | firm + year;cluster:firm",
    })
    void vectorAndScalarPassesGiveTheSameFit(String file, String model, String formula, String vce) {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table = org.quex.lake.TableReader.read(
                org.quex.SparkTestSession.get(), org.quex.SparkTestSession.resource("oracles/" + file));
        ModelSpec spec = ModelSpec.of(ModelSpec.parseModel(model), formula, vce);
        int threshold = BlockMath.vectorMinRows;
        FitResult scalar;
        FitResult vector;
        try {
            BlockMath.vectorMinRows = Integer.MAX_VALUE;
            scalar = Estimation.fit(table, spec);
            BlockMath.vectorMinRows = 0;
            vector = Estimation.fit(table, spec);
        } finally {
            BlockMath.vectorMinRows = threshold;
        }
        for (FitResult.Term t : scalar.terms()) {
            if (!t.omitted()) {
                OracleTest.assertRelative(t.estimate(), vector.term(t.name()).estimate(), 1e-12, t.name());
                OracleTest.assertRelative(t.stdError(), vector.term(t.name()).stdError(), 1e-12, t.name() + " se");
            }
        }
        for (String key : new String[] {"ll", "rss"}) {
            if (scalar.fit().get(key) instanceof Double d) {
                OracleTest.assertRelative(d, (Double) vector.fit().get(key), 1e-13, key);
            }
        }
    }
}
