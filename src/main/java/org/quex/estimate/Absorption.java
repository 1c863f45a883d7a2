package org.quex.estimate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model's absorbed effects were taken out: which effect was absorbed by partitioning
 * (the primary, the one with most levels), the levels of each effect after singleton trimming
 * and how many of them are redundant, effects nested in another or in the clusters, the
 * singleton rows dropped, the method and convergence of the secondary solve, and the resulting
 * degrees of freedom.
 *
 * @param dfA       absorbed parameters: the primary's levels plus rank(S) (exact), or, for the
 *                  iterative solve, the levels minus reghdfe's pairwise count of redundant ones
 * @param dfCluster absorbed parameters counted in the cluster small-sample factor, reghdfe's rule:
 *                  the rank of the constant and the dummies of the effects not nested in any
 *                  cluster variable (exact with the Schur solve, reghdfe's pairwise count with CG);
 *                  df_a when errors are not clustered
 */
public record Absorption(List<String> effects, String primary, Map<String, Long> levels, Map<String, Long> redundant,
                         Map<String, String> nestedIn, List<String> nestedInClusters, long singletonRows,
                         boolean singletonsKept, long dfA, long dfCluster, String method, int iterations,
                         double tolerance, boolean converged, double relativeResidual) {

    public Absorption {
        effects = List.copyOf(effects);
        levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        redundant = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(redundant));
        nestedIn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nestedIn));
        nestedInClusters = List.copyOf(nestedInClusters);
    }

    /** The entries of fit.json that describe the absorption. */
    void addTo(Map<String, Object> fit) {
        fit.put("absorbed_primary", primary);
        fit.put("absorbed_levels", levels);
        fit.put("absorbed_redundant", redundant);
        if (!nestedIn.isEmpty()) {
            fit.put("absorbed_nested_in", nestedIn);
        }
        if (!nestedInClusters.isEmpty()) {
            fit.put("absorbed_nested_in_clusters", nestedInClusters);
        }
        fit.put("df_a", dfA);
        fit.put("absorb_method", method);
        fit.put("absorb_iterations", iterations);
        if (method.equals("cg")) { // the exact solve has no tolerance
            fit.put("absorb_tolerance", tolerance);
        }
        fit.put("absorb_converged", converged);
        if (Double.isFinite(relativeResidual)) {
            fit.put("absorb_relative_residual", relativeResidual);
        }
    }
}
