package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;

class FormulaTest {
    @Test
    void parsesResponseRegressorsAndAbsorbedEffects() {
        Formula f = Formula.parse(" ln_export ~ qu + tfp + age2 | firm + year ");
        assertEquals("ln_export", f.response());
        assertEquals(List.of("qu", "tfp", "age2"), f.regressors());
        assertEquals(List.of("firm", "year"), f.absorbed());
        assertTrue(f.constant());
        assertEquals("ln_export ~ qu + tfp + age2 | firm + year", f.toString());
    }

    @Test
    void zeroOrMinusOneRemovesTheConstant() {
        assertFalse(Formula.parse("y ~ x + 0").constant());
        assertFalse(Formula.parse("y ~ x - 1").constant());
        assertEquals(List.of("x"), Formula.parse("y ~ x - 1").regressors());
    }

    @Test
    void rejectsMalformedFormulasWithTheReason() {
        assertTrue(assertThrows(QuexException.class, () -> Formula.parse("y = x")).getMessage().contains("y ~ x1"));
        assertTrue(assertThrows(QuexException.class, () -> Formula.parse("y ~ x + x")).getMessage().contains("twice"));
        assertTrue(assertThrows(QuexException.class, () -> Formula.parse("y ~ y + x")).getMessage()
                .contains("both sides"));
        assertThrows(QuexException.class, () -> Formula.parse("y ~ x + | firm"));
    }

    @Test
    void termsAreExpandedAndLabelledAsFixestLabelsThem() {
        Formula f = Formula.parse("log(y) ~ a*b + i(year, ref = 2005) + I(x^2) + I(x1 * x2/3) + sqrt(k) + exp(-z)"
                + " + poly(x, 2) + `销售额` + `x-1` + x.dot + i(ind, w)");
        assertEquals("log(y)", f.response());
        // as R's terms() (and so fixest) order them: by degree, then as written
        assertEquals(List.of("a", "b", "i(year, ref = 2005)", "I(x^2)", "I(x1 * x2/3)", "sqrt(k)",
                "exp(-z)", "poly(x, 2)", "销售额", "x-1", "x.dot", "a:b", "i(ind):w"), f.regressors());
        assertEquals(List.of("y", "a", "b", "year", "x", "x1", "x2", "k", "z", "销售额", "x-1", "x.dot", "ind", "w"),
                List.copyOf(f.variables()));
        assertEquals(List.of("x1", "x2", "x3", "x1:x2", "x1:x3", "x2:x3", "x1:x2:x3"),
                Formula.parse("y ~ x1*x2*x3").regressors());
        assertEquals(List.of("a", "b:c", "a:b:c"), Formula.parse("y ~ a*b:c").regressors());
        assertEquals(List.of("b", "a:b"), Formula.parse("y ~ a*b - a").regressors());
        assertEquals(List.of("a", "b", "a:b"), Formula.parse("y ~ a*b + a + a:b").regressors());
        assertEquals("i(year, ref = c(2001, 2002))", Formula.parse("y ~ i(year, ref = c(2001, 2002.0))").regressors().get(0));
        assertEquals("i(g, ref = a)", Formula.parse("y ~ i(g, ref = \"a\")").regressors().get(0));
        assertEquals("poly(x, 3, raw = TRUE)", Formula.parse("y ~ poly(x, 3, raw = TRUE)").regressors().get(0));
        assertEquals("I(x/1e+06)", Formula.parse("y ~ I(x / 1e6)").regressors().get(0));
        assertEquals("I(-x^2 + (a - b))", Formula.parse("y ~ I(- x ^ 2 + (a-b))").regressors().get(0));
        assertFalse(Formula.parse("y ~ 0 + x").constant());
        assertTrue(Formula.parse("y ~ x - 1 + 1").constant());
    }

    @Test
    void expressionsEvaluateAsRDoesWithUndefinedValuesMissing() {
        Formula f = Formula.parse("y ~ I(x^2 - 2*x/4) + log(x) + sqrt(x)");
        java.util.Map<String, Double> row = java.util.Map.of("x", 4.0);
        assertEquals(14.0, ((Term.Numeric) f.terms().get(0).parts().get(0)).expr().eval(row));
        assertEquals(Math.log(4), ((Term.Numeric) f.terms().get(1).parts().get(0)).expr().eval(row));
        assertTrue(Double.isNaN(((Term.Numeric) f.terms().get(1).parts().get(0)).expr().eval(java.util.Map.of("x", 0.0))));
        assertTrue(Double.isNaN(((Term.Numeric) f.terms().get(2).parts().get(0)).expr().eval(java.util.Map.of("x", -1.0))));
    }

    @Test
    void aParseErrorIsOneLineWithThePosition() {
        assertEquals("formula 'y ~ x + log(z': position 14: expected ')' to close log( before the end",
                message("y ~ x + log(z"));
        assertEquals("formula 'y ~ x + foo(z)': position 9: unknown function 'foo' (functions: i, poly, log, exp,"
                + " sqrt, abs, I)", message("y ~ x + foo(z)"));
        assertEquals("formula 'y ~ x + `a b': position 9: the name quoted with ` has no closing `", message("y ~ x + `a b"));
        assertEquals("formula 'y ~ x $ z': position 7: unexpected character '$' (quote names with other characters"
                + " in backticks: `name`)", message("y ~ x $ z"));
        assertEquals("formula 'y ~ x + 2': position 9: a number alone must be 0 or 1 (the constant); write I(...)"
                + " for arithmetic", message("y ~ x + 2"));
        assertEquals("formula 'y ~ i(year, keep = 3)': position 13: i() takes the argument ref (the reference levels),"
                + " not 'keep'", message("y ~ i(year, keep = 3)"));
        assertEquals("formula 'y ~ poly(x)': position 11: expected poly(x, degree): ',' and the degree, found ')'",
                message("y ~ poly(x)"));
        assertEquals("formula 'y ~ x z': position 7: expected '+', '-', ':', '*' or '|', found 'z'", message("y ~ x z"));
        assertEquals("formula 'y ~ x | a | b': position 11: more than one '|'", message("y ~ x | a | b"));
        assertEquals("formula 'y ~ (a + b):c': position 5: parentheses group terms only inside a function: write"
                + " a:c + b:c for (a + b):c, I(...) for arithmetic", message("y ~ (a + b):c"));
        assertEquals("formula 'y ~ 2x': position 5: a name cannot start with a digit: quote it as `2x`", message("y ~ 2x"));
    }

    private static String message(String formula) {
        String m = assertThrows(QuexException.class, () -> Formula.parse(formula)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }
}
