package org.quex.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;

/**
 * The variance of the estimates, for every estimator (OLS, FE, probit), from what the passes
 * hand over: the bread B (the inverse of X′X, of the within X′X, or of the information, over the
 * kept terms) and the score meat(s), Σ_c s_c s_c′ with s_c the sum of the scores (u_i·x_i for
 * a linear model, ∂ℓ_i/∂β for probit) over a cluster c or a single row.
 *
 * <p>V = f · B · (Σ_S (−1)^{|S|+1} M_S) · B, where S runs over the non-empty subsets of the
 * cluster variables and M_S is the meat clustered by the intersection of the variables in S
 * (Cameron, Gelbach &amp; Miller 2011, "Robust inference with multiway clustering", JBES 29(2),
 * eq. 2.11); with one variable that is the usual cluster sandwich. The small-sample factor f is
 * Stata's:
 * <ul>
 * <li>regress, vce(robust) (HC1): N/(N−K) ([R] regress, Methods and formulas);</li>
 * <li>regress, vce(hc3): 1, with u_i/(1−h_ii) in place of u_i (MacKinnon &amp; White 1985; the
 * same as R sandwich::vcovHC(type = "HC3"));</li>
 * <li>regress and xtreg, fe with vce(cluster): G/(G−1)·(N−1)/(N−K), K the parameters estimated
 * outside the absorbed groups when they nest in a cluster variable ([R] regress; [XT] xtreg);
 * absorbed effects that do not nest in any cluster variable are counted in K (reghdfe, whose rule
 * {@link AbsorbedDesign} applies to several effects);</li>
 * <li>ML estimators such as probit ([R] maximize, [P] _robust): N/(N−1) for vce(robust) and
 * G/(G−1) for vce(cluster);</li>
 * <li>multi-way: the one-way factor with G = min over the cluster variables of their number of
 * clusters, applied to the whole CGM sum, and G_min − 1 degrees of freedom for t tests: the
 * convention of reghdfe and ivreg2 (whose multi-way code reghdfe uses), also fixest's
 * {@code ssc(cluster.df = "min")}; R's fwildclusterboot documents both ({@code boot_ssc}:
 * "min" multiplies all summands by min(G)/(min(G) − 1), "conventional" each by G_i/(G_i − 1)).
 * R's sandwich::vcovCL does the latter.</li>
 * </ul>
 * A multi-way V need not be positive semi-definite; a negative variance gives a NaN standard
 * error and a note (CGM's eigenvalue fix is not applied, as in reghdfe and vcovCL's default).
 */
final class Variance {
    static final int MAX_CLUSTER_DIMENSIONS = 4;

    private Variance() {
    }

    /** The variance of the kept terms, the degrees of freedom of its t tests (0: use z), and the cluster counts. */
    record Result(double[] vKept, double df, long clusters, Map<String, Long> clustersByVariable, double factor) {
    }

    /** One term of the CGM sum: the meat clustered by the intersection {@code mask} of the cluster variables. */
    record ClusterMeat(int mask, double[] matrix, long clusters) {
        /**
         * The meat of per-cluster score sums s_c (each of length q) for the intersection
         * {@code mask}: Σ_c s_c s_c′. For an estimator that forms the cluster sums itself.
         */
        static ClusterMeat of(int mask, java.util.Collection<double[]> clusterSums, int q) {
            double[] m = new double[q * q];
            for (double[] s : clusterSums) {
                for (int j = 0; j < q; j++) {
                    for (int i = 0; i < q; i++) {
                        m[i + j * q] += s[i] * s[j];
                    }
                }
            }
            return new ClusterMeat(mask, m, clusterSums.size());
        }

        int sign() {
            return Integer.bitCount(mask) % 2 == 1 ? 1 : -1;
        }
    }

