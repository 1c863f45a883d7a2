package org.quex.report;

import java.util.Objects;
import java.util.Optional;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;

/** One column of a regression table: a fitted model and the paper's label for it ("1", "2-1", … "6-4"). */
public record ModelColumn(String id, FitResult fit) {

    public ModelColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fit, "fit");
    }

    /** The column header as papers print it: "(2-1)". */
    public String label() {
        return "(" + id + ")";
    }

    public String dependentVariable() {
        return fit.spec().formula().response();
    }

    public String estimator() {
        return switch (fit.spec().model()) {
            case PROBIT -> "Probit";
            case OLS -> "OLS";
            case FE -> "FE";
        };
    }

    public boolean isProbit() {
        return fit.spec().model() == ModelSpec.Model.PROBIT;
    }

    /** The variance estimator as a reader expects it: "OIM", "Robust", "Cluster (firm)". */
    public String vceLabel() {
        ModelSpec.Vce vce = fit.spec().vce();
        return switch (vce.kind()) {
            case OIM -> "OIM";
            case EIM -> "EIM";
            case CONVENTIONAL -> "Conventional";
            case ROBUST -> "Robust";
            case HC3 -> "HC3";
            case CLUSTER -> "Cluster (" + vce.clusterVariable() + ")";
        };
    }

    /**
     * The fit statistic reported as adjusted R²: within for FE (what xtreg, fe and the paper
     * report), overall for OLS, none for probit.
     */
    public Optional<String> adjustedR2Key() {
        if (isProbit()) {
            return Optional.empty();
        }
        return Optional.of(fit.fit().containsKey("adj_r2_within") ? "adj_r2_within" : "adj_r2");
    }

    /** A numeric fit statistic such as "n" or "pseudo_r2", if the fit has it. */
    public Optional<Double> statistic(String key) {
        return fit.fit().get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<FitResult.Term> term(String name) {
        return fit.terms().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
