package org.quex.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quex.QuexException;

/**
 * A model formula in fixest's language: {@code y ~ x1 + x1:x2 + i(year) + log(k) | fe1 + fe2}.
 * The right-hand side is a sum of {@link Term}s: {@code a:b} interacts, {@code a*b} is
 * {@code a + b + a:b}, {@code i(var)} / {@code i(var, ref = v)} / {@code i(var, x)} are factor
 * dummies (and their interaction with x), {@code log() exp() sqrt() abs() I()} transform,
 * {@code poly(x, d)} adds R's orthogonal polynomials, {@code + 0} or {@code - 1} removes the
 * constant and {@code - term} removes a term. Names with other characters are quoted with
 * backticks ({@code `销售额`}, {@code `x-1`}). The part after {@code |} lists absorbed effects.
 *
 * <p>{@link #regressors()} are the terms' labels (for plain columns, their names); the design
 * columns a term expands into are named when the data are known ({@link ModelColumns}).
 */
public record Formula(String response, List<String> regressors, boolean constant, List<String> absorbed,
                      Expr responseExpr, List<Term> terms) {

    public Formula {
        regressors = List.copyOf(regressors);
        absorbed = List.copyOf(absorbed);
        terms = List.copyOf(terms);
    }

    public static Formula parse(String text) {
        if (text == null) {
            throw new QuexException("formula is missing; it needs the form \"y ~ x1 + x2 [| fe1 + fe2]\"");
        }
        return new Parser(text).formula();
    }

    /** Every input column the formula reads: the response's, the terms', the absorbed effects. */
    public Set<String> variables() {
        Set<String> out = new LinkedHashSet<>(responseExpr.variables());
        terms.forEach(t -> out.addAll(t.variables()));
        out.addAll(absorbed);
        return out;
    }

    @Override
    public String toString() {
        String rhs = regressors.isEmpty() ? "1" : String.join(" + ", regressors);
        if (!constant) {
            rhs += " + 0";
        }
        return response + " ~ " + rhs + (absorbed.isEmpty() ? "" : " | " + String.join(" + ", absorbed));
    }

    /** Recursive descent over tokens; every error names the formula and the position (1-based). */
    private static final class Parser {
        private static final String FUNCTIONS = "i, poly, log, exp, sqrt, abs, I";
        private final String text;
        private final List<Token> tokens;
        private int at;

        Parser(String text) {
            this.text = text;
            this.tokens = tokenize(text);
        }

        private enum Kind { NAME, NUMBER, STRING, SYMBOL, END }

        /** quoted: a backtick-quoted name (never a function or a keyword). */
        private record Token(Kind kind, String text, int position, boolean quoted) {
            boolean is(String symbol) {
                return kind == Kind.SYMBOL && text.equals(symbol);
            }
        }

        Formula formula() {
            if (tokens.stream().noneMatch(t -> t.is("~"))) {
                throw new QuexException("formula '" + text + "' needs the form \"y ~ x1 + x2 [| fe1 + fe2]\"");
            }
            Expr response = arithmetic();
            expect("~", "'~' after the response");
            Map<String, Term> terms = new LinkedHashMap<>();
            boolean constant = sum(terms);
            List<String> absorbed = new ArrayList<>();
            if (peek().is("|")) {
                next();
                do {
                    Token fe = next();
                    if (fe.kind() != Kind.NAME) {
                        throw error(fe, "an absorbed effect must be a column name");
                    }
                    if (absorbed.contains(fe.text())) {
                        throw error(fe, "absorbs '" + fe.text() + "' twice");
                    }
                    absorbed.add(fe.text());
                } while (accept("+"));
            }
            Token end = peek();
            if (end.kind() != Kind.END) {
                throw error(end, end.is("|") ? "more than one '|'" : end.is("~") ? "more than one '~'"
                        : "unexpected '" + end.text() + "'");
            }
            String responseLabel = response.label();
            for (Term t : terms.values()) {
                if (t.isPlainVariable() && t.label().equals(responseLabel)) {
                    throw new QuexException("formula '" + text + "' uses '" + responseLabel + "' on both sides");
                }
            }
            // R's terms() (and so fixest) put terms in order of degree, keeping the written order within one
            List<Term> list = new ArrayList<>(terms.values());
            list.sort(java.util.Comparator.comparingInt(t -> t.parts().size()));
            return new Formula(responseLabel, list.stream().map(Term::label).toList(), constant, absorbed, response, list);
        }

        /** The right-hand side up to '|' or the end; returns whether the model has a constant. */
        private boolean sum(Map<String, Term> terms) {
            boolean constant = true;
            Set<String> written = new LinkedHashSet<>();
            boolean minus = accept("-");
            while (true) {
                Token start = peek();
                if (start.kind() == Kind.NUMBER && isTermEnd(peekAt(1))) {
                    next();
                    double v = Double.parseDouble(start.text());
                    if (v != 0 && v != 1) {
                        throw error(start, "a number alone must be 0 or 1 (the constant); write I(...) for arithmetic");
                    }
                    constant = (v == 1) != minus;
                } else {
                    List<Term> product = product();
                    for (Term t : product) {
                        String label = t.label();
                        if (minus) {
                            terms.remove(label);
                        } else if (product.size() == 1 && !written.add(label) ) {
                            throw error(start, "lists '" + label + "' twice");
                        } else {
                            terms.putIfAbsent(label, t);
                        }
                    }
                }
                if (accept("+")) {
                    minus = false;
                } else if (accept("-")) {
                    minus = true;
                } else {
                    Token t = peek();
                    if (t.kind() != Kind.END && !t.is("|")) {
                        throw error(t, "expected '+', '-', ':', '*' or '|', found '" + t.text() + "'");
                    }
                    return constant;
                }
            }
        }

        private static boolean isTermEnd(Token t) {
            return t.kind() == Kind.END || t.is("+") || t.is("-") || t.is("|");
        }

        /** a*b*c: every sub-interaction of the factors, as R expands it. */
        private List<Term> product() {
            List<Term> out = new ArrayList<>(List.of(interaction()));
            while (accept("*")) {
                Term right = interaction();
                List<Term> next = new ArrayList<>(out);
                next.add(right);
                for (Term left : out) {
                    next.add(left.times(right));
                }
                out = dedupe(next);
            }
            return out;
        }

        private static List<Term> dedupe(List<Term> terms) {
            Map<String, Term> byLabel = new LinkedHashMap<>();
            terms.forEach(t -> byLabel.putIfAbsent(t.label(), t));
            return new ArrayList<>(byLabel.values());
        }

        private Term interaction() {
            Term t = new Term(part());
            while (accept(":")) {
                t = t.times(new Term(part()));
            }
            return t;
        }

        /** One part of an interaction: a column, a function of columns, i(), poly(). */
        private List<Term.Part> part() {
            Token t = peek();
            if (t.kind() == Kind.NAME && !t.quoted() && peekAt(1).is("(")) {
                switch (t.text()) {
                    case "i" -> {
                        return factor();
                    }
                    case "poly" -> {
                        return List.of(poly());
                    }
                    default -> {
                        return List.of(new Term.Numeric(primary()));
                    }
                }
            }
            if (t.kind() == Kind.NAME) {
                next();
                return List.of(new Term.Numeric(new Expr.Var(t.text())));
            }
            if (t.is("(")) {
                throw error(t, "parentheses group terms only inside a function: write a:c + b:c for (a + b):c,"
                        + " I(...) for arithmetic");
            }
            if (t.kind() == Kind.NUMBER) {
                throw error(t, "a number inside a term: write I(...) for arithmetic");
            }
            throw error(t, t.kind() == Kind.END ? "a term is missing at the end" : "expected a term, found '"
                    + t.text() + "'");
        }

        /** i(var), i(var, ref = v), i(var, ref = c(v, w)), i(var, x) (the dummies times x). */
        private List<Term.Part> factor() {
            next(); // i
            expect("(", "'(' after i");
            Token var = next();
            if (var.kind() != Kind.NAME) {
                throw error(var, "i() takes a column name first");
            }
            List<String> refs = new ArrayList<>();
            Expr with = null;
            while (accept(",")) {
                Token arg = peek();
                if (arg.kind() == Kind.NAME && !arg.quoted() && peekAt(1).is("=")) {
                    next();
                    next();
                    if (!arg.text().equals("ref")) {
                        throw error(arg, "i() takes the argument ref (the reference levels), not '" + arg.text() + "'");
                    }
                    refs.addAll(values());
                } else if (with == null && refs.isEmpty()) {
                    with = arithmetic();
                } else {
                    throw error(arg, "i() takes a column, an optional variable to interact, and ref = ...");
                }
            }
            expect(")", "')' to close i(");
            List<Term.Part> parts = new ArrayList<>(List.of(new Term.Factor(var.text(), refs)));
            if (with != null) {
                parts.add(new Term.Numeric(with));
            }
            return parts;
        }

        /** A level or c(level, …): numbers (signed) or quoted text. */
        private List<String> values() {
            Token t = peek();
            if (t.kind() == Kind.NAME && t.text().equals("c") && peekAt(1).is("(")) {
                next();
                next();
                List<String> out = new ArrayList<>();
                do {
                    out.add(value());
                } while (accept(","));
                expect(")", "')' to close c(");
                return out;
            }
            return List.of(value());
        }

        private String value() {
            boolean negative = accept("-");
            Token t = next();
            if (t.kind() == Kind.NUMBER) {
                return Expr.number((negative ? -1 : 1) * Double.parseDouble(t.text()));
            }
            if (t.kind() == Kind.STRING && !negative) {
                return t.text();
            }
            throw error(t, "a level is a number or quoted text");
        }

        /** poly(x, d) or poly(x, d, raw = TRUE). */
        private Term.Poly poly() {
            next(); // poly
            expect("(", "'(' after poly");
            Expr x = arithmetic();
            expect(",", "poly(x, degree): ',' and the degree");
            Token d = next();
            if (d.kind() != Kind.NUMBER || !d.text().matches("[1-9][0-9]*")) {
                throw error(d, "the degree of poly() is a whole number from 1");
            }
            boolean raw = false;
            if (accept(",")) {
                Token name = next();
                if (!(name.kind() == Kind.NAME && name.text().equals("raw")) || !accept("=")) {
                    throw error(name, "poly() takes raw = TRUE or raw = FALSE after the degree");
                }
                Token value = next();
                switch (value.text()) {
                    case "TRUE", "T" -> raw = true;
                    case "FALSE", "F" -> raw = false;
                    default -> throw error(value, "raw is TRUE or FALSE");
                }
            }
            expect(")", "')' to close poly(");
            return new Term.Poly(x, Integer.parseInt(d.text()), raw);
        }

        // Arithmetic (the response, function arguments): + − below * /, unary −, ^ (right-associative).
        private Expr arithmetic() {
            Expr e = multiplicative();
            while (peek().is("+") || peek().is("-")) {
                char op = next().text().charAt(0);
                e = new Expr.Binary(op, e, multiplicative());
            }
            return e;
        }

        private Expr multiplicative() {
            Expr e = unary();
            while (peek().is("*") || peek().is("/")) {
                char op = next().text().charAt(0);
                e = new Expr.Binary(op, e, unary());
            }
            return e;
        }

        private Expr unary() {
            if (accept("-")) {
                return new Expr.Neg(unary());
            }
            Expr base = primary();
            if (accept("^")) {
                return new Expr.Binary('^', base, unary());
            }
            return base;
        }

        private Expr primary() {
            Token t = next();
            switch (t.kind()) {
                case NUMBER -> {
                    return new Expr.Num(Double.parseDouble(t.text()));
                }
                case NAME -> {
                    if (t.quoted() || !peek().is("(")) {
                        return new Expr.Var(t.text());
                    }
                    if (!Expr.Call.FUNCTIONS.contains(t.text())) {
                        throw error(t, (t.text().equals("i") || t.text().equals("poly")
                                ? t.text() + "() is a term of its own, not part of an expression"
                                : "unknown function '" + t.text() + "'") + " (functions: " + FUNCTIONS + ")");
                    }
                    next(); // (
                    Expr arg = arithmetic();
                    expect(")", "')' to close " + t.text() + "(");
                    return new Expr.Call(t.text(), arg);
                }
                case SYMBOL -> {
                    if (t.is("(")) {
                        Expr inner = arithmetic();
                        expect(")", "')'");
                        return new Expr.Paren(inner);
                    }
                    throw error(t, "expected a column, a number or a function, found '" + t.text() + "'");
                }
                case END -> throw error(t, "the formula ends where a column, a number or a function is expected");
                default -> throw error(t, "expected a column, a number or a function, found '" + t.text() + "'");
            }
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token peekAt(int ahead) {
            return tokens.get(Math.min(at + ahead, tokens.size() - 1));
        }

        private Token next() {
            Token t = tokens.get(at);
            if (t.kind() != Kind.END) {
                at++;
            }
            return t;
        }

        private boolean accept(String symbol) {
            if (peek().is(symbol)) {
                next();
                return true;
            }
            return false;
        }

        private void expect(String symbol, String what) {
            Token t = peek();
            if (!t.is(symbol)) {
                throw error(t, "expected " + what + (t.kind() == Kind.END ? " before the end" : ", found '" + t.text() + "'"));
            }
            next();
        }

        private QuexException error(Token t, String message) {
            return error(text, t.position(), message);
        }

        private static QuexException error(String text, int position, String message) {
            return new QuexException("formula '" + text + "': position " + position + ": " + message);
        }

        private static List<Token> tokenize(String text) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                int start = i;
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '`') {
                    int close = text.indexOf('`', i + 1);
                    if (close < 0) {
                        throw error(text, start + 1, "the name quoted with ` has no closing `");
                    }
                    if (close == i + 1) {
                        throw error(text, start + 1, "an empty quoted name ``");
                    }
                    out.add(new Token(Kind.NAME, text.substring(i + 1, close), start + 1, true));
                    i = close + 1;
                } else if (c == '"' || c == '\'') {
                    int close = text.indexOf(c, i + 1);
                    if (close < 0) {
                        throw error(text, start + 1, "the text quoted with " + c + " has no closing " + c);
                    }
                    out.add(new Token(Kind.STRING, text.substring(i + 1, close), start + 1, false));
                    i = close + 1;
                } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                    while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                        int j = i + 1;
                        if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                            j++;
                        }
                        if (j < n && Character.isDigit(text.charAt(j))) {
                            i = j;
                            while (i < n && Character.isDigit(text.charAt(i))) {
                                i++;
                            }
                        }
                    }
                    String number = text.substring(start, i);
                    if (number.indexOf('.') != number.lastIndexOf('.')) {
                        throw error(text, start + 1, "'" + number + "' is not a number");
                    }
                    if (i < n && isNameChar(text.charAt(i))) {
                        throw error(text, start + 1, "a name cannot start with a digit: quote it as `"
                                + text.substring(start, endOfName(text, i)) + "`");
                    }
                    out.add(new Token(Kind.NUMBER, number, start + 1, false));
                } else if (Character.isLetter(c) || c == '_' || c == '.') {
                    i = endOfName(text, i);
                    out.add(new Token(Kind.NAME, text.substring(start, i), start + 1, false));
                } else if ("~+-*/^:(),=|".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), start + 1, false));
                    i++;
                } else {
                    throw error(text, start + 1, "unexpected character '" + c + "' (quote names with other"
                            + " characters in backticks: `name`)");
                }
            }
            out.add(new Token(Kind.END, "", n + 1, false));
            return out;
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        private static int endOfName(String text, int i) {
            while (i < text.length() && isNameChar(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }
}
