package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quex.estimate.NormalDistribution;

class ExportDecisionTest {
    private static final TrueCoefficients TRUTH = GeneratedData.coefficients();
    // ln_cap, age, age2, scale1..3, pro, roa, sta, cen, for
    private static final Regressors X = new Regressors(3.2, 12, 144, 0, 1, 0, 6.5, 0.08, 1, 0, 0);

    @Test
    void probitIndexIsModel1AppliedToTheVariables() {
        double expected = 0.8091 + 0.0044 * 3 - 0.0146 * 0.25 - 0.1005 * 3.2 + 0.0375 * 12 - 0.0008 * 144
                + 0.2718 + 0.0176 * 6.5 - 0.1387;
        assertEquals(expected, ExportDecision.probitIndex(TRUTH, X, 0.25, 3), 1e-12);
    }

    @Test
    void scaleIndexOfModel5UsesTheQualityLevelDummies() {
        double model5 = 7.2674 + 0.0817 /* mqu: qu 4 is mid */ + 0.0371 * 0.25 + 0.1988 * 3.2 + 0.0147 * 12
                - 0.0007 * 144 + 2.1837 + 0.4799 * 0.08 - 0.5872;
        assertEquals(model5, ExportDecision.scaleIndex(TRUTH, TrueCoefficients.FE_LEVELS, X, 0.25, 4), 1e-12);
    }

    @Test
    void exportStatusFollowsTheProbitAndScaleTheFeEquation() {
        int n = 200_000;
        double index = ExportDecision.probitIndex(TRUTH, X, 0.25, 3);
        double scale = ExportDecision.scaleIndex(TRUTH, TrueCoefficients.FE_QU, X, 0.25, 3);
        SplittableRandom r = new SplittableRandom(42);
        int exporters = 0;
        double sumLog = 0;
        for (int i = 0; i < n; i++) {
            ExportDecision d = ExportDecision.draw(TRUTH, TrueCoefficients.FE_QU, X, 0.25, 3, 0.5, r);
            if (d.ex() == 1) {
                exporters++;
                sumLog += Math.log(d.exportValue());
            }
        }
        double p = NormalDistribution.cdf(index);
        assertEquals(p, (double) exporters / n, 4 * Math.sqrt(p * (1 - p) / n));
        double sd = TRUTH.get(TrueCoefficients.DGP, "fe_error_sd");
        assertEquals(0.5 + scale, sumLog / exporters, 4 * sd / Math.sqrt(exporters));
    }
}
