package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quex.estimate.OracleTest.assertRelative;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.SparkTestSession;

/** Clear errors and Stata's rules on awkward samples. */
class EstimationEdgeCasesTest {

    private static Dataset<Row> frame(String[] names, List<Object[]> rows) {
        StructType schema = new StructType();
        for (String name : names) {
            schema = schema.add(name, DataTypes.DoubleType, true);
        }
        List<Row> data = new ArrayList<>();
        for (Object[] r : rows) {
            data.add(RowFactory.create(r));
        }
        return SparkTestSession.get().createDataFrame(data, schema);
    }

    /** y = 1[0.5 + x + 0.8 z + e > 0]; d = 1 on a tenth of the rows, all of them with y = 1. */
    private static List<Object[]> probitRows(int n, boolean perfectDummy) {
        SplittableRandom rng = new SplittableRandom(7);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = rng.nextGaussian();
            double z = rng.nextGaussian();
            double y = 0.5 + x + 0.8 * z + rng.nextGaussian() > 0 ? 1 : 0;
            double d = i % 10 == 0 ? 1 : 0;
            if (perfectDummy && d == 1) {
                y = 1;
            }
            rows.add(new Object[] {y, x, z, d});
        }
        return rows;
    }

    private static QuexException fails(Dataset<Row> df, ModelSpec.Model model, String formula) {
        return assertThrows(QuexException.class, () -> Estimation.fit(df, ModelSpec.of(model, formula, null)));
    }

    @Test
    void perfectPredictorIsDroppedWithItsRowsAsStataDoes() {
        String[] names = {"y", "x", "z", "d"};
        List<Object[]> rows = probitRows(2000, true);
        FitResult r = Estimation.fit(frame(names, rows), ModelSpec.of(ModelSpec.Model.PROBIT, "y ~ x + z + d", null));
        assertTrue(r.term("d").omitted());
        assertEquals("perfect prediction", r.term("d").omittedReason());
        assertEquals(1800L, r.fit().get("n"));
        assertEquals(200L, r.fit().get("n_dropped_perfect_prediction"));
        assertTrue(r.notes().contains("d != 0 predicts success perfectly; d omitted and 200 obs not used"), r.notes().toString());
        // The rest equals the fit on the rows with d = 0 without d.
        List<Object[]> kept = rows.stream().filter(o -> (double) o[3] == 0).toList();
        FitResult sub = Estimation.fit(frame(names, kept), ModelSpec.of(ModelSpec.Model.PROBIT, "y ~ x + z", null));
        for (String term : new String[] {"x", "z", "_cons"}) {
            assertRelative(sub.term(term).estimate(), r.term(term).estimate(), 1e-10, term);
            assertRelative(sub.term(term).stdError(), r.term(term).stdError(), 1e-10, term + " se");
        }
    }

    @Test
    void linearIndexFarBeyondEightStaysExact() {
        // A strong but not perfect predictor: fitted |η| reaches about 40.
        SplittableRandom rng = new SplittableRandom(3);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double x = rng.nextDouble(-10, 10);
            double y = 4 * x + rng.nextGaussian() > 0 ? 1 : 0;
            rows.add(new Object[] {y, x});
        }
        FitResult r = Estimation.fit(frame(new String[] {"y", "x"}, rows),
                ModelSpec.of(ModelSpec.Model.PROBIT, "y ~ x", null));
        assertEquals(true, r.fit().get("converged"));
        double b = r.term("x").estimate();
        double a = r.term("_cons").estimate();
        double ll = 0;
        double maxEta = 0;
        for (Object[] row : rows) {
            double eta = a + b * (double) row[1];
            maxEta = Math.max(maxEta, Math.abs(eta));
            double t = ((double) row[0] == 1 ? 1 : -1) * eta;
            // commons-math erfc is exact down to Φ ≈ 1e-300, enough for |t| < 37.
            ll += Math.log(0.5 * Erf.erfc(-t / Math.sqrt(2)));
        }
        assertTrue(maxEta > 20, "the test needs |eta| well beyond 8, got " + maxEta);
        assertRelative(ll, (double) r.fit().get("ll"), 1e-10, "ll");
        assertTrue(Math.abs(b - 4.0) < 3 * r.term("x").stdError(), "slope " + b + " near the truth 4");
    }

    @Test
    void rowsWithMissingValuesAreDroppedAndCounted() {
        List<Object[]> rows = probitRows(500, false);
        rows.get(3)[1] = null;
        rows.get(9)[2] = Double.NaN;
        FitResult r = Estimation.fit(frame(new String[] {"y", "x", "z", "d"}, rows),
                ModelSpec.of(ModelSpec.Model.OLS, "y ~ x + z", "robust"));
        assertEquals(498L, r.fit().get("n"));
        assertEquals(2L, r.fit().get("n_dropped_missing"));
    }

    @Test
    void clearErrors() {
        String[] names = {"y", "x", "z", "d"};
        List<Object[]> rows = probitRows(100, false);
        Dataset<Row> df = frame(names, rows);
        assertTrue(fails(df, ModelSpec.Model.PROBIT, "y ~ x + w").getMessage()
                .startsWith("column 'w' not found in the input (columns: y, x, z, d)"));
        // a continuous outcome is nonzero everywhere: all successes, as Stata reads it
        assertTrue(fails(df, ModelSpec.Model.PROBIT, "x ~ z").getMessage().contains("does not vary: all 100 observations are 1"));
        assertTrue(fails(df.where("y = 1"), ModelSpec.Model.PROBIT, "y ~ x").getMessage()
                .contains("does not vary: all"));
        assertTrue(fails(df.where("y > 5"), ModelSpec.Model.OLS, "y ~ x").getMessage()
                .startsWith("no observations"));
        assertTrue(fails(df, ModelSpec.Model.FE, "y ~ x").getMessage().contains("needs an absorbed effect"));
        assertTrue(fails(df, ModelSpec.Model.PROBIT, "y ~ x | d").getMessage().contains("does not absorb"));
    }

    @Test
    void nonNumericValueNamesTheColumnAndValue() {
        StructType schema = new StructType().add("y", DataTypes.StringType).add("x", DataTypes.StringType);
        List<Row> data = List.of(RowFactory.create("1", "0.5"), RowFactory.create("0", "1,5"),
                RowFactory.create("1", "2"));
        Dataset<Row> df = SparkTestSession.get().createDataFrame(data, schema);
        QuexException e = fails(df, ModelSpec.Model.OLS, "y ~ x");
        assertEquals("column 'x': value '1,5' is not a number", e.getMessage());
    }

    @Test
    void feRegressorsConstantWithinGroupsAreReportedAsOmitted() {
        List<Object[]> rows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (int g = 0; g < 50; g++) {
            double size = rng.nextGaussian();
            for (int t = 0; t < 4; t++) {
                double x = rng.nextGaussian();
                rows.add(new Object[] {g + 1.0, 2 * x + size + rng.nextGaussian(), x, size});
            }
        }
        FitResult r = Estimation.fit(frame(new String[] {"g", "y", "x", "size"}, rows),
                ModelSpec.of(ModelSpec.Model.FE, "y ~ x + size | g", null));
        assertTrue(r.term("size").omitted());
        assertEquals(List.of("size"), r.terms().stream().filter(FitResult.Term::omitted).map(FitResult.Term::name).toList());
        assertEquals(50L, r.fit().get("n_groups"));
        assertEquals(200L - 50 - 1, r.fit().get("df_r"));
    }
}
