package org.quex.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.quex.QuexException;
import org.quex.estimate.FitResult;
import org.quex.estimate.Margins;
import org.quex.estimate.ModelSpec;

/**
 * One column of a regression table: a fitted model, the paper's label for it ("1", "2-1", … "6-4"),
 * an optional title printed above it ("Baseline"; null for none), and what it prints for its terms:
 * the coefficients, or a probit's marginal effects as the fit stored them.
 */
public record ModelColumn(String id, FitResult fit, String title, Shown shown) {

    public ModelColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fit, "fit");
        shown = shown == null ? Shown.COEFFICIENTS : shown;
        if (shown != Shown.COEFFICIENTS && fit.spec().model() != ModelSpec.Model.PROBIT) {
            throw new QuexException("column " + id + ": " + shown.key() + " (marginal effects) is for probit models;"
                    + " this one is " + fit.spec().model().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (shown != Shown.COEFFICIENTS && fit.margins() == null && fit.diagnostics().ok()) {
            throw new QuexException("column " + id + ": the fit has no marginal effects (estimate it with --margins,"
                    + " or margins = true in its model file)");
        }
    }

    public ModelColumn(String id, FitResult fit, String title) {
        this(id, fit, title, Shown.COEFFICIENTS);
    }

    public ModelColumn(String id, FitResult fit) {
        this(id, fit, null);
    }

    /**
     * The rows this column prints, in the fit's order: its terms, or its marginal effects as terms
     * (estimate, delta-method standard error, z, p) with the omitted terms kept and no constant; a
     * fit that failed has no effects.
     */
    public List<FitResult.Term> terms() {
        if (shown == Shown.COEFFICIENTS) {
            return fit.terms();
        }
        List<Margins.Effect> effects = fit.margins() == null ? List.of()
                : shown == Shown.MARGINS ? fit.margins().average() : fit.margins().atMeans();
        List<FitResult.Term> out = new ArrayList<>();
        for (FitResult.Term t : fit.terms()) {
            if (t.omitted()) {
                out.add(t);
                continue;
            }
            effects.stream().filter(e -> e.term().equals(t.name())).findFirst().ifPresent(e -> out.add(
                    new FitResult.Term(e.term(), e.estimate(), e.stdError(), e.statistic(), e.pValue(), false, null)));
        }
        return out;
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

    /** The row this column prints for a term: its coefficient, or its marginal effect (see {@link #terms()}). */
    public Optional<FitResult.Term> term(String name) {
        return terms().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
