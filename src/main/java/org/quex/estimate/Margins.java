package org.quex.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Marginal effects after probit, as Stata's {@code margins, dydx(*)} (average marginal effects)
 * and {@code margins, dydx(*) atmeans} (effects at the means), with delta-method standard errors
 * from the model's variance matrix (whatever its VCE). A continuous regressor x_j gets the
 * derivative dPr(y=1)/dx_j = φ(x′b)·b_j; a 0/1 regressor gets the discrete change
 * Φ(x′b | x_j = 1) − Φ(x′b | x_j = 0), as Stata reports for a factor variable ({@code i.psi}).
 * A factor's dummies form one group: each level's change is measured from the base (all the
 * group's dummies 0), so a factor term can hand its columns over as a group.
 *
 * <p>The averages need one pass over the data (the sums of φ, ηφ·x, and per 0/1 regressor
 * Φ₁ − Φ₀, φ₁·x₁ and φ₀·x₀); the effects at the means come from the means alone. The pass runs
 * only when margins are asked for.
 */
public record Margins(long n, List<Effect> average, List<Effect> atMeans, boolean zStatistics) {

    /** One effect: the term, whether a derivative (dy/dx) or a discrete change from 0 to 1, and its inference. */
    public record Effect(String term, boolean discrete, double estimate, double stdError, double statistic,
                         double pValue, double low95, double high95) {
        static Effect of(String term, boolean discrete, double estimate, double variance) {
            double se = Math.sqrt(variance);
            double z = estimate / se;
            double half = 1.959963984540054 * se;
            return new Effect(term, discrete, estimate, se, z, NormalDistribution.twoSidedP(z), estimate - half,
                    estimate + half);
        }
    }

    /**
     * What the driver knows after the fit: the terms' names (stored columns, then _cons), the
     * reported coefficients (0 where omitted), their variance matrix, which terms are omitted,
     * the 0/1 groups (each a set of column indices: one column for a 0/1 regressor, a factor's
     * dummies together), the shift of the pass coordinates, and the (weighted) means.
     */
    record Setup(List<String> names, double[] b, double[] v, boolean[] omitted, List<int[]> binaryGroups,
                 double[] shift, double[] means, boolean constant) {
        int q() {
            return b.length;
        }

        /** The group of column j, or null if j is continuous. */
        int[] groupOf(int j) {
            for (int[] g : binaryGroups) {
                for (int k : g) {
                    if (k == j) {
                        return g;
                    }
                }
            }
            return null;
        }

        /** The columns of the pass for the 0/1 effects, in the order of {@link #binaryColumns()}. */
        int[] binaryColumns() {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < names.size() - (constant ? 1 : 0); j++) {
                if (!omitted[j] && groupOf(j) != null) {
                    out.add(j);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The length of a margins pass's accumulator for q terms and nb 0/1 columns. */
    static int accumulatorLength(int q, int nb) {
        return 3 + q + nb * (3 + 2 * q);
    }

    /**
     * The per-block sums of a margins pass, in pass coordinates z = [x − shift, 1]: Σw, Σwφ,
     * Σwηφ, Σwηφ·z, then per 0/1 column j: Σw(Φ₁ − Φ₀), Σwφ₁, Σwφ₁·z, Σwφ₀, Σwφ₀·z, where η₀ is
     * the index with j's group set to 0 and η₁ = η₀ + b_j.
     */
    static void accumulate(double[] acc, double[] z, int ld, int m, double[] eta, double[] w, int w0, int q,
                           int[] binary, int[][] groups, double[] b, double[] shift) {
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1.0 : w[w0 + i];
            double e = eta[i];
            double phi = pdf(e);
            acc[0] += wi;
            acc[1] += wi * phi;
            acc[2] += wi * e * phi;
            for (int k = 0; k < q; k++) {
                acc[3 + k] += wi * e * phi * z[i + k * ld];
            }
            int off = 3 + q;
            for (int a = 0; a < binary.length; a++) {
                double e0 = e;
                for (int k : groups[a]) {
                    e0 -= b[k] * (z[i + k * ld] + shift[k]); // raw x of a 0/1 column
                }
                double e1 = e0 + b[binary[a]];
                double phi1 = pdf(e1);
                double phi0 = pdf(e0);
                acc[off] += wi * cdfDifference(e1, e0);
                acc[off + 1] += wi * phi1;
                acc[off + 2 + q] += wi * phi0;
                for (int k = 0; k < q; k++) {
                    acc[off + 2 + k] += wi * phi1 * z[i + k * ld];
                    acc[off + 3 + q + k] += wi * phi0 * z[i + k * ld];
                }
                off += 3 + 2 * q;
            }
        }
    }

    /** The effects from a pass's sums and the fit. */
    static Margins of(Setup s, double[] acc) {
        int q = s.q();
        int[] binary = s.binaryColumns();
        double[] shiftExt = extend(s.shift(), q);
        double total = acc[0];
        List<Effect> average = new ArrayList<>();
        int b0 = 0;
        for (int j = 0; j < q - (s.constant() ? 1 : 0); j++) {
            if (s.omitted()[j]) {
                continue;
            }
            double[] grad = new double[q];
            double effect;
            int[] group = s.groupOf(j);
            if (group == null) {
                // d/db_k of mean(φ(η)) b_j = (δ_jk Σwφ − b_j Σwηφ x_k)/W, with Σ a·x = Σ a·z + shift·Σ a
                effect = s.b()[j] * acc[1] / total;
                for (int k = 0; k < q; k++) {
                    double etaPhiX = acc[3 + k] + shiftExt[k] * acc[2];
                    grad[k] = ((k == j ? acc[1] : 0) - s.b()[j] * etaPhiX) / total;
                }
            } else {
                int off = 3 + q + b0 * (3 + 2 * q);
                b0++;
                effect = acc[off] / total;
                for (int k = 0; k < q; k++) {
                    double x1 = acc[off + 2 + k] + shiftExt[k] * acc[off + 1];
                    double x0 = acc[off + 3 + q + k] + shiftExt[k] * acc[off + 2 + q];
                    grad[k] = (x1 - x0) / total;
                }
                for (int k : group) { // the group is set, not observed: 1 for j, 0 for the rest
                    grad[k] = k == j ? acc[off + 1] / total : 0;
                }
            }
            average.add(Effect.of(s.names().get(j), group != null, effect, quadratic(grad, s.v(), q)));
        }
        return new Margins(Math.round(total), average, atMeans(s), true);
    }

    /** The effects at the means (no pass): x̄ for every regressor, the 0/1 group set to 0 or 1 for its changes. */
    static List<Effect> atMeans(Setup s) {
        int q = s.q();
        double[] xbar = extend(s.means(), q);
        if (s.constant()) {
            xbar[q - 1] = 1;
        }
        double eta = dot(xbar, s.b());
        List<Effect> out = new ArrayList<>();
        for (int j = 0; j < q - (s.constant() ? 1 : 0); j++) {
            if (s.omitted()[j]) {
                continue;
            }
            double[] grad = new double[q];
            double effect;
            int[] group = s.groupOf(j);
            if (group == null) {
                double phi = pdf(eta);
                effect = phi * s.b()[j];
                for (int k = 0; k < q; k++) {
                    grad[k] = (k == j ? phi : 0) - s.b()[j] * eta * phi * xbar[k];
                }
            } else {
                double[] x0 = xbar.clone();
                for (int k : group) {
                    x0[k] = 0;
                }
                double[] x1 = x0.clone();
                x1[j] = 1;
                double e0 = dot(x0, s.b());
                double e1 = dot(x1, s.b());
                effect = cdfDifference(e1, e0);
                for (int k = 0; k < q; k++) {
                    grad[k] = pdf(e1) * x1[k] - pdf(e0) * x0[k];
                }
            }
            out.add(Effect.of(s.names().get(j), group != null, effect, quadratic(grad, s.v(), q)));
        }
        return out;
    }

    /** Φ(e1) − Φ(e0), from the upper tails where both are large, so that it keeps its digits. */
    static double cdfDifference(double e1, double e0) {
        return e1 > 0 && e0 > 0 ? NormalDistribution.cdf(-e0) - NormalDistribution.cdf(-e1)
                : NormalDistribution.cdf(e1) - NormalDistribution.cdf(e0);
    }

    static double pdf(double t) {
        return NormalDistribution.INV_SQRT_2PI * Math.exp(-0.5 * t * t);
    }

    private static double[] extend(double[] a, int q) {
        return java.util.Arrays.copyOf(a, q);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** g′Vg, with the omitted terms' NaN-free zero rows. */
    private static double quadratic(double[] g, double[] v, int q) {
        double s = 0;
        for (int a = 0; a < q; a++) {
            if (g[a] == 0) {
                continue;
            }
            for (int c = 0; c < q; c++) {
                if (g[c] != 0) {
                    s += g[a] * v[a + c * q] * g[c];
                }
            }
        }
        return s;
    }

    /** margins.csv: one row per effect, average effects first, then effects at the means. */
    public String csv() {
        StringBuilder sb = new StringBuilder("at,term,effect,estimate,std_error,statistic,p_value,conf_low,conf_high\n");
        for (List<Effect> list : List.of(average, atMeans)) {
            String at = list == average ? "average" : "means";
            for (Effect e : list) {
                sb.append(at).append(',').append(e.term()).append(',').append(e.discrete() ? "discrete" : "dydx");
                for (double d : new double[] {e.estimate(), e.stdError(), e.statistic(), e.pValue(), e.low95(), e.high95()}) {
                    sb.append(',').append(Double.isFinite(d) ? Double.toString(d) : "");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The two tables as Stata's margins prints them. */
    public String table(String response, String vce) {
        StringBuilder sb = new StringBuilder();
        for (List<Effect> list : List.of(average, atMeans)) {
            sb.append(String.format(Locale.ROOT, "%n%-48s Number of obs = %d%n",
                    list == average ? "Average marginal effects" : "Conditional marginal effects (at means)", n));
            sb.append("Model VCE: ").append(vce).append('\n');
            sb.append("Expression: Pr(").append(response).append("), predict()\n");
            sb.append("dy/dx wrt: ").append(String.join(" ", list.stream().map(Margins::label).toList())).append('\n');
            String rule = "-".repeat(78) + "\n";
            sb.append(rule).append(String.format(Locale.ROOT, "%-20s %11s %11s %8s %7s %24s%n", "", "dy/dx",
                    "std. err.", "z", "P>|z|", "[95% conf. interval]")).append(rule);
            for (Effect e : list) {
                String name = label(e);
                sb.append(String.format(Locale.ROOT, "%-20s %11.7f %11.7f %8.2f %7.3f %11.7f %11.7f%n",
                        name.length() <= 20 ? name : name.substring(0, 19) + "~", e.estimate(), e.stdError(),
                        e.statistic(), e.pValue(), e.low95(), e.high95()));
            }
            sb.append(rule);
        }
        sb.append("note: dy/dx for 1.x is the discrete change from x = 0 to x = 1;"
                + " for var::level, from the base level of i(var).\n");
        return sb.toString();
    }

    /** 1.x for a 0/1 regressor's change, as Stata marks it; a factor level (var::level) as it is. */
    private static String label(Effect e) {
        return (e.discrete() && !e.term().contains("::") ? "1." : "") + e.term();
    }
}
