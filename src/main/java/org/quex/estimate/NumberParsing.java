package org.quex.estimate;

import org.quex.QuexException;

/** Model variables as doubles, whatever the input type; missing becomes NaN. */
final class NumberParsing {
    private NumberParsing() {
    }

    static double toDouble(Object value, String column) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isInfinite(d)) {
                throw new QuexException("column '" + column + "' has an infinite value");
            }
            return d;
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        String s = value.toString().trim();
        if (s.isEmpty() || s.equals(".") || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN")) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                throw new QuexException("column '" + column + "' has an infinite value '" + s + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new QuexException("column '" + column + "': value '" + s + "' is not a number");
        }
    }
}
