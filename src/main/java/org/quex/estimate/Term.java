package org.quex.estimate;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One term of a formula's right-hand side: a product of parts ({@code a:b}), each a numeric
 * expression, a factor {@code i(var)} (one dummy per level) or a polynomial {@code poly(x, d)}
 * (d columns). A term becomes one design column per combination of its parts' columns, named as
 * fixest names them: {@code x1:x2}, {@code year::2005}, {@code year::2005:x}, {@code poly(x, 2)1}.
 */
public record Term(List<Part> parts) implements Serializable {
    public Term {
        parts = List.copyOf(parts);
    }

    public sealed interface Part extends Serializable {
        String label();

        Set<String> variables();
    }

    /** A numeric expression: one column. */
    public record Numeric(Expr expr) implements Part {
        @Override
        public String label() {
            return expr.label();
        }

        @Override
        public Set<String> variables() {
            return expr.variables();
        }
    }

    /**
     * {@code i(var)} or {@code i(var, ref = v)}: a dummy for each level of var, the levels given
     * in {@code refs} left out (they are the reference). Levels are found in the data.
     */
    public record Factor(String variable, List<String> refs) implements Part {
        public Factor {
            refs = List.copyOf(refs);
        }

        @Override
        public String label() {
            if (refs.isEmpty()) {
                return "i(" + variable + ")";
            }
            String r = refs.size() == 1 ? refs.get(0) : "c(" + String.join(", ", refs) + ")";
            return "i(" + variable + ", ref = " + r + ")";
        }

        @Override
        public Set<String> variables() {
            return Set.of(variable);
        }
    }

    /**
     * {@code poly(x, d)}: R's orthogonal polynomials of degree 1..d (their coefficients, as R's
     * {@code poly}, come from the data), or with {@code raw = TRUE} the powers x, x², …, x^d.
     */
    public record Poly(Expr x, int degree, boolean raw) implements Part {
        @Override
        public String label() {
            return "poly(" + x.label() + ", " + degree + (raw ? ", raw = TRUE" : "") + ")";
        }

        @Override
        public Set<String> variables() {
            return x.variables();
        }
    }

    public String label() {
        return parts.stream().map(Part::label).collect(Collectors.joining(":"));
    }

    public Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        parts.forEach(p -> out.addAll(p.variables()));
        return out;
    }

    /** Whether the term is one plain column, read as it is (no expression, factor or polynomial). */
    public boolean isPlainVariable() {
        return parts.size() == 1 && parts.get(0) instanceof Numeric n && n.expr() instanceof Expr.Var;
    }

    /** The interaction of two terms: the parts of both, with a part already present not repeated (a:a = a). */
    Term times(Term other) {
        List<Part> all = new java.util.ArrayList<>(parts);
        for (Part p : other.parts) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return new Term(all);
    }
}
