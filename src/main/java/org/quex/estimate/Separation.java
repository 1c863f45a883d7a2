package org.quex.estimate;

/**
 * Probit observations whose outcome the fit predicts with certainty. Stata reports them after a
 * fit ("Note: 4 failures and 0 successes completely determined."): they carry no information,
 * and their coefficients' standard errors are questionable. Stata counts a row as determined when
 * its fitted probability of the observed outcome is within machine precision of 1 (for logit,
 * |η| beyond −ln(c(epsdouble)) ≈ 36); for probit that is 1 − Φ(qη) &lt; 2⁻⁵², i.e.
 * qη &gt; {@link #CUT} = Φ⁻¹(1 − 2⁻⁵²), q = 2y − 1. A strong but finite predictor gives such rows
 * (quasi-separation that no single regressor shows); the fit is reported with the note. Each
 * probit pass counts them ({@link PassTotals}), so the note costs no pass of its own.
 */
final class Separation {
    /** Φ⁻¹(1 − 2⁻⁵²) (R: qnorm(2^-52, lower.tail = FALSE)). */
    static final double CUT = 8.125890665;

    private Separation() {
    }
}
