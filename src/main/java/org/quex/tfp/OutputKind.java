package org.quex.tfp;

import java.util.Locale;
import org.quex.QuexException;

/**
 * What the production function's output is. Value added: y = ln VA on free and state inputs (R
 * prodest; Stata prodest's {@code valueadded}). Gross output: y = ln output, and the intermediate
 * input (the proxy of LP, ACF, and OLS's extra regressor) enters the function with its own
 * elasticity, estimated where Stata prodest estimates it without {@code valueadded} (docs/tfp.md).
 */
public enum OutputKind {
    VALUE_ADDED, GROSS_OUTPUT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputKind parse(String s, String where) {
        for (OutputKind k : values()) {
            if (k.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new QuexException(where + ": TFP output kind '" + s + "' is not one of value_added, gross_output");
    }
}
