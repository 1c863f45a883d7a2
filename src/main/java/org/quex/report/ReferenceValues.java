package org.quex.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Values to print beside the estimates, such as the paper's coefficients or a simulation's truth:
 * by model id, then term. {@code label} names them in notes and legends ("paper", "truth").
 */
public record ReferenceValues(String label, Map<String, Map<String, Double>> values) {

    public ReferenceValues {
        Objects.requireNonNull(label, "label");
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        values.forEach((model, terms) -> copy.put(model, Collections.unmodifiableMap(new LinkedHashMap<>(terms))));
        values = Collections.unmodifiableMap(copy);
    }

    /** The value for a model's term, or null when there is none. */
    public Double value(String model, String term) {
        Map<String, Double> terms = values.get(model);
        return terms == null ? null : terms.get(term);
    }
}
