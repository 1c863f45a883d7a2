package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;

class TrueCoefficientsTest {
    @Test
    void theConfFileHoldsThePapersModel1AndModel3() {
        TrueCoefficients t = TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE);
        assertEquals(0.8091, t.get(TrueCoefficients.PROBIT, "_cons"));
        assertEquals(-0.1387, t.get(TrueCoefficients.PROBIT, "sta"));
        assertEquals(3.5397, t.get(TrueCoefficients.FE_QU, "scale3"));
        assertEquals(0.0817, t.get(TrueCoefficients.FE_LEVELS, "mqu"));
    }

    @Test
    void aMissingTermStopsWithTheFileAndTermNamed(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(TrueCoefficients.DEFAULT_FILE);
        Path file = dir.resolve("coef.csv");
        Files.write(file, lines.stream().filter(l -> !l.startsWith("probit_ex,pro,")).toList());
        QuexException e = assertThrows(QuexException.class, () -> TrueCoefficients.load(file));
        assertTrue(e.getMessage().contains("missing probit_ex,pro"), e.getMessage());
    }

    @Test
    void aValueThatIsNotANumberIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("coef.csv");
        Files.writeString(file, Files.readString(TrueCoefficients.DEFAULT_FILE).replace("probit_ex,qu,0.0044", "probit_ex,qu,0.00x4"));
        QuexException e = assertThrows(QuexException.class, () -> TrueCoefficients.load(file));
        assertTrue(e.getMessage().contains("'0.00x4' of probit_ex/qu"), e.getMessage());
    }
}
