package org.quex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    private static double sum(double... terms) {
        ExactSum s = new ExactSum();
        for (double x : terms) {
            s.add(x);
        }
        return s.value();
    }

    private static double sum(List<Double> terms) {
        return sum(terms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The cases of CPython's Lib/test/test_math.py (testFsum), whose expected values Python prints. */
    @Test
    void theCasesOfPythonsFsumTest() {
        assertEquals(0.0, sum());
        assertEquals(0.0, sum(0.0));
        assertEquals(1e-100, sum(1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50));
        assertEquals(0x1p53 - 1.0, sum(0x1p53, -0.5, -0x1p-54));
        assertEquals(0x1p53 + 2.0, sum(0x1p53, 1.0, 0x1p-100));
        assertEquals(0x1p53 + 12.0, sum(0x1p53 + 10.0, 1.0, 0x1p-100));
        assertEquals(0x1p53 - 3.0, sum(0x1p53 - 4.0, 0.5, 0x1p-54));
        double[] harmonic = new double[1000];
        double[] alternating = new double[1000];
        for (int n = 1; n <= 1000; n++) {
            harmonic[n - 1] = 1.0 / n;
            alternating[n - 1] = (n % 2 == 0 ? 1.0 : -1.0) / n;
        }
        assertEquals(Double.parseDouble("0x1.df11f45f4e61ap+2"), sum(harmonic));
        assertEquals(Double.parseDouble("-0x1.62a2af1bd3624p-1"), sum(alternating));
        double[] telescoping = new double[1001];
        for (int i = 0; i < 1000; i++) {
            telescoping[i] = Math.pow(1.7, i + 1) - Math.pow(1.7, i); // exact: the ratio is below 2
        }
        telescoping[1000] = -Math.pow(1.7, 1000);
        assertEquals(-1.0, sum(telescoping));
        assertEquals(1.0, sum(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1));
        assertEquals(Double.NaN, sum(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, sum(1.0, Double.POSITIVE_INFINITY, -5.0));
        assertEquals(Double.NaN, sum(1.0, Double.NaN));
    }

    /** Random terms of very different sizes, against BigDecimal's exact sum rounded by parseDouble. */
    @Test
    void equalsTheExactSumRoundedOnceInEveryOrder() {
        Random random = new Random(20261207);
        for (int trial = 0; trial < 200; trial++) {
            List<Double> terms = new ArrayList<>();
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < 1 + random.nextInt(60); i++) {
                double x = (random.nextBoolean() ? 1 : -1) * random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                terms.add(x);
                exact = exact.add(new BigDecimal(x));
            }
            double expected = Double.parseDouble(exact.toString());
            assertEquals(expected, sum(terms), "trial " + trial);
            Collections.shuffle(terms, random);
            assertEquals(expected, sum(terms), "trial " + trial + ", shuffled");
            int cut = random.nextInt(terms.size() + 1);
            ExactSum left = new ExactSum();
            ExactSum right = new ExactSum();
            terms.subList(0, cut).forEach(left::add);
            terms.subList(cut, terms.size()).forEach(right::add);
            assertEquals(expected, right.add(left).value(), "trial " + trial + ", two parts merged");
        }
    }
}
