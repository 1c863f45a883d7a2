package org.quex.report;

import java.util.Map;
import java.util.Objects;
import org.quex.QuexException;

/**
 * How a table prints its numbers and names: decimals of coefficients, standard errors and reference
 * values ({@code digits}, or per term in {@code termDigits}: si2 with 1, say, where its scale makes
 * four decimals noise), and the variables' labels.
 */
public record TableFormat(int digits, Map<String, Integer> termDigits, Labels labels) {
    public static final int DEFAULT_DIGITS = 4;

    public TableFormat {
        Objects.requireNonNull(labels, "labels");
        termDigits = Map.copyOf(termDigits);
        check(digits, "digits");
        termDigits.forEach((term, d) -> check(d, "digits of " + term));
    }

    /** The paper's format: four decimals, the packed labels. */
    public static TableFormat paper() {
        return new TableFormat(DEFAULT_DIGITS, Map.of(), Labels.packed());
    }

    public TableFormat withLabels(Labels l) {
        return new TableFormat(digits, termDigits, l);
    }

    private static void check(int d, String what) {
        if (d < 0 || d > 12) {
            throw new QuexException(what + " = " + d + " is not between 0 and 12");
        }
    }

    public int digits(String term) {
        return termDigits.getOrDefault(term, digits);
    }

    /** A term's number with its decimals; "." (Stata's missing) for NaN or infinity. */
    String number(String term, double v) {
        return ReportNumbers.decimals(v, digits(term));
    }

    /**
     * Parses "4" (every term) or "si2=1, si=2" (those terms) or both: "3, si2=1"; {@code base} is
     * the format the given parts override.
     */
    public static TableFormat parseDigits(String text, TableFormat base, String where) {
        if (text == null || text.isBlank()) {
            return base;
        }
        int digits = base.digits();
        Map<String, Integer> terms = new java.util.LinkedHashMap<>(base.termDigits());
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                if (eq < 0) {
                    digits = Integer.parseInt(p);
                } else {
                    terms.put(p.substring(0, eq).trim(), Integer.parseInt(p.substring(eq + 1).trim()));
                }
            } catch (NumberFormatException e) {
                throw new QuexException(where + ": digits '" + p + "' is not N or TERM=N (e.g. 3, si2=1)");
            }
        }
        return new TableFormat(digits, terms, base.labels());
    }
}
