package org.quex.tfp;

import java.io.Serializable;

/**
 * One firm-year of a production function: log output y, free inputs (labour), state inputs
 * (capital) and the proxy (investment for OP, materials otherwise); all in logs. The proxy is NaN
 * for OLS.
 */
public record FirmYear(String firm, int year, double y, double[] free, double[] state, double proxy)
        implements Serializable {

    /** Whether {@code previous} is this firm's row of the year before (the only lag the estimators use). */
    public boolean laggedBy(FirmYear previous) {
        return previous != null && previous.firm.equals(firm) && previous.year == year - 1;
    }
}
