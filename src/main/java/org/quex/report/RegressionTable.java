package org.quex.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.quex.estimate.FitResult;

/**
 * A paper table of regressions, models as columns: e.g. id "table2", title "Table 2. Product
 * quality upgrading and export status (Probit)". {@code note} (may be null) is printed first
 * among the notes; {@code reference} (may be null) adds bracketed comparison values.
 */
public record RegressionTable(String id, String title, String note, List<ModelColumn> models,
                              ReferenceValues reference) {

    public static final String CONSTANT = "_cons";

    public RegressionTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        models = List.copyOf(models);
        Set<String> ids = new HashSet<>();
        for (ModelColumn m : models) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("table " + id + " has model " + m.id() + " twice");
            }
        }
    }

    public RegressionTable(String id, String title, String note, List<ModelColumn> models) {
        this(id, title, note, models, null);
    }

    public RegressionTable withReference(ReferenceValues values) {
        return new RegressionTable(id, title, note, models, values);
    }

    /** The row order: every model's terms in first-appearance order, the constant last as papers print it. */
    public List<String> terms() {
        Set<String> names = new LinkedHashSet<>();
        for (ModelColumn m : models) {
            for (FitResult.Term t : m.fit().terms()) {
                names.add(t.name());
            }
        }
        List<String> rows = new ArrayList<>(names);
        if (rows.remove(CONSTANT)) {
            rows.add(CONSTANT);
        }
        return rows;
    }

    /** The reference value for a model's term, or null. */
    public Double reference(String model, String term) {
        return reference == null ? null : reference.value(model, term);
    }
}
