package org.quex.estimate;

/**
 * Probit observations whose outcome the fit predicts with certainty. Stata reports them after a
 * fit ("Note: 4 failures and 0 successes completely determined."): they carry no information,
 * and their coefficients' standard errors are questionable. Here "determined" means the fitted
 * probability of the observed outcome is 1 in double precision: Φ(qη) rounds to 1 beyond
 * qη = {@link #CUT} (1 − Φ(8.3) ≈ 5e-17), q = 2y − 1.
 */
final class Separation {
    static final double CUT = 8.3;

    private Separation() {
    }

    /** {failures, successes} determined in one block at θ (centred coordinates of the layout). */
    static long[] determined(DesignBlock b, BlockMath.Layout layout, double[] theta) {
        long failures = 0;
        long successes = 0;
        double c = layout.constant() ? theta[b.p] : 0;
        for (int i = 0; i < b.n; i++) {
            double eta = c;
            for (int j = 0; j < b.p; j++) {
                if (theta[j] != 0) {
                    eta += (b.x[i + j * b.n] - layout.shift()[j]) * theta[j];
                }
            }
            if (b.y[i] != 0 && eta > CUT) {
                successes++;
            } else if (b.y[i] == 0 && eta < -CUT) {
                failures++;
            }
        }
        return new long[] {failures, successes};
    }

    /** Whether any row can have |η| beyond the cut: a bound from the columns' ranges, to spare the pass. */
    static boolean possible(DesignSummary s, BlockMath.Layout layout, double[] theta) {
        int p = layout.shift().length;
        double bound = layout.constant() ? Math.abs(theta[p]) : 0;
        for (int j = 0; j < p; j++) {
            double reach = Math.max(Math.abs(s.min[j] - layout.shift()[j]), Math.abs(s.max[j] - layout.shift()[j]));
            bound += Math.abs(theta[j]) * reach;
        }
        return !(bound <= CUT);
    }
}
