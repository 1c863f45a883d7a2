package org.quex.estimate;

/**
 * Which terms a model omits, decided so that the units of a regressor do not matter (a regressor
 * with mean 10⁶ and standard deviation 10⁻³ is estimated, as Stata and R estimate it). Two steps:
 * <ol>
 * <li>a column without variation is omitted: constant (its smallest raw value equals its largest),
 * or, after demeaning within groups, with a within sum of squares below {@link #WITHIN_NOISE} of its
 * raw sum of squares (the within variation is then only the rounding of the group means), or,
 * in a model without a constant, all zero;</li>
 * <li>the others are checked in order on the centred (or demeaned) cross products, each against its
 * own variation: a column is collinear when the part not explained by the kept earlier columns is
 * below {@code tolerance} of its own sum of squares (1 − R² &lt; tolerance), which does not change
 * when the column is rescaled or shifted.</li>
 * </ol>
 */
final class Collinearity {
    /**
     * Demeaning a column constant within groups leaves rounding noise of about (group size × 1e-16)²
     * of its squared magnitude; real within variation at a relative 1e-11 (10⁵ times the double
     * precision) is kept.
     */
    static final double WITHIN_NOISE = 1e-22;

    /** omitted: every omitted term (q of them, constant last); noVariation: those of step 1. */
    record Decision(boolean[] omitted, boolean[] noVariation) {
    }

    private Collinearity() {
    }

    /**
     * @param gram     q×q cross products in the coordinates of the passes (centred with a constant,
     *                 demeaned for FE; constant last with entry n)
     * @param demeaned whether the stored columns were demeaned within groups
     * @param fixed    terms already excluded (perfect predictors), or null
     */
    static Decision decide(double[] gram, int q, int p, DesignSummary s, boolean constant, boolean demeaned,
                           double tolerance, boolean[] fixed) {
        return decide(gram, q, p, s, constant, demeaned, WITHIN_NOISE, tolerance, fixed);
    }

    /**
     * The noise share of a demeaning that stops at a relative tolerance (an iterative absorption
     * of several effects): what is left of a column constant within the effects is about
     * tolerance × its magnitude, so its square, with a margin, is the yardstick.
     */
    static double withinNoise(double absorbTolerance) {
        return Math.max(WITHIN_NOISE, 100 * absorbTolerance * absorbTolerance);
    }

    /** As {@link #decide(double[], int, int, DesignSummary, boolean, boolean, double, boolean[])} with the noise share of the demeaning. */
    static Decision decide(double[] gram, int q, int p, DesignSummary s, boolean constant, boolean demeaned,
                           double withinNoise, double tolerance, boolean[] fixed) {
        boolean[] noVariation = new boolean[q];
        boolean[] excluded = new boolean[q];
        double[] scale = new double[q];
        for (int j = 0; j < q; j++) {
            excluded[j] = fixed != null && fixed[j];
            scale[j] = gram[j + j * q];
            if (j >= p || excluded[j]) {
                continue;
            }
            boolean constantColumn = s.min[j] == s.max[j];
            if (demeaned) {
                noVariation[j] = constantColumn || !(scale[j] > withinNoise * s.sumSq[j]);
            } else if (constant) {
                noVariation[j] = constantColumn || !(scale[j] > 0);
            } else {
                noVariation[j] = !(s.sumSq[j] > 0);
            }
            excluded[j] |= noVariation[j];
        }
        return new Decision(SymmetricMatrix.collinear(gram, q, scale, tolerance, excluded), noVariation);
    }
}
