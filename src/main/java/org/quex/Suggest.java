package org.quex;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for a misspelt command, option or value: the closest known word by edit distance. */
public final class Suggest {
    private Suggest() {
    }

    /** The known word closest to {@code typed}, if within a third of its length (at least 1, at most 3 edits). */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, typed.replaceFirst("^-+", "").length() / 3));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean X?" or "". */
    public static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "; did you mean " + k + "?").orElse("");
    }

    /** The value if it is one of the choices, else a one-line error naming the option, the choices and the closest. */
    public static String oneOf(String option, String value, String... choices) {
        List<String> known = List.of(choices);
        if (value != null && known.contains(value.trim().toLowerCase(Locale.ROOT))) {
            return value.trim().toLowerCase(Locale.ROOT);
        }
        throw new QuexException(option + " '" + value + "' is not one of " + String.join(", ", known)
                + (value == null ? "" : hint(value.trim(), known)));
    }

    /** Damerau–Levenshtein (optimal string alignment): a swap of two letters is one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
