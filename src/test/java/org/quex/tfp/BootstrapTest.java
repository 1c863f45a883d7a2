package org.quex.tfp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firm-cluster bootstrap by replicate weights, batched into the estimation's own passes. */
class BootstrapTest {

    @Test
    void weightsArePoissonOneAndTheSameForEveryYearOfAFirm() {
        int n = 200_000;
        double sum = 0;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            double w = ReplicateWeights.weight("firm" + i, 3, 12345L);
            sum += w;
            zeros += w == 0 ? 1 : 0;
        }
        assertEquals(1.0, sum / n, 0.01);
        assertEquals(Math.exp(-1), (double) zeros / n, 0.005);
        assertEquals(ReplicateWeights.weight("10022", 7, 1L), ReplicateWeights.weight("10022", 7, 1L));
        assertEquals(1.0, ReplicateWeights.weight("10022", 0, 1L));
    }

    /**
     * Replicate r of the batched passes is the estimate on the data in which each firm appears
     * w_r(firm) times under new ids (R prodest's block bootstrap with these counts): the
     * standard errors from those explicit re-estimations equal the batched ones.
     */
    @Test
    void batchedReplicatesEqualExplicitlyResampledPanels() throws Exception {
        List<FirmYear> rows = ChileanPanel.rows(false);
        int reps = 12;
        long seed = 2024L;
        TfpSpec spec = ChileanPanel.spec(Method.LP).withReplicates(reps, seed);
        TfpResult batched = new TfpEstimator(spec).estimate(rows);
        assertEquals(reps, batched.replicatesUsed());
        List<double[]> draws = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            List<FirmYear> copy = new ArrayList<>();
            for (FirmYear r : rows) {
                int w = (int) ReplicateWeights.weight(r.firm(), rep, seed);
                for (int c = 0; c < w; c++) {
                    copy.add(new FirmYear(r.firm() + "#" + c, r.year(), r.y(), r.free(), r.state(), r.proxy()));
                }
            }
            copy.sort(Comparator.comparing(FirmYear::firm).thenComparingInt(FirmYear::year));
            // both stages on the resampled panel; the second stage minimised from the point
            // estimate, as the batched replicates are (the NLLS objective can have more than one minimum)
            TfpEstimator.SecondStage second = ChileanPanel.stages(new TfpEstimator(ChileanPanel.spec(Method.LP)), copy);
            TfpEstimator.FirstStageFit fit = second.fit;
            double bk = Minimizer.bfgs(t -> second.objective(0, t), new double[] {batched.estimate("sX")}, 500).x()[0];
            draws.add(new double[] {fit.coefficients[0][1], fit.coefficients[0][2], bk});
        }
        double[] se = TfpEstimator.standardDeviations(draws, 3);
        for (int j = 0; j < 3; j++) {
            assertEquals(se[j], batched.standardErrors()[j], 1e-7 * se[j], "parameter " + j);
            assertTrue(se[j] > 0.005 && se[j] < 0.2, "se " + se[j]);
        }
        // the point estimate does not move when replicates are added
        TfpResult plain = new TfpEstimator(ChileanPanel.spec(Method.LP)).estimate(rows);
        assertArrayEquals(plain.estimates(), batched.estimates(), 0);
    }
}
