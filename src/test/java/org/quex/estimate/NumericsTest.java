package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quex.estimate.OracleTest.assertRelative;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.SparkTestSession;

/**
 * Numerics that do not depend on units (issue 18, point 6): a regressor with mean 1e6 and standard
 * deviation 1e-3 is estimated in OLS, FE and probit as R estimates it (oracles/formula/units_*,
 * see its README); a probit outcome coded 0/k; separation by a continuous regressor as Stata
 * handles it; observations the fit determines completely.
 */
class NumericsTest {

    private static FitResult fit(Dataset<Row> data, ModelSpec.Model model, String formula) {
        return Estimation.fit(data, ModelSpec.of(model, formula, null));
    }

    @Test
    void aRegressorWithMeanAMillionAndSdOneThousandthIsEstimatedInOls() throws Exception {
        FitResult r = fit(FormulaOracleTest.panel(), ModelSpec.Model.OLS, "y ~ x1 + xbig");
        assertFalse(r.term("xbig").omitted());
        FormulaOracleTest.assertMatches("units_ols", r);
    }

    @Test
    void andInFixedEffectsItIsNotConstantWithinFirms() throws Exception {
        FitResult r = fit(FormulaOracleTest.panel(), ModelSpec.Model.FE, "y ~ x1 + xbig | firm");
        assertFalse(r.term("xbig").omitted());
        FormulaOracleTest.assertMatches("units_fe", r);
    }

    @Test
    void andInProbit() throws Exception {
        FitResult r = fit(FormulaOracleTest.panel(), ModelSpec.Model.PROBIT, "d ~ x1 + xbig");
        assertFalse(r.term("xbig").omitted());
        FormulaOracleTest.assertMatches("units_probit", r);
    }

    @Test
    void aConstantColumnOfAnyMagnitudeIsStillOmitted() {
        Dataset<Row> p = FormulaOracleTest.panel().selectExpr("*", "1e6 + 0 * cast(x1 as double) as c6",
                "cast(firm as double) * 1e-9 + 1e6 as firm_level");
        FitResult ols = fit(p, ModelSpec.Model.OLS, "y ~ x1 + c6");
        assertTrue(ols.term("c6").omitted());
        assertEquals("collinear", ols.term("c6").omittedReason());
        FitResult fe = fit(p, ModelSpec.Model.FE, "y ~ x1 + firm_level | firm");
        assertTrue(fe.term("firm_level").omitted());
        assertEquals("constant within firm", fe.term("firm_level").omittedReason());
    }

    @Test
    void aProbitOutcomeCodedZeroOrKIsASuccessWhereverNonzeroAsInStata() {
        Dataset<Row> p = FormulaOracleTest.panel().selectExpr("*", "cast(d as int) * 5 as d5");
        FitResult k = fit(p, ModelSpec.Model.PROBIT, "d5 ~ x1 + x2");
        FitResult one = fit(p, ModelSpec.Model.PROBIT, "d ~ x1 + x2");
        for (FitResult.Term t : one.terms()) {
            assertRelative(t.estimate(), k.term(t.name()).estimate(), 1e-12, t.name());
            assertRelative(t.stdError(), k.term(t.name()).stdError(), 1e-12, t.name() + " se");
        }
        assertTrue(k.notes().contains("outcome 'd5' takes values other than 0 and 1 (from 0 to 5): every nonzero value"
                + " is a success, as in Stata"), k.notes().toString());
    }

    private static Dataset<Row> frame(List<Object[]> rows) {
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("x", DataTypes.DoubleType)
                .add("z", DataTypes.DoubleType);
        List<Row> data = new ArrayList<>();
        rows.forEach(r -> data.add(RowFactory.create(r)));
        return SparkTestSession.get().createDataFrame(data, schema);
    }

