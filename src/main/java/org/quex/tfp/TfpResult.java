package org.quex.tfp;

import java.util.List;

/**
 * A fitted production function: elasticities in the order free inputs, state inputs, then the
 * proxy when gross output makes it an input (TfpSpec.parameters), their
 * standard errors (bootstrap for OP/LP/ACF when replicates were asked for, else NaN; analytic
 * for OLS and WRDG), the constant where the method identifies one (OLS, WRDG), the rows of the
 * first and second stage, whether the optimizer converged, its iterations and objective
 * evaluations, the objective at the estimate, the data passes, and a note (empty when usable).
 */
public record TfpResult(Method method, List<String> names, double[] estimates, double[] standardErrors, double constant,
                        long rows, long secondStageRows, boolean converged, int iterations, int evaluations,
                        double objective, int passes, int replicatesUsed, String note) {
    public boolean usable() {
        return note.isEmpty();
    }

    public double estimate(String name) {
        return estimates[names.indexOf(name)];
    }

    public double standardError(String name) {
        return standardErrors[names.indexOf(name)];
    }

    static TfpResult skipped(TfpSpec spec, long rows, long secondStageRows, int passes, String note) {
        int k = spec.parameters().size();
        double[] nan = new double[k];
        java.util.Arrays.fill(nan, Double.NaN);
        return new TfpResult(spec.method(), names(spec), nan, nan.clone(), Double.NaN, rows, secondStageRows, false, 0, 0,
                Double.NaN, passes, 0, note);
    }

    static List<String> names(TfpSpec spec) {
        return spec.parameters();
    }
}
