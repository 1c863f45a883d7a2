package org.quex.estimate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.quex.QuexException;

/**
 * A model formula in fixest style: {@code y ~ x1 + x2 | fe1 + fe2}. The part after {@code |}
 * lists absorbed fixed effects; {@code + 0} or {@code - 1} removes the constant.
 */
public record Formula(String response, List<String> regressors, boolean constant, List<String> absorbed) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_\\p{IsHan}][A-Za-z0-9_.\\p{IsHan}]*");

    public Formula {
        regressors = List.copyOf(regressors);
        absorbed = List.copyOf(absorbed);
    }

    public static Formula parse(String text) {
        if (text == null || !text.contains("~")) {
            throw new QuexException("formula '" + text + "' needs the form \"y ~ x1 + x2 [| fe1 + fe2]\"");
        }
        String[] sides = text.split("~", -1);
        if (sides.length != 2) {
            throw new QuexException("formula '" + text + "' has more than one '~'");
        }
        String response = sides[0].trim();
        checkName(response, text);
        String[] parts = sides[1].split("\\|", -1);
        if (parts.length > 2) {
            throw new QuexException("formula '" + text + "' has more than one '|'");
        }
        boolean constant = true;
        Set<String> regressors = new LinkedHashSet<>();
        String rhs = parts[0].replace("-", "+-");
        for (String raw : rhs.split("\\+", -1)) {
            String term = raw.trim().replaceFirst("^-\\s+", "-");
            if (term.isEmpty() && rhs.trim().isEmpty()) {
                continue;
            }
            if (term.equals("0") || term.equals("-1")) {
                constant = false;
            } else if (term.equals("1")) {
                constant = true;
            } else {
                checkName(term, text);
                if (!regressors.add(term)) {
                    throw new QuexException("formula '" + text + "' lists '" + term + "' twice");
                }
            }
        }
        List<String> absorbed = new ArrayList<>();
        if (parts.length == 2) {
            for (String raw : parts[1].split("\\+", -1)) {
                String fe = raw.trim();
                checkName(fe, text);
                if (absorbed.contains(fe)) {
                    throw new QuexException("formula '" + text + "' absorbs '" + fe + "' twice");
                }
                absorbed.add(fe);
            }
        }
        if (regressors.contains(response)) {
            throw new QuexException("formula '" + text + "' uses '" + response + "' on both sides");
        }
        return new Formula(response, new ArrayList<>(regressors), constant, absorbed);
    }

    private static void checkName(String term, String text) {
        if (!NAME.matcher(term).matches()) {
            throw new QuexException("formula '" + text + "': '" + term + "' is not a column name"
                    + " (terms are column names joined by '+')");
        }
    }

    @Override
    public String toString() {
        String rhs = regressors.isEmpty() ? "1" : String.join(" + ", regressors);
        if (!constant) {
            rhs += " + 0";
        }
        return response + " ~ " + rhs + (absorbed.isEmpty() ? "" : " | " + String.join(" + ", absorbed));
    }
}