    /**
     * A linear model (OLS, within FE). {@code bread} is (Z′Z)⁻¹ over the kept terms; {@code kept}
     * {@code kRobust} is the parameter count of the HC1 factor (the kept terms; with several absorbed
     * effects all N − df_r parameters), {@code kCluster} that of the cluster factor (for xtreg, fe the
     * regressors and the constant, not the absorbed groups).
     */
    static Result linear(ModelSpec spec, KeptTerms kept, double[] bread, double rss, PassTotals scores, long n,
                         long dfResidual, long kCluster, long kRobust) {
        BlockMath.Meat meat = spec.meat();
        return switch (meat) {
            case NONE -> new Result(scale(bread, rss / dfResidual), dfResidual, 0, Map.of(), rss / dfResidual);
            case ROBUST -> {
                double f = hc1(n, kRobust);
                yield new Result(kept.sandwich(bread, scores.meat, f), dfResidual, 0, Map.of(), f);
            }
            case HC3 -> new Result(kept.sandwich(bread, scores.meat, 1.0), dfResidual, 0, Map.of(), 1.0);
            case CLUSTER, MULTIWAY -> {
                List<ClusterMeat> meats = meats(scores);
                long g = minClusters(spec, meats);
                double f = clusterLinear(n, kCluster, g);
                yield new Result(kept.sandwich(bread, combined(meats), f), g - 1, g, byVariable(spec, meats), f);
            }
        };
    }

    /** A likelihood model (probit): {@code bread} is the inverse (observed or expected) information. */
    static Result likelihood(ModelSpec spec, KeptTerms kept, double[] bread, PassTotals scores, long n) {
        BlockMath.Meat meat = spec.meat();
        return switch (meat) {
            case NONE -> new Result(bread, 0, 0, Map.of(), 1.0);
            case ROBUST -> new Result(kept.sandwich(bread, scores.meat, n / (n - 1.0)), 0, 0, Map.of(), n / (n - 1.0));
            case HC3 -> throw new IllegalStateException("HC3 is for OLS");
            case CLUSTER, MULTIWAY -> {
                List<ClusterMeat> meats = meats(scores);
                long g = minClusters(spec, meats);
                double f = g / (g - 1.0);
                yield new Result(kept.sandwich(bread, combined(meats), f), 0, g, byVariable(spec, meats), f);
            }
        };
    }

    /** Stata's HC1 factor N/(N−K). */
    static double hc1(long n, long k) {
        return (double) n / (n - k);
    }

    /** Stata's cluster factor for regress and xtreg, fe: G/(G−1)·(N−1)/(N−K). */
    static double clusterLinear(long n, long k, long g) {
        return g / (g - 1.0) * (n - 1.0) / (n - k);
    }

    /** The non-empty subsets of d cluster variables as bit masks, singletons first. */
    static int[] subsets(int d) {
        List<Integer> masks = new ArrayList<>();
        for (int size = 1; size <= d; size++) {
            for (int mask = 1; mask < 1 << d; mask++) {
                if (Integer.bitCount(mask) == size) {
                    masks.add(mask);
                }
            }
        }
        return masks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The signed sum Σ_S ±M_S as a full q×q matrix (what {@link KeptTerms#sandwich} takes). */
    static double[] combined(List<ClusterMeat> meats) {
        double[] sum = new double[meats.get(0).matrix().length];
        for (ClusterMeat m : meats) {
            int sign = m.sign();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += sign * m.matrix()[i];
            }
        }
        return sum;
    }

    private static List<ClusterMeat> meats(PassTotals scores) {
        if (scores.clusterMeats != null) {
            return scores.clusterMeats.meats();
        }
        return List.of(new ClusterMeat(1, scores.meat, scores.clusters));
    }

    private static long minClusters(ModelSpec spec, List<ClusterMeat> meats) {
        long g = Long.MAX_VALUE;
        for (ClusterMeat m : meats) {
            if (Integer.bitCount(m.mask()) == 1) {
                g = Math.min(g, m.clusters());
            }
        }
        if (g < 2) {
            List<String> dims = spec.clusterDimensions();
            throw new QuexException("clustered standard errors need at least 2 clusters of '"
                    + String.join("' and of '", dims) + "'");
        }
        return g;
    }

    private static Map<String, Long> byVariable(ModelSpec spec, List<ClusterMeat> meats) {
        List<String> dims = spec.clusterDimensions();
        Map<String, Long> out = new LinkedHashMap<>();
        for (ClusterMeat m : meats) {
            if (Integer.bitCount(m.mask()) == 1) {
                out.put(dims.get(Integer.numberOfTrailingZeros(m.mask())), m.clusters());
            }
        }
        return out;
    }

    private static double[] scale(double[] m, double f) {
        double[] out = m.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
