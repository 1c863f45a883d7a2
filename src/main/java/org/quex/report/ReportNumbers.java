package org.quex.report;

import java.util.Locale;

/** How numbers look in the report tables; Locale.ROOT so a German or French JVM prints the same file. */
public final class ReportNumbers {
    private ReportNumbers() {
    }

    /** Four decimals, the paper's precision; "." (Stata's missing) for NaN or infinity. */
    static String fourDecimals(double v) {
        return decimals(v, 4);
    }

    /** {@code digits} decimals; "." for NaN or infinity. */
    static String decimals(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : ".";
    }

    /** A count with thousands separators: 418,213. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Full precision for machine-readable output (round-trips through Double.parseDouble); empty when missing. */
    public static String full(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    static String csvField(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
