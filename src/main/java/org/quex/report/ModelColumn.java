package org.quex.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;

/**
 * One column of a regression table: a fitted model, the paper's label for it ("1", "2-1", … "6-4")
 * and an optional title printed above it ("Baseline"; null for none).
 */
public record ModelColumn(String id, FitResult fit, String title) {

    public ModelColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fit, "fit");
    }

    public ModelColumn(String id, FitResult fit) {
        this(id, fit, null);
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

    /** The absorbed variables (fixed effects) of the model, in formula order. */
    public List<String> absorbed() {
        return fit.spec().formula().absorbed();
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

    /** A numeric fit statistic such as "n" or "pseudo_r2", if the fit has it (NaN: it has not). */
    public Optional<Double> statistic(String key) {
        return fit.fit().get(key) instanceof Number n && !Double.isNaN(n.doubleValue())
                ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<FitResult.Term> term(String name) {
        return fit.terms().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
