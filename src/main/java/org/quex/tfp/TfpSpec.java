package org.quex.tfp;

import java.io.Serializable;
import java.util.List;

/**
 * What to estimate: the method, the names of the free and state inputs and of the proxy (for the
 * output), the degree of the first-stage polynomial (R prodest: 2, fixed; Stata prodest: poly(3)),
 * the number of firm-cluster bootstrap replicates (0: none) and their seed, and the ACF start
 * values (null: 0.5 for every parameter). A class, not a record: it travels inside Spark
 * accumulators, and Spark's Kryo cannot rebuild records.
 */
public final class TfpSpec implements Serializable {
    private final Method method;
    private final List<String> free;
    private final List<String> state;
    private final String proxy;
    private final int degree;
    private final int replicates;
    private final long seed;
    private final double[] start;

    public TfpSpec(Method method, List<String> free, List<String> state, String proxy, int degree, int replicates,
                   long seed, double[] start) {
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
        this.method = method;
        this.free = new java.util.ArrayList<>(free);
        this.state = new java.util.ArrayList<>(state);
        this.proxy = proxy;
        this.degree = degree;
        this.replicates = replicates;
        this.seed = seed;
        this.start = start == null ? null : start.clone();
    }

    public Method method() {
        return method;
    }

    public List<String> free() {
        return free;
    }

    public List<String> state() {
        return state;
    }

    public String proxy() {
        return proxy;
    }

    public int degree() {
        return degree;
    }

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    public double[] start() {
        return start == null ? null : start.clone();
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
