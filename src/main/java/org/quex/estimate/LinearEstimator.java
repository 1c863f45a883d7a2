package org.quex.estimate;

import java.util.ArrayList;
import java.util.List;
import org.quex.QuexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OLS ({@code regress}), one-way fixed-effects within OLS ({@code xtreg, fe}) and OLS with any
 * number of absorbed effects ({@code reghdfe}, fixest's {@code feols}; the absorption is
 * {@link AbsorbedDesign}'s). Three passes: cross products, then residuals with the score meat.
 */
public final class LinearEstimator {
    private static final Logger LOG = LoggerFactory.getLogger(LinearEstimator.class);

    private LinearEstimator() {
    }

    public static FitResult fit(DesignData data, ModelSpec spec) {
        DesignSummary s = data.summary();
        boolean fe = spec.model() == ModelSpec.Model.FE;
        boolean constant = spec.formula().constant();
        int p = data.columns.size();
        int q = p + (constant ? 1 : 0);
        long n = sampleSize(s, spec);
        if (n == 0) {
            throw new QuexException("no observations: all " + s.missingRows()
                    + " rows have a missing value in a model variable of '" + spec.formula() + "'");
        }
        Moments.Centred system = s.moments.centred(constant);
        double[] shift = system.shift();
        double yShift = system.yShift();
        double[] gram = system.gram();
        double[] zy = system.zy();
        double yy = system.yy();
        BlockMath.Layout layout = new BlockMath.Layout(shift, constant);

        Absorption absorption = data.absorption;
        String absorbedBy = absorption == null ? spec.groupVariable() : "the absorbed effects";
        // An iterative absorption stops at a relative tolerance: a column constant within the effects
        // keeps about that share of its magnitude, which must still count as no variation.
        double withinNoise = absorption != null && absorption.method().equals("cg")
                ? Collinearity.withinNoise(absorption.tolerance()) : Collinearity.WITHIN_NOISE;
        Collinearity.Decision collinearity = Collinearity.decide(gram, q, p, s, constant, fe, withinNoise,
                spec.collinearityTolerance(), null);
        boolean[] omitted = collinearity.omitted();
        String[] reason = new String[q];
        List<String> notes = new ArrayList<>();
        for (int j = data.absorbedColumns; j < q; j++) {
            if (omitted[j]) {
                boolean withinConstant = fe && collinearity.noVariation()[j];
                reason[j] = withinConstant ? (absorption == null ? "constant within " : "collinear with ")
                        + absorbedBy : "collinear";
                notes.add((j < p ? data.columns.get(j) : "_cons") + " omitted because of "
                        + (withinConstant ? "no variation within " + absorbedBy : "collinearity"));
            }
        }
        KeptTerms kept = new KeptTerms(omitted);
        double[] inv = kept.inverse(gram);
        if (inv == null) {
            String message = "the cross-product matrix of '" + spec.formula() + "' is not positive definite"
                    + " after removing collinear terms; rescale the regressors";
            LOG.warn("{}: {}", spec.formula(), message);
            notes.add(message);
            List<FitResult.Term> terms = Reporting.terms(data.columns, data.absorbedColumns, constant, nan(q),
                    nan(q * q), omitted, reason, 0);
            return new FitResult(spec, terms, sample(spec, s, n, fe, 0, null, absorption), new FitResult.Convergence(1, false, null,
                    null), null, new FitResult.Diagnostics(FitResult.Diagnostics.Status.SINGULAR, message), notes,
                    Reporting.tableCovariance(nan(q * q), q, data.absorbedColumns));
        }
        double[] theta = kept.solveWith(inv, zy);

        BlockMath.Meat meat = data.meat(spec);
        // Conventional errors need only the RSS, which the moments give; sandwiches need a residual pass.
        PassTotals r = meat == BlockMath.Meat.NONE ? null
                : data.residuals(layout, yShift, theta, meat, meat == BlockMath.Meat.HC3 ? kept.expandMatrix(inv) : null);
        double rss = r != null ? r.value : yy - dot(theta, zy);
        // Stata reports sums of squares with analytic weights normalized to sum to N; V is scale-free.
        double weightScale = analytic(spec) ? s.rows() / s.weightSum : 1.0;

        int kRegressors = kept.count() - (constant && !omitted[q - 1] ? 1 : 0); // kept stored columns
        long groups = fe ? s.groups() : 0;
        // Absorbed parameters: the groups, or with several effects the exact count (rank) of their dummies.
        long absorbedDf = absorption != null ? absorption.dfA() : groups;
        long dfResidual = fe ? n - absorbedDf - kRegressors : n - kept.count();
        if (dfResidual <= 0) {
            throw new QuexException("not enough observations: " + n + " rows for " + kept.count()
                    + " parameters" + (fe ? " and " + groups + " groups" : ""));
        }
        // The cluster factor's K: the kept regressors and the constant (xtreg, fe: the groups nest in the
        // clusters); with groups not nested in any cluster variable, the groups instead (reghdfe: they are
        // absorbed parameters); with several absorbed effects the rank of the constant and the effects not
        // nested in a cluster variable (reghdfe, see AbsorbedDesign). HC1's K with several absorbed
        // effects: every parameter, absorbed ones included (N/df_r).
        boolean groupsNested = (s.groupsNestedInClusters & ((1L << spec.clusterDimensions().size()) - 1)) != 0
                || spec.clusterDimensions().isEmpty();
        long kCluster = kRegressors + (absorption != null ? absorption.dfCluster()
                : fe && !groupsNested ? groups : 1);
        long kRobust = absorption != null ? n - dfResidual : kept.count();
        Variance.Result variance = Variance.linear(spec, kept, inv, rss, r, n, dfResidual, kCluster, kRobust);
        double[] vKept = variance.vKept();
        String clusterVar = spec.clusterVariable();
        double[] vCentred = kept.expandMatrix(vKept);

        // The reported constant pairs with the means of the regressors: for FE (xtreg) the raw means
        // plus those of the demeaned data (≈ 0); absorbed dummies keep their demeaned means.
        double[] m = shift.clone();
        double yMean = yShift;
        if (fe) {
            for (int j = data.absorbedColumns; j < p; j++) {
                m[j] += s.mean(j);
            }
            yMean += s.yMean();
        }
        double[] reported = Reporting.coefficients(theta, m, yMean, constant);
        double[] v = Reporting.covariance(vCentred, m, constant);
        double df = variance.df();
        List<FitResult.Term> terms = Reporting.terms(data.columns, data.absorbedColumns, constant, reported, v,
                omitted, reason, df);

        int keptDummies = countKept(omitted, 0, data.absorbedColumns);
        FitResult.Linear statistics;
        if (fe) {
            double tssWithin = absorbedOnlyResidual(gram, zy, yy, q, omitted, data.absorbedColumns, constant);
            double r2w = 1 - rss / tssWithin;
            // 1 − (RSS/df_r)/(TSS_within/(N − G − D)): adjusted for the regressors only, D the kept dummies
            // (with several absorbed effects G is df_a, every absorbed parameter).
            long dfWithin = n - absorbedDf - keptDummies;
            // The overall R² of the dummy-variable model (areg's and reghdfe's e(r2), e(r2_a); xtreg, fe
            // prints neither): TSS about ȳ from the raw sums, adjusted by (N − 1)/(N − K − df_a).
            double tss = s.ySumSq - s.ySum * s.ySum / s.weightSum;
            double r2 = 1 - rss / tss;
            statistics = new FitResult.Linear(dfResidual, kRegressors - keptDummies, rss * weightScale,
                    Math.sqrt(rss * weightScale / dfResidual), tss * weightScale, r2,
                    1 - (1 - r2) * (n - 1.0) / dfResidual, tssWithin * weightScale, r2w,
                    1 - (1 - r2w) * dfWithin / (double) dfResidual);
        } else {
            double tss = yy; // y was centred at ȳ when the model has a constant, raw otherwise
            double r2 = 1 - rss / tss;
            statistics = new FitResult.Linear(dfResidual, kRegressors - keptDummies, rss * weightScale,
                    Math.sqrt(rss * weightScale / dfResidual), tss * weightScale, r2,
                    1 - (1 - r2) * (n - (constant ? 1.0 : 0.0)) / dfResidual, null, null, null);
        }
        FitResult.Sample sample = sample(spec, s, n, fe, keptDummies, clusterVar == null ? null : variance, absorption);
        LOG.info("{} {}: n={} rss={} ({} omitted)", spec.model().name().toLowerCase(), spec.formula(), n, rss,
                notes.size());
        // An iterative absorption is the fit's iteration: its steps, relative residual and tolerance.
        FitResult.Convergence convergence = absorption != null && absorption.method().equals("cg")
                ? new FitResult.Convergence(absorption.iterations(), absorption.converged(),
                        absorption.relativeResidual(), absorption.tolerance())
                : new FitResult.Convergence(1, true, null, null);
        FitResult.Diagnostics diagnostics = convergence.converged() ? FitResult.Diagnostics.OK
                : new FitResult.Diagnostics(FitResult.Diagnostics.Status.NOT_CONVERGED, "the absorption of "
                        + spec.formula().absorbed() + " did not converge in " + absorption.iterations()
                        + " iterations (relative residual " + absorption.relativeResidual() + ")");
        return new FitResult(spec, terms, sample, convergence, statistics, diagnostics, notes,
                Reporting.tableCovariance(v, q, data.absorbedColumns), null, absorption);
    }

    /** The sample of a linear fit: N, dropped rows, groups, clusters, weights. */
    private static FitResult.Sample sample(ModelSpec spec, DesignSummary s, long n, boolean fe, int keptDummies,
                                           Variance.Result variance, Absorption absorption) {
        Long singletons = !fe ? null : absorption != null ? absorption.singletonRows() : s.singletons();
        return new FitResult.Sample(n, s.missingRows(), null, fe ? s.groups() : null, singletons,
                fe ? spec.formula().absorbed() : null, fe ? keptDummies : null,
                variance == null ? null : spec.vce().kind() == ModelSpec.Vce.Kind.CLUSTER
                        ? spec.vce().clusterVariable() : spec.clusterVariable(),
                variance == null ? null : variance.clusters(),
                variance == null || variance.clustersByVariable().size() < 2 ? null : variance.clustersByVariable(),
                spec.weights() == null ? null : spec.weights().toString(),
                spec.weights() == null ? null : s.rows(), spec.weights() == null ? null : s.weightSum);
    }

    static double[] nan(int length) {
        double[] a = new double[length];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** y'y minus its projection on the kept absorbed dummies (and the constant): the within TSS. */
    private static double absorbedOnlyResidual(double[] gram, double[] zy, double yy, int q, boolean[] omitted,
                                               int absorbedColumns, boolean constant) {
        boolean[] outside = new boolean[q];
        for (int j = 0; j < q; j++) {
            boolean dummy = j < absorbedColumns;
            boolean isConstant = constant && j == q - 1;
            outside[j] = omitted[j] || !(dummy || isConstant);
        }
        KeptTerms absorbed = new KeptTerms(outside);
        if (absorbed.count() == 0) {
            return yy;
        }
        return yy - dot(absorbed.solveWith(absorbed.inverse(gram), zy), zy);
    }

    /** N: the rows, or with frequency weights their sum (each row stands for that many observations). */
    static long sampleSize(DesignSummary s, ModelSpec spec) {
        ModelSpec.Weights w = spec.weights();
        return w != null && w.kind() == ModelSpec.Weights.Kind.FREQUENCY ? Math.round(s.weightSum) : s.rows();
    }

    static boolean analytic(ModelSpec spec) {
        return spec.weights() != null && spec.weights().kind() == ModelSpec.Weights.Kind.ANALYTIC;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static int countKept(boolean[] omitted, int from, int to) {
        int c = 0;
        for (int j = from; j < to; j++) {
            if (!omitted[j]) {
                c++;
            }
        }
        return c;
    }
}
