package org.quex.report;

import java.util.ArrayList;
import java.util.HashSet;
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

    /**
     * The row order: the first model's terms, then each term a later model adds, placed where that
     * model has it (before the next of its terms already listed: rd after pro and before sta, as
     * the paper prints it); the constant last.
     */
    public List<String> terms() {
        List<String> rows = new ArrayList<>();
        for (ModelColumn m : models) {
            List<String> own = m.fit().terms().stream().map(FitResult.Term::name).toList();
            for (int i = 0; i < own.size(); i++) {
                if (rows.contains(own.get(i))) {
                    continue;
                }
                int at = rows.size();
                for (int j = i + 1; j < own.size(); j++) {
                    if (rows.contains(own.get(j))) {
                        at = rows.indexOf(own.get(j));
                        break;
                    }
                }
                rows.add(at, own.get(i));
            }
        }
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
