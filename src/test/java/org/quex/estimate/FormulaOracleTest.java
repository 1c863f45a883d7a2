package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * The formula language against R (oracles/formula: data and references made by make_references.R
 * with R 4.2.2; fixest's names given to R's coefficients): interactions, functions, orthogonal
 * polynomials, factors with and without a reference, names quoted in backticks, in OLS, probit
 * and FE. Estimates to a relative 1e-6, standard errors to 1e-5.
 */
class FormulaOracleTest {
    static Dataset<Row> panel() {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/formula/formula_panel.csv"));
    }

    static void assertMatches(String reference, FitResult r) throws Exception {
        OracleReference ref = OracleReference.load("formula/" + reference + ".csv", "formula/" + reference + ".fit");
        for (Map.Entry<String, double[]> e : ref.terms().entrySet()) {
            FitResult.Term t = r.term(e.getKey());
            assertFalse(t.omitted(), e.getKey() + " should not be omitted");
            OracleTest.assertRelative(e.getValue()[0], t.estimate(), 1e-6, e.getKey() + " estimate");
            OracleTest.assertRelative(e.getValue()[1], t.stdError(), 1e-5, e.getKey() + " std. error");
        }
        assertEquals(ref.fit().get("n").longValue(), ((Number) r.fit().get("n")).longValue(), "n");
        for (String key : new String[] {"rss", "ll"}) {
            if (ref.fit().containsKey(key)) {
                OracleTest.assertRelative(ref.fit().get(key), (double) r.fit().get(key), 1e-8, key);
            }
        }
    }

    @Test
    void olsWithInteractionsFunctionsPolynomialsAFactorAndAChineseName() throws Exception {
        FitResult r = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.OLS,
                "y ~ x1*x2 + log(pos) + I(x1^2) + poly(zz, 2) + i(year, ref = 2001) + `销售额`", null));
        assertMatches("ols_terms", r);
        assertEquals(List.of("x1", "x2", "log(pos)", "I(x1^2)", "poly(zz, 2)1", "poly(zz, 2)2", "year::2002",
                "year::2003", "year::2004", "year::2005", "year::2006", "year::2007", "year::2008", "year::2009",
                "year::2010", "销售额", "x1:x2", "_cons"), r.terms().stream().map(FitResult.Term::name).toList());
    }

    /** The design columns as Spark expressions over the table (what predictions use) give back the fit's RSS. */
    @Test
    void theDesignColumnsByNameReproduceTheFit() {
        String formula = "y ~ x1*x2 + log(pos) + I(x1^2) + poly(zz, 2) + i(year, ref = 2001) + `销售额`";
        Dataset<Row> p = panel();
        FitResult r = Estimation.fit(p, ModelSpec.of(ModelSpec.Model.OLS, formula, null));
        Map<String, org.apache.spark.sql.Column> design = ModelColumns.numericByName(p, Formula.parse(formula));
        org.apache.spark.sql.Column xb = org.apache.spark.sql.functions.lit(r.term("_cons").estimate());
        for (FitResult.Term t : r.terms()) {
            if (!t.name().equals("_cons")) {
                xb = xb.plus(design.get(t.name()).multiply(t.estimate()));
            }
        }
        org.apache.spark.sql.Column e = design.get("y").minus(xb);
        double rss = p.select(org.apache.spark.sql.functions.sum(e.multiply(e))).first().getDouble(0);
        OracleTest.assertRelative((double) r.fit().get("rss"), rss, 1e-9, "rss from the design columns");
    }

    @Test
    void probitWithYearDummiesDropsTheLastYearAsFixestDoes() throws Exception {
        FitResult r = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.PROBIT, "d ~ x1 + x.dot + i(year) + x1:x2", null));
        assertMatches("probit_terms", r);
        assertTrue(r.term("year::2010").omitted());
        assertEquals("collinear", r.term("year::2010").omittedReason());
    }

    @Test
    void fixedEffectsWithYearDummiesAndAnInteraction() throws Exception {
        FitResult r = Estimation.fit(panel(), ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x1:x2 + i(year) | firm", null));
        assertMatches("fe_terms", r);
        assertTrue(r.term("year::2010").omitted());
    }

    @Test
    void rowsWhereATermIsUndefinedAreMissingAndCounted() {
        // log(x1) is undefined where x1 <= 0: those rows are dropped as missing, as fixest and Stata do.
        Dataset<Row> p = panel();
        long positive = p.where("cast(x1 as double) > 0").count();
        FitResult r = Estimation.fit(p, ModelSpec.of(ModelSpec.Model.OLS, "y ~ log(x1) + x2", null));
        assertEquals(positive, r.fit().get("n"));
        assertEquals(600 - positive, r.fit().get("n_dropped_missing"));
    }
}
