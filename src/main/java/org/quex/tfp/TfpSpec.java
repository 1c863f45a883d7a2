package org.quex.tfp;

import java.io.Serializable;
import java.util.List;

/**
 * What to estimate: the method, the names of the free and state inputs and of the proxy (for the
 * output), the degree of the first-stage polynomial (R prodest: 2, fixed; Stata prodest: poly(3)),
 * the number of firm-cluster bootstrap replicates (0: none) and their seed, and the ACF start
 * values (null: 0.5 for every parameter), and the output kind (value added or gross output; with
 * gross output OLS, LP and ACF give the proxy, the intermediate input, its own elasticity). A class, not a record: it travels inside Spark
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
    private final OutputKind output;

    public TfpSpec(Method method, List<String> free, List<String> state, String proxy, int degree, int replicates,
                   long seed, double[] start) {
        this(method, free, state, proxy, degree, replicates, seed, start, OutputKind.VALUE_ADDED);
    }

    public TfpSpec(Method method, List<String> free, List<String> state, String proxy, int degree, int replicates,
                   long seed, double[] start, OutputKind output) {
        if (degree < 1 || degree > 6) {
            throw new org.quex.QuexException("TFP first-stage polynomial degree " + degree + " is not 1 to 6");
        }
        if (replicates < 0) {
            throw new org.quex.QuexException("TFP bootstrap replicates " + replicates + " is negative");
        }
        if (state.isEmpty()) {
            throw new org.quex.QuexException("TFP needs at least one state input");
        }
        if (method == Method.WRDG && output == OutputKind.GROSS_OUTPUT) {
            // Stata prodest's wrdg puts the proxy both among the inputs and in the polynomial c(k, m),
            // where its elasticity is not identified (ivregress omits one of the two)
            throw new org.quex.QuexException("TFP method wrdg has no gross-output variant (the intermediate input's"
                    + " elasticity is not identified apart from the polynomial in it); use value_added");
        }
        int parameters = free.size() + state.size() + (proxyInFunction(method, output) ? 1 : 0);
        if (start != null && start.length != parameters) {
            throw new org.quex.QuexException("TFP start values: " + start.length + " given, " + parameters
                    + " parameters");
        }
        this.method = method;
        this.free = new java.util.ArrayList<>(free);
        this.state = new java.util.ArrayList<>(state);
        this.proxy = proxy;
        this.degree = degree;
        this.replicates = replicates;
        this.seed = seed;
        this.start = start == null ? null : start.clone();
        this.output = output;
    }

    private static boolean proxyInFunction(Method method, OutputKind output) {
        return output == OutputKind.GROSS_OUTPUT && (method == Method.OLS || method == Method.LP || method == Method.ACF);
    }

    public OutputKind output() {
        return output;
    }

    /**
     * Whether the proxy is an input of the production function (gross output with OLS, LP or ACF).
     * OP's proxy is investment, which produces nothing: with gross output Stata prodest's op leaves
     * it out (its proxyGO is empty), and the intermediate input is then listed among the free inputs.
     */
    public boolean proxyInFunction() {
        return proxyInFunction(method, output);
    }

    /** The elasticities estimated, in order: free inputs, state inputs, then the proxy if it is an input. */
    public List<String> parameters() {
        List<String> p = new java.util.ArrayList<>(free);
        p.addAll(state);
        if (proxyInFunction()) {
            p.add(proxy);
        }
        return p;
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
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start, output);
    }

    public TfpSpec withDegree(int degree) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start, output);
    }

    public TfpSpec withStart(double[] start) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start, output);
    }

    public TfpSpec withOutput(OutputKind output) {
        return new TfpSpec(method, free, state, proxy, degree, replicates, seed, start, output);
    }
}
