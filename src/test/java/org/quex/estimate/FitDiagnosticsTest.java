package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;

/** A fit that did not converge is a result: its diagnostic, its estimates so far, NaN standard errors. */
class FitDiagnosticsTest {

    @Test
    void aProbitStoppedBeforeConvergenceIsAResultWithNanStandardErrors() {
        ModelSpec base = ModelSpec.of(ModelSpec.Model.PROBIT, "GRADE ~ GPA + TUCE + PSI", null);
        ModelSpec oneStep = new ModelSpec(base.model(), base.formula(), base.vce(), null, 1e-10, 1, 1e-10);
        FitResult r = Estimation.fit(TableReader.read(SparkTestSession.get(),
                SparkTestSession.resource("oracles/spector.csv")), oneStep);
        assertEquals(FitResult.Diagnostics.Status.NOT_CONVERGED, r.diagnostics().status());
        assertEquals("convergence not achieved after 1 iterations", r.diagnostics().message());
        assertFalse(r.convergence().converged());
        for (FitResult.Term t : r.terms()) {
            assertTrue(Double.isFinite(t.estimate()), t.name());
            assertTrue(Double.isNaN(t.stdError()), t.name());
        }
        String json = FitOutput.fitJson(r);
        assertTrue(json.contains("\"status\" : \"not_converged\"") && json.contains("\"converged\" : false"), json);
        assertTrue(FitOutput.coefficientsCsv(r).lines().skip(1).allMatch(l -> l.split(",", -1)[2].isEmpty()));
        assertTrue(FitOutput.vcovCsv(r).lines().skip(1).allMatch(l -> l.matches("[^,]+,,,,")), FitOutput.vcovCsv(r));
        assertTrue(FitOutput.table(r).contains("not converged: convergence not achieved after 1 iterations"));
    }
}
