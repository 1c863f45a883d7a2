package org.quex.report;

import java.util.Objects;

/** Descriptive statistics of one variable, for one year or (year null) all years together. */
public record VariableSummary(String variable, Integer year, long n, double mean, double sd, double min, double p50,
                              double max) {
    public VariableSummary {
        Objects.requireNonNull(variable, "variable");
    }
}
