package org.quex.estimate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted model as a value that carries its diagnostics (Hail style): the coefficient table,
 * the fit statistics in the order {@code fit.json} lists them, and notes such as omitted terms.
 */
public record FitResult(ModelSpec spec, List<Term> terms, Map<String, Object> fit, List<String> notes,
                        double[] covariance) {

    /** One row of the coefficient table; an omitted term has NaN numbers. */
    public record Term(String name, double estimate, double stdError, double statistic, double pValue,
                       boolean omitted, String omittedReason) {
        static Term omitted(String name, String reason) {
            return new Term(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, reason);
        }
    }

    public FitResult {
        terms = List.copyOf(terms);
        fit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fit));
        notes = List.copyOf(notes);
    }

    public Term term(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no term " + name));
    }

    /** Whether the statistics are z (probit) or t (linear models). */
    public boolean usesZ() {
        return spec.model() == ModelSpec.Model.PROBIT;
    }
}
