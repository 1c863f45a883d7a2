package org.quex.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        long n = s.rows();
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
        boolean[] omitted = SymmetricMatrix.collinear(gram, q, Reporting.collinearityScale(s, p, constant),
                spec.collinearityTolerance(), null);
        String[] reason = new String[q];
        List<String> notes = new ArrayList<>();
        for (int j = data.absorbedColumns; j < q; j++) {
            if (omitted[j]) {
                boolean withinConstant = fe && j < p && s.sumSq[j] > 0 && isTiny(gram[j + j * q], s, j);
                reason[j] = withinConstant ? (absorption == null ? "constant within " : "collinear with ")
                        + absorbedBy : "collinear";
                notes.add((j < p ? data.columns.get(j) : "_cons") + " omitted because of "
                        + (withinConstant ? "no variation within " + absorbedBy : "collinearity"));
            }
        }
        KeptTerms kept = new KeptTerms(omitted);
        double[] inv = kept.inverse(gram);
        if (inv == null) {
            throw new QuexException("the cross-product matrix of '" + spec.formula() + "' is not positive definite"
                    + " after removing collinear terms; rescale the regressors");
        }
        double[] theta = kept.solveWith(inv, zy);

        String clusterVar = spec.clusterVariable();
        BlockMath.Meat meat = spec.meat();
        // Conventional errors need only the RSS, which the moments give; sandwiches need a residual pass.
        PassTotals r = meat == BlockMath.Meat.NONE ? null : data.residuals(layout, yShift, theta, meat);
        double rss = r != null ? r.value : yy - dot(theta, zy);

        int kRegressors = kept.count() - (constant && !omitted[q - 1] ? 1 : 0); // kept stored columns
        long groups = fe ? s.groups() : 0;
        // Absorbed parameters: the groups, or with several effects the exact count (rank) of their dummies.
        long absorbedDf = absorption != null ? absorption.dfA() : groups;
        long dfResidual = fe ? n - absorbedDf - kRegressors : n - kept.count();
        if (dfResidual <= 0) {
            throw new QuexException("not enough observations: " + n + " rows for " + kept.count()
                    + " parameters" + (fe ? " and " + groups + " groups" : ""));
        }
        long clusters = clusterVar != null ? s.clusters() : 0;
        double[] vKept = switch (meat) {
            case NONE -> {
                double sigma2 = rss / dfResidual;
                double[] v = inv.clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= sigma2;
                }
                yield v;
            }
            case ROBUST -> kept.sandwich(inv, r.meat, (double) n / (fe ? dfResidual : n - kept.count()));
            case CLUSTER -> {
                if (clusters < 2) {
                    throw new QuexException("clustered standard errors need at least 2 clusters of '" + clusterVar + "'");
                }
                // Effects nested in the clusters are not counted (reghdfe); one-way FE counts the constant only.
                long clusterAbsorbed = absorption != null ? absorption.dfCluster() : 1;
                yield kept.sandwich(inv, r.meat,
                        (double) clusters / (clusters - 1) * (n - 1.0) / (n - kRegressors - clusterAbsorbed));
            }
        };
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
        double df = clusterVar != null ? clusters - 1 : dfResidual;
        List<FitResult.Term> terms = Reporting.terms(data.columns, data.absorbedColumns, constant, reported, v,
                omitted, reason, df);

        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("model", spec.model().name().toLowerCase());
        fit.put("formula", spec.formula().toString());
        fit.put("n", n);
        fit.put("n_dropped_missing", s.missingRows());
        fit.put("vce", spec.vce().toString());
        fit.put("iterations", absorption != null ? Math.max(1, absorption.iterations()) : 1);
        fit.put("converged", absorption == null || absorption.converged());
        fit.put("df_r", dfResidual);
        int keptDummies = countKept(omitted, 0, data.absorbedColumns);
        fit.put("df_m", kRegressors - keptDummies);
        fit.put("rss", rss);
        fit.put("rmse", Math.sqrt(rss / dfResidual));
        if (fe) {
            double tssWithin = absorbedOnlyResidual(gram, zy, yy, q, omitted, data.absorbedColumns, constant);
            double r2w = 1 - rss / tssWithin;
            fit.put("n_groups", absorption != null ? absorption.primaryLevels() : groups);
            fit.put("n_singletons", absorption != null ? absorption.singletonRows() : s.singletons());
            fit.put("singletons", spec.absorb().keepSingletons() ? "kept" : "dropped");
            fit.put("absorbed", spec.formula().absorbed());
            if (absorption != null) {
                absorption.addTo(fit);
            }
            fit.put("absorbed_dummies", keptDummies);
            fit.put("tss_within", tssWithin);
            fit.put("r2_within", r2w);
            // 1 − (RSS/df_r)/(TSS_within/(N − G − D)): adjusted for the regressors only, D the kept dummies.
            long dfWithin = n - absorbedDf - keptDummies;
            fit.put("adj_r2_within", 1 - (1 - r2w) * dfWithin / (double) dfResidual);
        } else {
            double tss = yy; // y was centred at ȳ when the model has a constant, raw otherwise
            double r2 = 1 - rss / tss;
            fit.put("tss", tss);
            fit.put("r2", r2);
            fit.put("adj_r2", 1 - (1 - r2) * (n - (constant ? 1.0 : 0.0)) / dfResidual);
        }
        if (clusterVar != null) {
            fit.put("cluster_variable", clusterVar);
            fit.put("n_clusters", clusters);
        }
        LOG.info("{} {}: n={} rss={} ({} omitted)", spec.model().name().toLowerCase(), spec.formula(), n, rss,
                notes.size());
        return new FitResult(spec, terms, fit, notes, v);
    }

    private static boolean isTiny(double demeanedSs, DesignSummary s, int j) {
        double mean = s.mean(j);
        double rawCentred = s.sumSq[j] - s.rows * mean * mean;
        return demeanedSs <= 1e-10 * Math.max(rawCentred, 1e-300) || demeanedSs <= 1e-10 * s.sumSq[j];
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
