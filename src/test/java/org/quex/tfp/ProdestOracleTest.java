package org.quex.tfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimators on prodest's Chilean panel against the numbers the R package prints (vignettes
 * 0.1.1 and 1.0.1, see oracles/prodest/SOURCE.md) and against an independent row-by-row
 * evaluation of the same objectives (DirectObjective).
 */
class ProdestOracleTest {

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    @Test
    void olleyPakesPrintsWhatProdestPrints() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(true);
        TfpResult r = new TfpEstimator(ChileanPanel.spec(Method.OP)).estimate(rows);
        assertEquals(2544, r.rows());
        assertEquals(1944, r.secondStageRows());
        assertEquals(0.314, round3(r.estimate("fX1")));
        assertEquals(0.256, round3(r.estimate("fX2")));
        assertEquals(0.168, round3(r.estimate("sX")));
        DirectObjective direct = new DirectObjective(rows, false);
        assertEquals(1944, direct.rows.length);
        assertEquals(direct.firstStage[1], r.estimate("fX1"), 1e-10);
        assertEquals(direct.argminOpLp(-0.5, 1.5), r.estimate("sX"), 1e-6);
        assertTrue(r.converged());
        assertEquals(2, r.passes());
    }

    @Test
    void levinsohnPetrinPrintsWhatProdestPrints() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpResult r = new TfpEstimator(ChileanPanel.spec(Method.LP)).estimate(rows);
        assertEquals(1944, r.secondStageRows());
        assertEquals(0.199, round3(r.estimate("fX1")));
        assertEquals(0.169, round3(r.estimate("fX2")));
        assertEquals(0.117, round3(r.estimate("sX")));
        DirectObjective direct = new DirectObjective(rows, false);
        double beta = direct.argminOpLp(-0.5, 1.5);
        assertEquals(beta, r.estimate("sX"), 1e-6);
        assertEquals(direct.opLp(beta), r.objective(), 1e-9 * direct.opLp(beta));
    }

    @Test
    void momentObjectiveEqualsTheRowByRowObjective() throws Exception {
        for (boolean investment : new boolean[] {true, false}) {
            List<FirmYear> rows = ChileanPanel.rows(investment);
            TfpEstimator.SecondStage second = ChileanPanel.stages(
                    new TfpEstimator(ChileanPanel.spec(investment ? Method.OP : Method.LP)), rows);
            DirectObjective direct = new DirectObjective(rows, false);
            for (double beta : new double[] {-0.3, 0.0, 0.1175, 0.1676, 0.5, 1.2}) {
                double d = direct.opLp(beta);
                assertEquals(d, second.objective(0, new double[] {beta}), 1e-9 * d, "beta " + beta);
            }
        }
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpEstimator.SecondStage second = ChileanPanel.stages(new TfpEstimator(ChileanPanel.spec(Method.ACF)), rows);
        DirectObjective direct = new DirectObjective(rows, true);
        for (double[] theta : new double[][] {{.5, .5, .5}, {.2, .2, .1}, {.15, .16, .14}, {.7, .6, .2}}) {
            double d = direct.acf(theta);
            assertEquals(d, second.objective(0, theta), 1e-9 * d);
        }
    }

    @Test
    void acfFromHalfReachesTheExactRoot() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        TfpResult r = new TfpEstimator(ChileanPanel.spec(Method.ACF).withStart(new double[] {.5, .5, .5})).estimate(rows);
        assertEquals(1944, r.secondStageRows());
        // vignette 0.1.1 Table 1 (θ0 = (.5, .5, .5)): 0.646 / 0.644 / 0.251
        assertEquals(0.646, round3(r.estimate("fX1")));
        assertEquals(0.644, round3(r.estimate("fX2")));
        assertEquals(0.251, round3(r.estimate("sX")));
        // a root: the directly computed moments Z′ξ vanish (relative to their size at the start)
        DirectObjective direct = new DirectObjective(rows, true);
        double[] atStart = direct.acfMoments(new double[] {.5, .5, .5});
        double[] atRoot = direct.acfMoments(r.estimates());
        for (int j = 0; j < 3; j++) {
            assertEquals(0, atRoot[j], 1e-8 * Math.abs(atStart[j]), "moment " + j);
        }
        assertTrue(r.objective() < 1e-15, "objective " + r.objective());
        assertTrue(direct.acf(r.estimates()) < 1e-15);
    }

    /**
     * The degree option: with a full cubic in (k, investment), as Stata prodest's default poly(3),
     * the estimates equal an independent replica of Stata's algorithm (research note tfp-notes §A2,
     * "not a published number": 0.318911 / 0.257706 / 0.161751; LP 0.201115 / 0.169622 / 0.120036).
     */
    @Test
    void cubicFirstStageMatchesTheStataReplica() throws Exception {
        TfpResult op = new TfpEstimator(ChileanPanel.spec(Method.OP).withDegree(3)).estimate(ChileanPanel.rows(true));
        assertEquals(0.318911, op.estimate("fX1"), 5e-7);
        assertEquals(0.257706, op.estimate("fX2"), 5e-7);
        assertEquals(0.161751, op.estimate("sX"), 2e-6);
        TfpResult lp = new TfpEstimator(ChileanPanel.spec(Method.LP).withDegree(3)).estimate(ChileanPanel.rows(false));
        assertEquals(0.201115, lp.estimate("fX1"), 5e-7);
        assertEquals(0.169622, lp.estimate("fX2"), 5e-7);
        assertEquals(0.120036, lp.estimate("sX"), 2e-6);
    }

    @Test
    void wooldridgePrintsWhatProdestPrints() throws Exception {
        TfpResult r = new TfpEstimator(ChileanPanel.spec(Method.WRDG)).estimate(ChileanPanel.rows(false));
        assertEquals(1944, r.secondStageRows());
        assertEquals(1, r.passes());
        // vignette 1.0.1 Table 1: 0.246 (0.014) / 0.214 (0.013) / 0.145 (0.024)
        assertEquals(0.246, round3(r.estimate("fX1")));
        assertEquals(0.214, round3(r.estimate("fX2")));
        assertEquals(0.145, round3(r.estimate("sX")));
        assertEquals(0.014, round3(r.standardError("fX1")));
        assertEquals(0.013, round3(r.standardError("fX2")));
        assertEquals(0.024, round3(r.standardError("sX")));
        // prodest 1.0.1 run to more digits (research note tfp-notes §A2): 0.245648 / 0.214146 / 0.144679
        assertEquals(0.245648, r.estimate("fX1"), 5e-7);
        assertEquals(0.214146, r.estimate("fX2"), 5e-7);
        assertEquals(0.144679, r.estimate("sX"), 5e-7);
    }
}
