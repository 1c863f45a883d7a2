package org.quex.estimate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted model as a value that carries its diagnostics (Hail style): the coefficient table, the
 * sample, the convergence, the linear or likelihood statistics, the diagnostic (whether the fit
 * is usable, and why not), notes such as omitted terms, the variance matrix of the terms in
 * table order, and after probit the marginal effects. A fit whose information matrix is singular
 * or whose iterations did not converge is still a result: its status says so, its standard errors
 * are NaN, and a run goes on with the next model.
 */
public record FitResult(ModelSpec spec, List<Term> terms, Sample sample, Convergence convergence, Statistics statistics,
                        Diagnostics diagnostics, List<String> notes, double[] covariance, Margins margins,
                        Absorption absorption) {

    /** One row of the coefficient table; an omitted term has NaN numbers. */
    public record Term(String name, double estimate, double stdError, double statistic, double pValue,
                       boolean omitted, String omittedReason) {
        static Term omitted(String name, String reason) {
            return new Term(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, reason);
        }
    }

    /**
     * Who is in the sample: N (with frequency weights their sum), the rows dropped and why, the
     * absorbed groups, the clusters, the weights. Null where it does not apply.
     */
    public record Sample(long n, long droppedMissing, Long droppedPerfectPrediction, Long groups, Long singletons,
                         List<String> absorbed, Integer absorbedDummies, String clusterVariable, Long clusters,
                         Map<String, Long> clustersByVariable, String weights, Long rows, Double sumWeights) {
        public static Sample of(long n) {
            return new Sample(n, 0, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** How the fit ended: iterations, whether they converged, and the criterion where iterative. */
    public record Convergence(int iterations, boolean converged, Double criterion, Double tolerance) {
    }

    /** The fit statistics of a linear or a likelihood model. */
    public sealed interface Statistics permits Linear, Likelihood {
    }

    /** OLS and FE: degrees of freedom, sums of squares, R² (within R² for FE). Null where it does not apply. */
    public record Linear(long dfResidual, long dfModel, double rss, double rmse, Double tss, Double r2, Double adjR2,
                         Double tssWithin, Double r2Within, Double adjR2Within) implements Statistics {
    }

    /** Probit: log-likelihoods, pseudo R², LR and (with a sandwich VCE) Wald tests of all slopes. */
    public record Likelihood(double ll, double ll0, double pseudoR2, long dfModel, double lrChi2, double pLrChi2,
                             Double waldChi2, Double pWaldChi2) implements Statistics {
    }

    /**
     * Whether the fit is usable: {@code ok}, or the reason it is not, with a one-line message; for
     * probit also the rows whose outcome is completely determined (fitted probability 1 in double
     * precision, see Separation), null for the other models.
     */
    public record Diagnostics(Status status, String message, Long completelyDetermined) {
        /** FAILED: the model could not be estimated at all (no observations, too few, one cluster…). */
        public enum Status { OK, SINGULAR, NOT_CONVERGED, FAILED }

        public static final Diagnostics OK = new Diagnostics(Status.OK, null);

        public Diagnostics(Status status, String message) {
            this(status, message, null);
        }

        public Diagnostics withCompletelyDetermined(long rows) {
            return new Diagnostics(status, message, rows);
        }

        public boolean ok() {
            return status == Status.OK;
        }
    }

    public FitResult {
        terms = List.copyOf(terms);
        notes = List.copyOf(notes);
        diagnostics = diagnostics == null ? Diagnostics.OK : diagnostics;
    }

    public FitResult(ModelSpec spec, List<Term> terms, Sample sample, Convergence convergence, Statistics statistics,
                     Diagnostics diagnostics, List<String> notes, double[] covariance) {
        this(spec, terms, sample, convergence, statistics, diagnostics, notes, covariance, null, null);
    }

    public FitResult(ModelSpec spec, List<Term> terms, Sample sample, Convergence convergence, Statistics statistics,
                     Diagnostics diagnostics, List<String> notes, double[] covariance, Margins margins) {
        this(spec, terms, sample, convergence, statistics, diagnostics, notes, covariance, margins, null);
    }

    /**
     * A model that could not be estimated, as a result with no terms, so that a run of many models
     * writes the others and reports this one's reason.
     */
    public static FitResult failed(ModelSpec spec, String message) {
        return new FitResult(spec, List.of(), Sample.of(0), new Convergence(0, false, null, null), null,
                new Diagnostics(Diagnostics.Status.FAILED, message), List.of(message), new double[0]);
    }

    public FitResult withMargins(Margins m) {
        return new FitResult(spec, terms, sample, convergence, statistics, diagnostics, notes, covariance, m, absorption);
    }

    public Term term(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no term " + name));
    }

    /** Whether the statistics are z (probit) or t (linear models). */
    public boolean usesZ() {
        return spec.model() == ModelSpec.Model.PROBIT;
    }

    /** The terms that are estimated, in table order: the rows and columns of {@link #covariance()}. */
    public List<Term> estimatedTerms() {
        return terms.stream().filter(t -> !t.omitted()).toList();
    }

    /**
     * The fit statistics by their {@code fit.json} names, in the order that file lists them (the
     * keys a reader of fit.json relies on; absent where they do not apply).
     */
    public Map<String, Object> fit() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", spec.model().name().toLowerCase(java.util.Locale.ROOT));
        f.put("formula", spec.formula().toString());
        f.put("n", sample.n());
        f.put("n_dropped_missing", sample.droppedMissing());
        putIf(f, "n_dropped_perfect_prediction", sample.droppedPerfectPrediction());
        putIf(f, "n_completely_determined", diagnostics.completelyDetermined());
        f.put("vce", spec.vce().toString());
        f.put("iterations", convergence.iterations());
        f.put("converged", convergence.converged());
        putIf(f, "criterion", convergence.criterion());
        putIf(f, "tolerance", convergence.tolerance());
        f.put("status", diagnostics.status().name().toLowerCase(java.util.Locale.ROOT));
        putIf(f, "diagnostic", diagnostics.message());
        if (statistics instanceof Linear l) {
            f.put("df_r", l.dfResidual());
            f.put("df_m", l.dfModel());
            f.put("rss", l.rss());
            f.put("rmse", l.rmse());
            if (sample.groups() != null) {
                f.put("n_groups", sample.groups());
                putIf(f, "n_singletons", sample.singletons());
                f.put("singletons", spec.absorb().keepSingletons() ? "kept" : "dropped");
                putIf(f, "absorbed", sample.absorbed());
                if (absorption != null) {
                    absorption.addTo(f);
                }
                putIf(f, "absorbed_dummies", sample.absorbedDummies());
            }
            putIf(f, "tss_within", l.tssWithin());
            putIf(f, "r2_within", l.r2Within());
            putIf(f, "adj_r2_within", l.adjR2Within());
            putIf(f, "tss", l.tss());
            putIf(f, "r2", l.r2());
            putIf(f, "adj_r2", l.adjR2());
        } else if (statistics instanceof Likelihood l) {
            f.put("ll", l.ll());
            f.put("ll0", l.ll0());
            f.put("pseudo_r2", l.pseudoR2());
            f.put("df_m", l.dfModel());
            f.put("lr_chi2", l.lrChi2());
            f.put("p_lr_chi2", l.pLrChi2());
            putIf(f, "wald_chi2", l.waldChi2());
            putIf(f, "p_wald_chi2", l.pWaldChi2());
        }
        if (sample.weights() != null) {
            f.put("weights", sample.weights());
            putIf(f, "n_rows", sample.rows());
            putIf(f, "sum_weights", sample.sumWeights());
        }
        if (sample.clusterVariable() != null) {
            f.put("cluster_variable", sample.clusterVariable());
            putIf(f, "n_clusters", sample.clusters());
            putIf(f, "n_clusters_by_variable", sample.clustersByVariable());
        }
        return Collections.unmodifiableMap(f);
    }

    /**
     * A fit read back from its {@code fit.json} (as {@link #fit()} wrote it) and its coefficient
     * table, for tables made from stored fits: every statistic a table shows, no variance matrix.
     */
    public static FitResult fromFitJson(ModelSpec spec, List<Term> terms, Map<String, Object> fit, List<String> notes) {
        Sample sample = new Sample(whole(fit, "n", 0L), whole(fit, "n_dropped_missing", 0L),
                whole(fit, "n_dropped_perfect_prediction", null), whole(fit, "n_groups", null),
                whole(fit, "n_singletons", null), null, whole(fit, "absorbed_dummies", null) == null ? null
                : whole(fit, "absorbed_dummies", null).intValue(), text(fit, "cluster_variable"),
                whole(fit, "n_clusters", null), null, text(fit, "weights"), whole(fit, "n_rows", null),
                real(fit, "sum_weights"));
        Convergence convergence = new Convergence(whole(fit, "iterations", 0L).intValue(),
                !Boolean.FALSE.equals(fit.get("converged")), real(fit, "criterion"), real(fit, "tolerance"));
        Statistics statistics = spec.model() == ModelSpec.Model.PROBIT
                ? new Likelihood(orNaN(fit, "ll"), orNaN(fit, "ll0"), orNaN(fit, "pseudo_r2"), whole(fit, "df_m", 0L),
                orNaN(fit, "lr_chi2"), orNaN(fit, "p_lr_chi2"), real(fit, "wald_chi2"), real(fit, "p_wald_chi2"))
                : new Linear(whole(fit, "df_r", 0L), whole(fit, "df_m", 0L), orNaN(fit, "rss"), orNaN(fit, "rmse"),
                real(fit, "tss"), real(fit, "r2"), real(fit, "adj_r2"), real(fit, "tss_within"), real(fit, "r2_within"),
                real(fit, "adj_r2_within"));
        String status = text(fit, "status");
        Diagnostics diagnostics = new Diagnostics(status == null ? Diagnostics.Status.OK
                : Diagnostics.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT)), text(fit, "diagnostic"),
                whole(fit, "n_completely_determined", null));
        return new FitResult(spec, terms, sample, convergence, statistics, diagnostics, notes, null);
    }

    private static Long whole(Map<String, Object> fit, String key, Long absent) {
        return fit.get(key) instanceof Number n ? Long.valueOf(n.longValue()) : absent;
    }

    private static Double real(Map<String, Object> fit, String key) {
        return fit.get(key) instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
    }

    private static double orNaN(Map<String, Object> fit, String key) {
        Double d = real(fit, key);
        return d == null ? Double.NaN : d;
    }

    private static String text(Map<String, Object> fit, String key) {
        return fit.get(key) instanceof String t ? t : null;
    }

    private static void putIf(Map<String, Object> f, String key, Object value) {
        if (value != null) {
            f.put(key, value);
        }
    }
}
