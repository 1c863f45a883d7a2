package org.quex.report;

import java.util.Locale;

/**
 * What a column prints for its terms: the coefficients (the default), or for a probit the average
 * marginal effects ({@code margins}, Stata's {@code margins, dydx(*)}) or the marginal effects at
 * the means ({@code atmeans}, {@code margins, dydx(*) atmeans}), with their delta-method standard
 * errors, as the fit stored them (estimate --margins, a model file's margins = true).
 */
public enum Shown {
    COEFFICIENTS("coefficients", "Coefficient", null),
    MARGINS("margins", "AME", "average marginal effects"),
    ATMEANS("atmeans", "MEM", "marginal effects at means");

    private final String key;
    private final String header;
    private final String description;

    Shown(String key, String header, String description) {
        this.key = key;
        this.header = header;
        this.description = description;
    }

    /** The option's value: coefficients, margins or atmeans. */
    public String key() {
        return key;
    }

    /** The column's cell in the table's "Reported" row: Coefficient, AME or MEM. */
    public String header() {
        return header;
    }

    /** What the notes call it: "average marginal effects", "marginal effects at means" (null for coefficients). */
    public String description() {
        return description;
    }

    /** coefficients, margins or atmeans (a one-line error naming {@code option} otherwise); null: coefficients. */
    public static Shown parse(String text, String option) {
        if (text == null || text.isBlank()) {
            return COEFFICIENTS;
        }
        return valueOf(org.quex.Suggest.oneOf(option, text, "coefficients", "margins", "atmeans").toUpperCase(Locale.ROOT));
    }
}
