package org.quex.tfp;

import java.io.Serializable;
import java.util.List;

/**
 * What to estimate: the method, the names of the free and state inputs and of the proxy (for the
 * output), the degree of the first-stage polynomial (R prodest: 2, fixed; Stata prodest: poly(3)),
 * the number of firm-cluster bootstrap replicates (0: none) and their seed, and the ACF start
 * values (null: 0.5 for every parameter).
 */
public record TfpSpec(Method method, List<String> free, List<String> state, String proxy, int degree, int replicates,
                      long seed, double[] start) implements Serializable {
    public TfpSpec {
        if (degree < 1 || degree > 6) {
            throw new org.quex.QuexException("TFP first-stage polynomial degree " + degree + " is not 1 to 6");
        }
        if (replicates < 0) {
            throw new org.quex.QuexException("TFP bootstrap replicates " + replicates + " is negative");
        }
        if (state.isEmpty()) {
            throw new org.quex.QuexException("TFP needs at least one state input");
        }
        if (start != null && start.length != free.size() + state.size()) {
            throw new org.quex.QuexException("TFP start values: " + start.length + " given, "
                    + (free.size() + state.size()) + " parameters");
        }
    }

    public static TfpSpec of(Method method, List<String> free, List<String> state, String proxy) {
        return new TfpSpec(method, free, state, proxy, 2, 0, 12345L, null);
    }

    public TfpSpec withReplicates(int replicates, long seed) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start);
    }

    public TfpSpec withDegree(int degree) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start);
    }

    public TfpSpec withStart(double[] start) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start);
    }
}
