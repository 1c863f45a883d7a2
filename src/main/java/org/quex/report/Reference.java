package org.quex.report;

import java.util.Locale;
import org.quex.QuexException;

/** Which values a table prints in brackets under the estimates: none (the default), the paper's, the truth of generated data. */
public enum Reference {
    NONE, PAPER, TRUTH;

    public static Reference parse(String text) {
        if (text == null) {
            return NONE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QuexException("--reference '" + text + "' is not one of paper, truth, none");
        }
    }
}
