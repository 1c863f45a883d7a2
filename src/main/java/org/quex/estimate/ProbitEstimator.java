package org.quex.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quex.QuexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probit by Newton–Raphson, as Stata's {@code probit}: observed information by default (Fisher
 * scoring with {@code --vce eim}), step halving when the log-likelihood falls, and Stata's
 * perfect-prediction rule for 0/1 regressors. Every iteration is one pass over the cached
 * blocks; the k×k solve happens on the driver.
 */
public final class ProbitEstimator {
    private static final Logger LOG = LoggerFactory.getLogger(ProbitEstimator.class);
    private static final int MAX_HALVINGS = 30;

    private ProbitEstimator() {
    }

    public static FitResult fit(DesignData data, ModelSpec spec) {
        return fit(data, spec, false);
    }

    /** With {@code margins}, also the average marginal effects (one more pass) and those at the means. */
    public static FitResult fit(DesignData data, ModelSpec spec, boolean margins) {
        String response = spec.formula().response();
        boolean constant = spec.formula().constant();
        int p = data.columns.size();
        int q = p + (constant ? 1 : 0);
        // Iterations and VCE work in coordinates centred at the means; see Reporting.
        boolean[] fixedOmitted = new boolean[q];
        String[] reason = new String[q];
        List<String> notes = new ArrayList<>();

        DesignSummary first = data.summary();
        if (first.rows() > 0 && !first.yBinary) {
            notes.add("outcome '" + response + "' takes values other than 0 and 1 (from " + Expr.number(first.yMin)
                    + " to " + Expr.number(first.yMax) + "): every nonzero value is a success, as in Stata");
            data.binaryResponse();
        }
        checkSample(data.summary(), response, spec);
        long perfectlyPredicted = dropPerfectPredictors(data, fixedOmitted, reason, notes, response, spec);
        DesignSummary s = data.summary();
        checkSample(s, response, spec);
        long n = LinearEstimator.sampleSize(s, spec);
        double n1 = s.ySum;

        Moments.Centred system = s.moments.centred(constant);
        double[] shift = system.shift();
        BlockMath.Layout layout = new BlockMath.Layout(shift, constant);
        boolean[] omitted = Collinearity.decide(system.gram(), q, p, s, constant, false, spec.collinearityTolerance(),
                fixedOmitted).omitted();
        for (int j = 0; j < q; j++) {
            if (omitted[j] && !fixedOmitted[j]) {
                reason[j] = "collinear";
                notes.add((j < p ? data.columns.get(j) : "_cons") + " omitted because of collinearity");
            }
        }
        KeptTerms kept = new KeptTerms(omitted);

        boolean expected = spec.vce().kind() == ModelSpec.Vce.Kind.EIM;
        double ybar = n1 / n;
        double ll0 = constant ? n1 * Math.log(ybar) + (n - n1) * Math.log1p(-ybar) : Double.NaN;
        Newton newton = newton(data, spec, system, layout, kept, expected, ybar, ll0, notes);
        double[] theta = newton.theta();

        String clusterVar = spec.vce().kind() == ModelSpec.Vce.Kind.CLUSTER ? spec.vce().clusterVariable() : null;
        BlockMath.Meat meat = spec.meat();
        // Sandwiches need the scores and the observed information (their bread) at the estimates.
        PassTotals fin = meat == BlockMath.Meat.NONE ? newton.at() : data.probit(layout, theta, false, meat);
        double[] inv = kept.inverse(fin.matrix);
        double[] reported = Reporting.coefficients(theta, shift, 0.0, constant);
        double ll = fin.value;
        long determined = fin.failuresDetermined + fin.successesDetermined;
        if (determined > 0) {
            notes.add(fin.failuresDetermined + " failures and " + fin.successesDetermined + " successes completely determined");
        }
        int dfModel = kept.count() - (constant && !omitted[q - 1] ? 1 : 0);
        FitResult.Diagnostics diagnostics = FitResult.Diagnostics.OK;
        Variance.Result variance = null;
        double[] v;
        if (inv == null || !newton.converged()) {
            // A result all the same, so that a run of many models goes on: NaN standard errors.
            String message = inv == null
                    ? "the information matrix is singular at the estimates (separation or an unidentified term)"
                    : "convergence not achieved after " + newton.iterations() + " iterations";
            diagnostics = new FitResult.Diagnostics(inv == null ? FitResult.Diagnostics.Status.SINGULAR
                    : FitResult.Diagnostics.Status.NOT_CONVERGED, message);
            LOG.warn("probit {}: {}", spec.formula(), message);
            if (inv == null) {
                notes.add(message);
            }
            v = LinearEstimator.nan(q * q);
        } else {
            variance = Variance.likelihood(spec, kept, inv, fin, n);
            v = Reporting.covariance(kept.expandMatrix(variance.vKept()), shift, constant);
        }
        List<FitResult.Term> terms = Reporting.terms(data.columns, 0, constant, reported, v, omitted, reason, 0);
        Double wald = null;
        Double pWald = null;
        if (meat != BlockMath.Meat.NONE && variance != null) {
            wald = wald(reported, v, omitted, q, constant);
            pWald = chi2Tail(wald, dfModel);
        }
        FitResult.Likelihood statistics = new FitResult.Likelihood(ll, ll0, 1 - ll / ll0, dfModel, 2 * (ll - ll0),
                chi2Tail(2 * (ll - ll0), dfModel), wald, pWald);
        FitResult.Sample sample = new FitResult.Sample(n, s.missingRows(), perfectlyPredicted, null, null, null, null,
                clusterVar, clusterVar == null || variance == null ? null : variance.clusters(),
                variance == null || variance.clustersByVariable().size() < 2 ? null : variance.clustersByVariable(),
                spec.weights() == null ? null : spec.weights().toString(),
                spec.weights() == null ? null : s.rows(), spec.weights() == null ? null : s.weightSum);
        FitResult.Convergence convergence = new FitResult.Convergence(newton.iterations(), newton.converged(),
                newton.criterion(), spec.tolerance());
        FitResult fit = new FitResult(spec, terms, sample, convergence, statistics,
                diagnostics.withCompletelyDetermined(determined), notes, Reporting.tableCovariance(v, q, 0));
        if (margins) {
            fit = fit.withMargins(margins(data, layout, theta, reported, v, omitted, s, constant));
        }
        return fit;
    }

