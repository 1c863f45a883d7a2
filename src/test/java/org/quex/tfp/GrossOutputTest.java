package org.quex.tfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;

/**
 * The gross-output variants on prodest's Chilean panel (Stata prodest without {@code valueadded}:
 * the proxy, log materials, is an input). No package prints a gross-output estimate on these data
 * (R prodest has no such variant; Stata prodest's help examples all use {@code va}), so the oracle
 * is a separately written row-by-row objective (DirectObjective): the estimate is its minimum (LP)
 * or root (ACF) to 1e-6.
 */
class GrossOutputTest {

    @Test
    void levinsohnPetrinGrossOutputIsTheMinimumOfTheRowByRowObjective() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpSpec spec = ChileanPanel.spec(Method.LP).withOutput(OutputKind.GROSS_OUTPUT);
        TfpResult r = new TfpEstimator(spec).estimate(rows);
        assertEquals(List.of("fX1", "fX2", "sX", "pX"), r.names());
        assertEquals(1944, r.secondStageRows());
        DirectObjective direct = new DirectObjective(rows, false, true);
        // the first stage is LP's value-added one: the same labour elasticities
        assertEquals(direct.firstStage[1], r.estimate("fX1"), 1e-10);
        assertEquals(direct.firstStage[2], r.estimate("fX2"), 1e-10);
        // on value-added y (these data) the materials elasticity is what Stata's default computes
        assertEquals(0.111744, r.estimate("sX"), 1e-6);
        assertEquals(0.282281, r.estimate("pX"), 1e-6);
        double[] theta = {r.estimate("sX"), r.estimate("pX")};
        double[] step = DirectObjective.newtonStep(direct::opLp, theta);
        assertEquals(0, step[0], 1e-6, "distance of β_k from the direct minimum");
        assertEquals(0, step[1], 1e-6, "distance of β_m from the direct minimum");
        assertEquals(direct.opLp(theta), r.objective(), 1e-9 * r.objective());
        TfpEstimator.SecondStage second = ChileanPanel.stages(new TfpEstimator(spec), rows);
        for (double[] t : new double[][] {{0.1, 0.1}, {0.0, 0.5}, {0.3, -0.2}, theta}) {
            double d = direct.opLp(t);
            assertEquals(d, second.objective(0, t), 1e-9 * d);
        }
    }

    /**
     * From the value-added start with β_m = 0, (.5, .5, .5, 0), ACF reaches an exact root of the four
     * moments, next to the value-added root (0.646, 0.644, 0.251) with β_m ≈ 0 (y is value added in
     * these data); from (.5, .5, .5, .5) it ends in a minimum that is not a root (criterion 1.2e-6):
     * Stata prodest warns that ACF with gross output is not reliably identified.
     */
    @Test
    void acfGrossOutputReachesARootOfTheRowByRowMoments() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpSpec spec = ChileanPanel.spec(Method.ACF).withOutput(OutputKind.GROSS_OUTPUT)
                .withStart(new double[] {.5, .5, .5, 0});
        TfpResult r = new TfpEstimator(spec).estimate(rows);
        assertEquals(List.of("fX1", "fX2", "sX", "pX"), r.names());
        DirectObjective direct = new DirectObjective(rows, true, true);
        double[] atStart = direct.acfMoments(new double[] {.5, .5, .5, 0});
        double[] atRoot = direct.acfMoments(r.estimates());
        for (int j = 0; j < 4; j++) {
            assertEquals(0, atRoot[j], 1e-8 * Math.abs(atStart[j]), "moment " + j);
        }
        assertTrue(r.objective() < 1e-15, "objective " + r.objective());
        assertTrue(direct.acf(r.estimates()) < 1e-15);
        assertEquals(0.675615, r.estimate("fX1"), 1e-6);
        assertEquals(0.663648, r.estimate("fX2"), 1e-6);
        assertEquals(0.259206, r.estimate("sX"), 1e-6);
        assertEquals(-0.038577, r.estimate("pX"), 1e-6);
        TfpResult other = new TfpEstimator(spec.withStart(new double[] {.5, .5, .5, .5})).estimate(rows);
        assertTrue(other.objective() > 1e-7 && direct.acf(other.estimates()) > 1e-7, "not a root: " + other.objective());
        TfpEstimator.SecondStage second = ChileanPanel.stages(new TfpEstimator(spec), rows);
        for (double[] t : new double[][] {{.5, .5, .5, .5}, {.2, .2, .1, .3}, {.7, .6, .2, -.1}}) {
            double d = direct.acf(t);
            assertEquals(d, second.objective(0, t), 1e-9 * d);
        }
    }

    @Test
    void olsGrossOutputHasTheMaterialsElasticity() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpResult r = new TfpEstimator(ChileanPanel.spec(Method.OLS).withOutput(OutputKind.GROSS_OUTPUT)).estimate(rows);
        assertEquals(List.of("fX1", "fX2", "sX", "pX"), r.names());
        // normal equations of y on [1, l1, l2, k, m], solved apart
        double[][] a = new double[5][6];
        for (FirmYear f : rows) {
            double[] x = {1, f.free()[0], f.free()[1], f.state()[0], f.proxy()};
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    a[i][j] += x[i] * x[j];
                }
                a[i][5] += x[i] * f.y();
            }
        }
        double[] b = DirectObjective.gaussJordan(a);
        for (int j = 0; j < 4; j++) {
            assertEquals(b[j + 1], r.estimates()[j], 1e-9, r.names().get(j));
        }
    }

    @Test
    void olleyPakesGrossOutputIsItsValueAddedAlgorithmAndWooldridgeHasNone() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(true);
        TfpResult va = new TfpEstimator(ChileanPanel.spec(Method.OP)).estimate(rows);
        TfpResult go = new TfpEstimator(ChileanPanel.spec(Method.OP).withOutput(OutputKind.GROSS_OUTPUT)).estimate(rows);
        assertEquals(List.of("fX1", "fX2", "sX"), go.names());
        for (int j = 0; j < 3; j++) {
            assertEquals(va.estimates()[j], go.estimates()[j], 0);
        }
        QuexException e = assertThrows(QuexException.class,
                () -> ChileanPanel.spec(Method.WRDG).withOutput(OutputKind.GROSS_OUTPUT));
        assertTrue(e.getMessage().startsWith("TFP method wrdg has no gross-output variant"), e.getMessage());
    }
}
