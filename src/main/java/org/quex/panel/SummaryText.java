package org.quex.panel;

import java.util.List;
import java.util.Locale;

/** Descriptive statistics as a fixed-width table for the terminal. */
public final class SummaryText {
    private SummaryText() {
    }

    public static String table(List<VariableSummary> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %10s %9s %12s %12s %12s %12s %12s%n",
                "variable", "N", "missing", "mean", "sd", "min", "p50", "max"));
        for (VariableSummary s : rows) {
            sb.append(String.format(Locale.ROOT, "%-10s %10d %9d %12.5g %12.5g %12.5g %12.5g %12.5g%n", s.variable(), s.n(),
                    s.missing(), s.mean(), s.sd(), s.min(), s.p50(), s.max()));
        }
        return sb.toString();
    }
}
