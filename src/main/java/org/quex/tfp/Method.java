package org.quex.tfp;

import java.util.Locale;
import org.quex.QuexException;

/** The production-function estimators: names as in conf/quex.conf and the tfp command. */
public enum Method {
    /** OLS of y on free and state inputs (biased by simultaneity; the baseline). */
    OLS,
    /** Olley–Pakes (1996): proxy = investment; R prodest's prodestOP. */
    OP,
    /** Levinsohn–Petrin (2003), value added: proxy = materials; R prodest's prodestLP. */
    LP,
    /** Ackerberg–Caves–Frazer (2015): one-step GMM second stage; R prodest's prodestACF. */
    ACF,
    /** Wooldridge (2009), one-step: stacked IV of the two equations; R prodest's prodestWRDG. */
    WRDG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Method parse(String s, String where) {
        for (Method m : values()) {
            if (m.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new QuexException(where + ": TFP method '" + s + "' is not one of ols, op, lp, acf, wrdg");
    }

    /** Whether the method needs a proxy variable (all but OLS). */
    public boolean needsProxy() {
        return this != OLS;
    }
}
