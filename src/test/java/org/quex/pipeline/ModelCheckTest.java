package org.quex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;

/** Model files checked against the panel's columns at start-up, without Spark. */
class ModelCheckTest {
    private static ModelTable table(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("title", "Mine");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ModelTable.parse("mine", p, "mine.conf");
    }

    private static String fails(ModelTable t) {
        return assertThrows(QuexException.class, () -> ModelCheck.check(List.of(t))).getMessage();
    }

    @Test
    void thePackedModelsAndFormulasOfTheNewLanguagePass() {
        ModelCheck.check(ModelTable.load(null));
        ModelCheck.check(List.of(table("models", "a", "model.a.estimator", "fe",
                "model.a.formula", "ln_export ~ qu*tfp + log(cap) + i(year, ref = 2005) + i(province) | firm_id",
                "model.a.vce", "cluster:industry2", "model.a.sample", "matched = 1 and year between 2001 and 2007")));
    }

    @Test
    void aTypoNamesTheFileTheModelTheTermAndTheNearestColumn() {
        assertEquals("model file mine, model a: term 'log(tfpp)': column 'tfpp' is not in the panel"
                + " (lake/panel/firm_year); did you mean 'tfp'?", fails(table("models", "a",
                "model.a.estimator", "probit", "model.a.formula", "ex ~ qu + log(tfpp)")));
        assertEquals("model file mine, model b: response 'ln_exprt': column 'ln_exprt' is not in the panel"
                + " (lake/panel/firm_year); did you mean 'ln_export'?", fails(table("models", "a, b",
                "model.a.estimator", "ols", "model.a.formula", "ln_export ~ qu",
                "model.b.estimator", "ols", "model.b.formula", "ln_exprt ~ qu")));
        assertEquals("model file mine, model a: absorbed effect 'firm': column 'firm' is not in the panel"
                + " (lake/panel/firm_year)", fails(table("models", "a",
                "model.a.estimator", "fe", "model.a.formula", "ln_export ~ qu | firm")));
        assertEquals("model file mine, model a: --vce cluster:firmid: column 'firmid' is not in the panel"
                + " (lake/panel/firm_year); did you mean 'firm_id'?", fails(table("models", "a",
                "model.a.estimator", "ols", "model.a.formula", "ln_export ~ qu", "model.a.vce", "cluster:firmid")));
        assertEquals("model file mine, model a: --vce cluster:firm_id+yr: column 'yr' is not in the panel"
                + " (lake/panel/firm_year)", fails(table("models", "a", "model.a.estimator", "ols",
                "model.a.formula", "ln_export ~ qu", "model.a.vce", "cluster:firm_id+yr")));
        assertEquals("model file mine, model a: weights 'aw:exprt': column 'exprt' is not in the panel"
                + " (lake/panel/firm_year); did you mean 'export'?", fails(table("models", "a", "model.a.estimator", "ols",
                "model.a.formula", "ln_export ~ qu", "model.a.weights", "aw:exprt")));
        assertEquals("model file mine, model a: weights 'fw:firm_name': column 'firm_name' of the panel"
                + " (lake/panel/firm_year) is text, not a number", fails(table("models", "a", "model.a.estimator", "ols",
                "model.a.formula", "ln_export ~ qu", "model.a.weights", "fw:firm_name")));
        assertEquals("model file mine, model a: term 'province': column 'province' of the panel (lake/panel/firm_year)"
                + " is text, not a number (use i(province) for its levels as dummies)", fails(table("models", "a",
                "model.a.estimator", "ols", "model.a.formula", "ln_export ~ qu + province")));
    }

    @Test
    void aSampleConditionIsParsedAndItsColumnsChecked() {
        assertEquals("model file mine, model a: sample 'matchd = 1': column 'matchd' is not in the panel"
                + " (lake/panel/firm_year); did you mean 'matched'?", fails(table("models", "a", "sample", "matchd = 1",
                "model.a.estimator", "probit", "model.a.formula", "ex ~ qu")));
        String e = fails(table("models", "a", "model.a.sample", "year >= ", "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu"));
        assertEquals(true, e.startsWith("model file mine, model a: sample 'year >=' is not a Spark SQL condition: "), e);
        assertEquals(1, e.lines().count());
    }

    @Test
    void aFormulaErrorInAModelDirectoryNamesTheFileModelAndPosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t9.conf"), "title = T\nmodels = m1\nmodel.m1.estimator = ols\n"
                + "model.m1.formula = ln_export ~ qu + log(tfp\n");
        QuexException e = assertThrows(QuexException.class, () -> ModelTable.load(dir.toString()));
        assertEquals(dir.resolve("t9.conf") + ": model m1: formula 'ln_export ~ qu + log(tfp': position 25:"
                + " expected ')' to close log( before the end", e.getMessage());
    }
}
