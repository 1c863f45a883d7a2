package org.quex.report;

import java.util.Locale;

/** Which values a table prints in brackets under the estimates: none (the default), the paper's, the truth of generated data. */
public enum Reference {
    NONE, PAPER, TRUTH;

    public static Reference parse(String text) {
        if (text == null) {
            return NONE;
        }
        return valueOf(org.quex.Suggest.oneOf("--reference", text, "paper", "truth", "none").toUpperCase(Locale.ROOT));
    }
}