    /**
     * Marginal effects: the dummies of a factor term i(var) form one group, each level's discrete
     * change measured from the base level (the reference, or the level omitted as collinear) as
     * Stata's margins does for {@code i.var}; every other 0/1 regressor is a group of its own.
     */
    private static Margins margins(DesignData data, BlockMath.Layout layout, double[] theta, double[] reported,
                                   double[] v, boolean[] omitted, DesignSummary s, boolean constant) {
        int p = data.columns.size();
        List<String> names = new ArrayList<>(data.columns);
        if (constant) {
            names.add("_cons");
        }
        double[] b = reported.clone();
        for (int j = 0; j < b.length; j++) {
            if (omitted[j]) {
                b[j] = 0;
            }
        }
        List<int[]> groups = new ArrayList<>();
        boolean[] inFactor = new boolean[p];
        for (int[] g : data.factorGroups) {
            groups.add(g);
            for (int j : g) {
                inFactor[j] = true;
            }
        }
        double[] means = new double[p];
        for (int j = 0; j < p; j++) {
            means[j] = s.mean(j);
            if (s.binary[j] && !omitted[j] && !inFactor[j]) {
                groups.add(new int[] {j});
            }
        }
        Margins.Setup setup = new Margins.Setup(names, b, v, omitted, groups, layout.shift(), means, constant);
        int[] binary = setup.binaryColumns();
        int[][] binaryGroups = new int[binary.length][];
        for (int a = 0; a < binary.length; a++) {
            binaryGroups[a] = setup.groupOf(binary[a]);
        }
        return Margins.of(setup, data.margins(layout, theta, binary, binaryGroups, b));
    }

    /** Where Newton–Raphson stopped: the estimates, the pass there, and the diagnostics. */
    private record Newton(double[] theta, PassTotals at, int iterations, boolean converged, double criterion) {
    }

