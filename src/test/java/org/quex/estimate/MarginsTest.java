package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * Marginal effects after probit against R (oracles/vce/make_vce_oracles.R: the effects from
 * their definitions, delta-method SEs from a central-difference gradient and the model's V) and
 * against numerical derivatives computed here from the data and the estimates alone.
 */
class MarginsTest {

    private static Dataset<Row> read(String file) {
        return TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/" + file));
    }

    @ParameterizedTest(name = "{0} ({4} partitions)")
    @CsvSource(delimiter = ';', value = {
        "spector_oim;spector.csv;GRADE ~ GPA + TUCE + PSI;oim;1;",
        "spector_oim;spector.csv;GRADE ~ GPA + TUCE + PSI;oim;3;",
        "panel_cluster_firm_year;vce/vce_panel.csv;yb ~ x1 + x2 + d;cluster:firm+year;7;",
        "panel_fw_oim;vce/vce_panel.csv;yb ~ x1 + x2 + d;oim;2;fw:f",
    })
    void averageAndAtMeansEffectsMatchR(String reference, String data, String formula, String vce, int partitions,
                                        String weights) throws Exception {
        FitResult r = Estimation.fit(read(data), ModelSpec.of(ModelSpec.Model.PROBIT, formula, vce)
                .withPartitions(partitions).withWeights(ModelSpec.Weights.parse(weights)), true);
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/vce/margins_" + reference
                + ".csv")));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            List<Margins.Effect> list = f[0].equals("average") ? r.margins().average() : r.margins().atMeans();
            Margins.Effect e = list.stream().filter(x -> x.term().equals(f[1])).findFirst().orElseThrow();
            assertEquals(f[2].equals("discrete"), e.discrete(), f[1]);
            OracleTest.assertRelative(Double.parseDouble(f[3]), e.estimate(), 1e-6, f[0] + " " + f[1]);
            OracleTest.assertRelative(Double.parseDouble(f[4]), e.stdError(), 1e-5, f[0] + " " + f[1] + " se");
            checked++;
        }
        assertEquals(6, checked);
        assertEquals(r.sample().n(), r.margins().n());
    }

    /**
     * Independently of the implementation: the average derivative of Φ(x′b) by central differences
     * in x over the rows of spector.csv, the discrete change of PSI from its definition, and the
     * delta-method SE of GPA's effect from a numerical gradient in b and the fit's own V.
     */
    @Test
    void averageEffectsAreNumericalDerivativesOfTheAveragePrediction() throws Exception {
        FitResult r = Estimation.fit(read("spector.csv"), ModelSpec.of(ModelSpec.Model.PROBIT,
                "GRADE ~ GPA + TUCE + PSI", null), true);
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/spector.csv")));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), 1});
        }
        double[] b = {r.term("GPA").estimate(), r.term("TUCE").estimate(), r.term("PSI").estimate(),
            r.term("_cons").estimate()};
        double h = 1e-5;
        for (int j = 0; j < 2; j++) {
            double numeric = (averagePrediction(rows, b, j, h) - averagePrediction(rows, b, j, -h)) / (2 * h);
            OracleTest.assertRelative(numeric, r.margins().average().get(j).estimate(), 1e-7, "d/dx " + j);
        }
        double change = averageAt(rows, b, 2, 1.0) - averageAt(rows, b, 2, 0.0);
        OracleTest.assertRelative(change, r.margins().average().get(2).estimate(), 1e-12, "PSI change");
        // delta method for GPA: gradient of b ↦ average dΦ/dGPA, numerically, then g′Vg
        double[] g = new double[4];
        for (int k = 0; k < 4; k++) {
            double[] up = b.clone();
            double[] down = b.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            g[k] = (averageDerivative(rows, up, 0) - averageDerivative(rows, down, 0)) / 2e-6;
        }
        double[] v = r.covariance(); // table order GPA, TUCE, PSI, _cons
        double var = 0;
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 4; c++) {
                var += g[a] * v[a + c * 4] * g[c];
            }
        }
        OracleTest.assertRelative(Math.sqrt(var), r.margins().average().get(0).stdError(), 1e-6, "GPA se");
        assertTrue(r.margins().table("GRADE", "oim").contains("1.PSI"), "discrete change marked as in Stata");
    }

    private static double averagePrediction(List<double[]> rows, double[] b, int j, double shift) {
        double s = 0;
        for (double[] x : rows) {
            double eta = 0;
            for (int k = 0; k < 4; k++) {
                eta += b[k] * (x[k] + (k == j ? shift : 0));
            }
            s += NormalDistribution.cdf(eta);
        }
        return s / rows.size();
    }

    private static double averageAt(List<double[]> rows, double[] b, int j, double value) {
        double s = 0;
        for (double[] x : rows) {
            double eta = 0;
            for (int k = 0; k < 4; k++) {
                eta += b[k] * (k == j ? value : x[k]);
            }
            s += NormalDistribution.cdf(eta);
        }
        return s / rows.size();
    }

    private static double averageDerivative(List<double[]> rows, double[] b, int j) {
        double s = 0;
        for (double[] x : rows) {
            double eta = 0;
            for (int k = 0; k < 4; k++) {
                eta += b[k] * x[k];
            }
            s += Math.exp(-0.5 * eta * eta) / Math.sqrt(2 * Math.PI) * b[j];
        }
        return s / rows.size();
    }

    /**
     * A factor term i(year) is one factor, as Stata's margins treats i.year: each level's average
     * effect is the discrete change from the reference level (all the year dummies 0), computed
     * here from the data and the estimates alone, its SE by a numerical gradient and the fit's V;
     * at the means, the other covariate at its mean.
     */
    @Test
    void aFactorTermsLevelsAreDiscreteChangesFromTheBaseLevel() throws Exception {
        FitResult r = Estimation.fit(read("formula/formula_panel.csv"), ModelSpec.of(ModelSpec.Model.PROBIT,
                "d ~ x1 + i(year, ref = 2001)", null), true);
        List<double[]> rows = new ArrayList<>(); // x1, year
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/formula/formula_panel.csv")));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[1])});
        }
        List<String> names = r.estimatedTerms().stream().map(FitResult.Term::name).toList();
        assertEquals("x1", names.get(0));
        assertEquals("year::2002", names.get(1));
        double[] b = r.estimatedTerms().stream().mapToDouble(FitResult.Term::estimate).toArray(); // x1, 2002..2010, _cons
        double[] v = r.covariance();
        int q = b.length;
        double x1Mean = rows.stream().mapToDouble(x -> x[0]).average().orElseThrow();
        for (int level = 2002; level <= 2010; level++) {
            int j = level - 2001; // the column of year::level
            String term = "year::" + level;
            Margins.Effect average = r.margins().average().stream().filter(e -> e.term().equals(term)).findFirst()
                    .orElseThrow();
            assertTrue(average.discrete(), term);
            OracleTest.assertRelative(yearChange(rows, b, j), average.estimate(), 1e-12, term);
            double[] g = new double[q];
            for (int k = 0; k < q; k++) {
                double[] up = b.clone();
                double[] down = b.clone();
                up[k] += 1e-6;
                down[k] -= 1e-6;
                g[k] = (yearChange(rows, up, j) - yearChange(rows, down, j)) / 2e-6;
            }
            OracleTest.assertRelative(Math.sqrt(quadratic(g, v)), average.stdError(), 1e-6, term + " se");
            Margins.Effect atMeans = r.margins().atMeans().stream().filter(e -> e.term().equals(term)).findFirst()
                    .orElseThrow();
            double base = b[0] * x1Mean + b[q - 1];
            OracleTest.assertRelative(NormalDistribution.cdf(base + b[j]) - NormalDistribution.cdf(base),
                    atMeans.estimate(), 1e-12, term + " at means");
        }
        assertTrue(r.margins().table("d", "oim").contains("year::2005"), "a factor level printed as it is named");
        assertTrue(!r.margins().table("d", "oim").contains("1.year::"), "not as a 0/1 regressor");
    }

    /** Average over the rows of Φ(x′b) with year = level minus with year = 2001 (j = level − 2001). */
    private static double yearChange(List<double[]> rows, double[] b, int j) {
        double s = 0;
        for (double[] x : rows) {
            double base = b[0] * x[0] + b[b.length - 1];
            s += NormalDistribution.cdf(base + b[j]) - NormalDistribution.cdf(base);
        }
        return s / rows.size();
    }

    private static double quadratic(double[] g, double[] v) {
        int q = g.length;
        double s = 0;
        for (int a = 0; a < q; a++) {
            for (int c = 0; c < q; c++) {
                s += g[a] * v[a + c * q] * g[c];
            }
        }
        return s;
    }

    @Test
    void marginsAreForProbit() {
        assertEquals("--margins is for probit; the coefficients of ols are the marginal effects",
                assertThrows(QuexException.class, () -> Estimation.fit(read("spector.csv"),
                        ModelSpec.of(ModelSpec.Model.OLS, "GRADE ~ GPA", null), true)).getMessage());
    }
}
