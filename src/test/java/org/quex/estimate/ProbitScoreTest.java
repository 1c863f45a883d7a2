package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/**
 * The probit estimates are the maximum: the score Σ q·φ(qη)/Φ(qη)·x, evaluated by a plain loop
 * with commons-math's erfc (an implementation independent of Quex's), is zero at them.
 */
class ProbitScoreTest {
    @Test
    void scoreVanishesAtTheEstimatesOfProbit20k() throws Exception {
        FitResult r = Estimation.fit(
                TableReader.read(SparkTestSession.get(), SparkTestSession.resource("oracles/probit20k.csv")),
                ModelSpec.of(ModelSpec.Model.PROBIT, "y ~ x1 + x2 + x3 + x4 + x5", null));
        String[] names = {"x1", "x2", "x3", "x4", "x5", "_cons"};
        double[] b = new double[6];
        for (int j = 0; j < 6; j++) {
            b[j] = r.term(names[j]).estimate();
        }
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/probit20k.csv")));
        double[] score = new double[6];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] x = {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]), 1.0};
            double eta = 0;
            for (int j = 0; j < 6; j++) {
                eta += b[j] * x[j];
            }
            double q = Double.parseDouble(f[1]) == 1 ? 1 : -1;
            double t = q * eta;
            double lambda = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI) / (0.5 * Erf.erfc(-t / Math.sqrt(2)));
            for (int j = 0; j < 6; j++) {
                score[j] += q * lambda * x[j];
            }
        }
        for (int j = 0; j < 6; j++) {
            assertTrue(Math.abs(score[j]) < 1e-8, "score of " + names[j] + " is " + score[j]);
        }
    }
}
