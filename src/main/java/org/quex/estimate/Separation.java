package org.quex.estimate;

/**
 * Probit observations whose outcome the fit predicts with certainty. Stata reports them after a
 * fit ("Note: 4 failures and 0 successes completely determined."): they carry no information,
 * and their coefficients' standard errors are questionable. Here "determined" means the fitted
 * probability of the observed outcome is 1 in double precision: Φ(qη) rounds to 1 beyond
 * qη = {@link #CUT} (1 − Φ(8.3) ≈ 5e-17), q = 2y − 1. Each probit pass counts them
 * ({@link PassTotals}), so the note costs no pass of its own.
 */
final class Separation {
    static final double CUT = 8.3;

    private Separation() {
    }
}