    /**
     * Newton–Raphson from the constant-only model. With a constant, iteration 0 is closed-form
     * and its score and expected information follow from the moments (η is the same on every
     * row), so the first step, a Fisher-scoring step from there, costs no pass over the data.
     * It stops where the next Newton step is below the tolerance, so that the log-likelihood and
     * the information it reports are those at the estimates.
     */
    private static Newton newton(DesignData data, ModelSpec spec, Moments.Centred system, BlockMath.Layout layout,
                                 KeptTerms kept, boolean expected, double ybar, double ll0, List<String> notes) {
        boolean constant = layout.constant();
        int q = layout.q();
        double[] theta = new double[q];
        PassTotals at = null;
        double[] step = null;
        if (constant) {
            theta[q - 1] = new org.apache.commons.math3.distribution.NormalDistribution()
                    .inverseCumulativeProbability(ybar);
            step = firstStep(system, theta[q - 1], kept);
            LOG.info("probit {}: iteration 0: log likelihood = {}", spec.formula(), ll0);
        } else {
            at = data.probit(layout, theta, expected, BlockMath.Meat.NONE);
        }
        int iterations = 0;
        double criterion = Double.NaN;
        while (true) {
            if (at != null) {
                double[] inv = kept.inverse(at.matrix);
                if (inv == null) {
                    notes.add("information matrix not positive definite at iteration " + iterations);
                    return new Newton(theta, at, iterations, false, criterion);
                }
                step = kept.solveWith(inv, at.vector);
                criterion = 0;
                for (int j = 0; j < q; j++) {
                    criterion = Math.max(criterion, Math.abs(step[j]) / (Math.abs(theta[j]) + 1.0));
                }
                LOG.info("probit {}: iteration {}: log likelihood = {} (next relative step {})", spec.formula(),
                        iterations, at.value, criterion);
                if (criterion < spec.tolerance()) {
                    return new Newton(theta, at, iterations, true, criterion);
                }
                if (iterations == spec.maxIterations()) {
                    notes.add("convergence not achieved after " + iterations + " iterations (relative Newton step "
                            + criterion + "); estimates are not reliable");
                    return new Newton(theta, at, iterations, false, criterion);
                }
            }
            double current = at != null ? at.value : ll0;
            double factor = 1.0;
            double[] next = add(theta, step, factor);
            PassTotals nextAt = data.probit(layout, next, expected, BlockMath.Meat.NONE);
            int halvings = 0;
            while (!(nextAt.value >= current - 1e-12 * Math.abs(current)) && halvings < MAX_HALVINGS) {
                factor /= 2;
                halvings++;
                next = add(theta, step, factor);
                nextAt = data.probit(layout, next, expected, BlockMath.Meat.NONE);
            }
            if (halvings > 0) {
                LOG.info("probit {}: step backed up {} times", spec.formula(), halvings);
            }
            theta = next;
            at = nextAt;
            iterations++;
        }
    }

    private static void checkSample(DesignSummary s, String response, ModelSpec spec) {
        if (s.rows() == 0) {
            throw new QuexException("no observations: all " + s.missingRows()
                    + " rows have a missing value in a model variable of '" + spec.formula() + "'");
        }
        if (s.ySum == 0 || s.ySum == s.weightSum) {
            throw new QuexException("outcome '" + response + "' does not vary: all " + s.rows() + " observations are "
                    + (s.ySum == 0 ? "0" : "1"));
        }
    }