    /** x ≤ 1 for every failure and x ≥ 1 for every success; at x = 1 both outcomes (when tied). */
    private static List<Object[]> separated(boolean tied) {
        SplittableRandom rng = new SplittableRandom(5);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double z = rng.nextGaussian();
            if (tied && i % 4 == 0) {
                rows.add(new Object[] {0.3 * z + rng.nextGaussian() > 0 ? 1.0 : 0.0, 1.0, z});
            } else {
                double x = 1 + 0.1 + rng.nextDouble();
                boolean success = rng.nextBoolean();
                rows.add(new Object[] {success ? 1.0 : 0.0, success ? x : 2 - x, z});
            }
        }
        return rows;
    }

    @Test
    void quasiCompleteSeparationLeavesTheRowsAtTheCutAsStataDoes() {
        List<Object[]> rows = separated(true);
        FitResult r = fit(frame(rows), ModelSpec.Model.PROBIT, "y ~ x + z");
        assertTrue(r.term("x").omitted());
        assertEquals("perfect prediction", r.term("x").omittedReason());
        assertEquals(100L, r.fit().get("n"));
        assertEquals(300L, r.fit().get("n_dropped_perfect_prediction"));
        assertTrue(r.notes().contains("outcome = x > 1 predicts data perfectly except for x == 1 subsample: x omitted"
                + " and 300 obs not used"), r.notes().toString());
        List<Object[]> atCut = rows.stream().filter(o -> (double) o[1] == 1.0).toList();
        FitResult sub = fit(frame(atCut), ModelSpec.Model.PROBIT, "y ~ z");
        for (String term : new String[] {"z", "_cons"}) {
            assertRelative(sub.term(term).estimate(), r.term(term).estimate(), 1e-10, term);
            assertRelative(sub.term(term).stdError(), r.term(term).stdError(), 1e-10, term + " se");
        }
    }

    @Test
    void completeSeparationStopsWithStatasMessage() {
        List<Object[]> rows = separated(false);
        double largestFailure = rows.stream().filter(o -> (double) o[0] == 0).mapToDouble(o -> (double) o[1]).max()
                .orElseThrow();
        QuexException e = assertThrows(QuexException.class, () -> fit(frame(rows), ModelSpec.Model.PROBIT, "y ~ z + x"));
        assertEquals("probit 'y ~ z + x': outcome = x > " + Expr.number(largestFailure) + " predicts data perfectly"
                + " (complete separation: the likelihood has no maximum; Stata stops here too)", e.getMessage());
    }

    @Test
    void observationsPredictedWithCertaintyAreCountedInANote() {
        // y = 1[4x + e > 0] with x up to ±10: far from 0 the fitted probability of the outcome is 1.
        SplittableRandom rng = new SplittableRandom(3);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double x = rng.nextDouble(-10, 10);
            rows.add(new Object[] {4 * x + rng.nextGaussian() > 0 ? 1.0 : 0.0, x, rng.nextGaussian()});
        }
        FitResult r = fit(frame(rows), ModelSpec.Model.PROBIT, "y ~ x");
        double a = r.term("_cons").estimate();
        double b = r.term("x").estimate();
        long failures = 0;
        long successes = 0;
        for (Object[] row : rows) {
            double eta = a + b * (double) row[1];
            if ((double) row[0] == 1 && eta > Separation.CUT) {
                successes++;
            } else if ((double) row[0] == 0 && eta < -Separation.CUT) {
                failures++;
            }
        }
        assertTrue(failures > 100 && successes > 100, failures + " " + successes);
        assertEquals(failures + successes, r.fit().get("n_completely_determined"));
        assertTrue(r.notes().contains(failures + " failures and " + successes + " successes completely determined"),
                r.notes().toString());
        assertEquals(true, r.fit().get("converged"));
    }

    /**
     * Statalist's example of a strong predictor (failures with a large x dropped: every x > 3.1 is
     * a success, below both outcomes): no single-regressor rule applies, the fit converges and is
     * reported with the completely determined rows, as Stata does (before: "information matrix is
     * singular" was possible on the way).
     */
    @Test
    void partialSeparationByAContinuousRegressorIsFittedWithTheDeterminedRowsNoted() {
        SplittableRandom rng = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double x = rng.nextDouble(0, 6);
            double z = rng.nextGaussian();
            double y = 2 * (x - 3) + z + rng.nextGaussian() > 0 ? 1 : 0;
            if (!(y == 0 && x > 3.1)) {
                rows.add(new Object[] {y, x, z});
            }
        }
        FitResult r = fit(frame(rows), ModelSpec.Model.PROBIT, "y ~ x + z");
        assertEquals(true, r.fit().get("converged"));
        assertFalse(r.term("x").omitted());
        assertEquals((long) rows.size(), r.fit().get("n"));
        long determined = 0;
        for (Object[] row : rows) {
            double eta = r.term("_cons").estimate() + r.term("x").estimate() * (double) row[1]
                    + r.term("z").estimate() * (double) row[2];
            determined += ((double) row[0] == 1 ? eta : -eta) > Separation.CUT ? 1 : 0;
        }
        assertTrue(determined > 50, "the test needs determined rows, got " + determined);
        assertEquals(determined, r.fit().get("n_completely_determined"));
        assertTrue(r.notes().stream().anyMatch(n -> n.endsWith("successes completely determined")), r.notes().toString());
    }
}
