package org.quex.panel;

/**
 * Descriptive statistics of one panel variable in one year (year null: all years), as papers print
 * them in their "Table 1": non-missing N, missing count, mean, sample SD, min, median, max.
 */
public record VariableSummary(String variable, Integer year, long n, long missing, double mean, double sd, double min,
                              double p50, double max) {
}