    /**
     * Stata's rules: a 0/1 regressor whose 1s (or 0s) all share one outcome is dropped with those
     * rows; a regressor that separates the outcomes at a value c (all failures at x ≤ c, all
     * successes at x ≥ c, or the reverse) stops the fit when no row sits at c (complete
     * separation) and otherwise leaves only the rows at c (quasi-complete separation). Returns
     * the number of rows dropped.
     */
    private static long dropPerfectPredictors(DesignData data, boolean[] omitted, String[] reason, List<String> notes,
                                              String response, ModelSpec spec) {
        long dropped = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            DesignSummary s = data.summary();
            for (int j = 0; j < data.columns.size() && !changed; j++) {
                if (omitted[j] || s.min[j] == s.max[j]) {
                    continue;
                }
                if (!s.binary[j]) {
                    long before = s.rows();
                    String separated = separation(data, j, s, spec);
                    if (separated != null) {
                        long rows = before - data.summary().rows();
                        omitted[j] = true;
                        reason[j] = "perfect prediction";
                        notes.add(separated + ": " + data.columns.get(j) + " omitted and " + rows + " obs not used");
                        LOG.info("probit: {} of {}", notes.get(notes.size() - 1), response);
                        dropped += rows;
                        changed = true;
                    }
                    continue;
                }
                long ones = s.n11[j] + s.n10[j];
                long zeros = s.n01[j] + s.n00[j];
                if (ones == 0 || zeros == 0) {
                    continue; // constant: collinear with the constant, not a perfect predictor
                }
                String name = data.columns.get(j);
                double value;
                String rule;
                long rows;
                if (s.n10[j] == 0 || s.n11[j] == 0) {
                    value = 1;
                    rule = name + " != 0 predicts " + (s.n10[j] == 0 ? "success" : "failure") + " perfectly";
                    rows = ones;
                } else if (s.n00[j] == 0 || s.n01[j] == 0) {
                    value = 0;
                    rule = name + " == 0 predicts " + (s.n00[j] == 0 ? "success" : "failure") + " perfectly";
                    rows = zeros;
                } else {
                    continue;
                }
                omitted[j] = true;
                reason[j] = "perfect prediction";
                notes.add(rule + "; " + name + " omitted and " + rows + " obs not used");
                LOG.info("probit: {} of {}", notes.get(notes.size() - 1), response);
                data.dropRows(j, value);
                dropped += rows;
                changed = true;
            }
        }
        return dropped;
    }

    /**
     * Separation of the outcomes by column j: throws on complete separation; on quasi-complete
     * separation keeps the rows at the cut and returns the note; null when the outcomes overlap.
     */
    private static String separation(DesignData data, int j, DesignSummary s, ModelSpec spec) {
        String name = data.columns.get(j);
        if (s.max0[j] < s.min1[j] || s.max1[j] < s.min0[j]) {
            String rule = s.max0[j] < s.min1[j] ? name + " > " + Expr.number(s.max0[j]) : name + " < " + Expr.number(s.min0[j]);
            throw new QuexException("probit '" + spec.formula() + "': outcome = " + rule + " predicts data perfectly"
                    + " (complete separation: the likelihood has no maximum; Stata stops here too)");
        }
        double cut;
        String rule;
        if (s.max0[j] == s.min1[j]) {
            cut = s.max0[j];
            rule = name + " > " + Expr.number(cut);
        } else if (s.max1[j] == s.min0[j]) {
            cut = s.min0[j];
            rule = name + " < " + Expr.number(cut);
        } else {
            return null;
        }
        data.keepRows(j, cut);
        return "outcome = " + rule + " predicts data perfectly except for " + name + " == " + Expr.number(cut)
                + " subsample";
    }

    /**
     * The Fisher-scoring step from the constant-only model at η0 = Φ⁻¹(ȳ), in centred coordinates:
     * score (λ(η0) + λ(−η0))·Σ(x − x̄)(y − ȳ) and information λ(η0)λ(−η0)·Σ(x − x̄)(x − x̄)′.
     */
    private static double[] firstStep(Moments.Centred system, double eta0, KeptTerms kept) {
        double lambda1 = NormalDistribution.millsRatio(eta0);
        double lambda0 = NormalDistribution.millsRatio(-eta0);
        double[] score = new double[system.zy().length];
        for (int j = 0; j < score.length - 1; j++) {
            score[j] = (lambda1 + lambda0) * system.zy()[j];
        }
        // The information is λ1·λ0 times the Gram: solve with the Gram and divide.
        double[] step = kept.solveWith(kept.inverse(system.gram()), score);
        for (int j = 0; j < step.length; j++) {
            step[j] /= lambda1 * lambda0;
        }
        return step;
    }

    private static double[] add(double[] a, double[] b, double factor) {
        double[] out = Arrays.copyOf(a, a.length);
        for (int i = 0; i < a.length; i++) {
            out[i] += factor * b[i];
        }
        return out;
    }

    /** Wald χ² that all slopes are zero: b' V⁻¹ b over the kept non-constant terms. */
    private static double wald(double[] theta, double[] v, boolean[] omitted, int q, boolean constant) {
        boolean[] out = omitted.clone();
        if (constant) {
            out[q - 1] = true;
        }
        KeptTerms slopes = new KeptTerms(out);
        double[] inv = slopes.inverse(v);
        if (inv == null) {
            return Double.NaN;
        }
        double[] b = slopes.select(theta);
        double[] vb = SymmetricMatrix.multiply(inv, b.length, b);
        double w = 0;
        for (int a = 0; a < b.length; a++) {
            w += b[a] * vb[a];
        }
        return w;
    }

    private static double chi2Tail(double x, int df) {
        if (df <= 0 || Double.isNaN(x)) {
            return Double.NaN;
        }
        return org.apache.commons.math3.special.Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }
}
