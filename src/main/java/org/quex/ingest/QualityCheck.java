package org.quex.ingest;

/**
 * One data-quality finding of a source and year.
 *
 * @param level  info (a measurement), warning (reported, the run goes on) or error (stops the run)
 * @param value  the measured number (share, count, ratio); NaN if it has none
 */
public record QualityCheck(String check, String level, double value, String message) {
    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String ERROR = "error";

    public boolean isError() {
        return level.equals(ERROR);
    }
}
