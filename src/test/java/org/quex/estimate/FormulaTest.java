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
        assertTrue(assertThrows(QuexException.class, () -> Formula.parse("y ~ x + log(z)")).getMessage()
                .contains("'log(z)' is not a column name"));
        assertTrue(assertThrows(QuexException.class, () -> Formula.parse("y ~ y + x")).getMessage()
                .contains("both sides"));
        assertThrows(QuexException.class, () -> Formula.parse("y ~ x + | firm"));
    }
}
