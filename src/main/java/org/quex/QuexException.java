package org.quex;

/**
 * An error the user can act on: bad input, bad option, a model that cannot be estimated.
 * Its message is printed as the one line a failing command shows, so it names what and where
 * (file, line, column, year); it is never wrapped in a stack trace for the user.
 */
public class QuexException extends RuntimeException {
    public QuexException(String message) {
        super(message);
    }

    public QuexException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first QuexException in a cause chain (Spark wraps executor failures), or null. */
    public static QuexException findIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof QuexException q) {
                return q;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
