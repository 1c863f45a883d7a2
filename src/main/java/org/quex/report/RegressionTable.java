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
 * among the notes; {@code reference} (may be null) adds bracketed comparison values;
 * {@code groups} span titles over adjacent columns; {@code format} sets digits and labels.
 */
public record RegressionTable(String id, String title, String note, List<ModelColumn> models,
                              ReferenceValues reference, List<ColumnGroup> groups, TableFormat format) {

    public static final String CONSTANT = "_cons";

    /** A title over adjacent columns, given by their model ids in column order: "Finance" over 2-1 … 2-3. */
    public record ColumnGroup(String title, List<String> models) {
        public ColumnGroup {
            Objects.requireNonNull(title, "title");
            models = List.copyOf(models);
        }
    }

    public RegressionTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(format, "format");
        models = List.copyOf(models);
        groups = List.copyOf(groups);
        Set<String> ids = new HashSet<>();
        for (ModelColumn m : models) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("table " + id + " has model " + m.id() + " twice");
            }
        }
        checkGroups("table " + id, models.stream().map(ModelColumn::id).toList(), groups);
    }

    /** Each group spans adjacent columns, and no column is in two groups; {@code where} names the table in the error. */
    public static void checkGroups(String where, List<String> order, List<ColumnGroup> groups) {
        Set<String> grouped = new HashSet<>();
        for (ColumnGroup g : groups) {
            int first = order.indexOf(g.models().isEmpty() ? null : g.models().get(0));
            for (int i = 0; i < g.models().size(); i++) {
                String m = g.models().get(i);
                if (first < 0 || first + i >= order.size() || !order.get(first + i).equals(m) || !grouped.add(m)) {
                    throw new org.quex.QuexException(where + ": group '" + g.title() + "' is not a run of"
                            + " adjacent columns in no other group (columns: " + String.join(", ", order) + ")");
                }
            }
        }
    }

    public RegressionTable(String id, String title, String note, List<ModelColumn> models) {
        this(id, title, note, models, null, List.of(), TableFormat.paper());
    }

    public RegressionTable withReference(ReferenceValues values) {
        return new RegressionTable(id, title, note, models, values, groups, format);
    }

    public RegressionTable withFormat(TableFormat f) {
        return new RegressionTable(id, title, note, models, reference, groups, f);
    }

    public RegressionTable withGroups(List<ColumnGroup> g) {
        return new RegressionTable(id, title, note, models, reference, g, format);
    }

    /** The label a term or variable prints as. */
    public String label(String variable) {
        return format.labels().of(variable);
    }

    /**
     * The row order: the first model's terms, then each term a later model adds, placed where that
     * model has it (before the next of its terms already listed: rd after pro and before sta, as
     * the paper prints it); the constant last.
     */
    public List<String> terms() {
        List<String> rows = new ArrayList<>();
        for (ModelColumn m : models) {
            List<String> own = m.terms().stream().map(FitResult.Term::name).toList();
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

    /** The reference value for a model's term, or null (always for a column of marginal effects: references are coefficients). */
    public Double reference(String model, String term) {
        boolean effects = models.stream().anyMatch(m -> m.id().equals(model) && m.shown() != Shown.COEFFICIENTS);
        return reference == null || effects ? null : reference.value(model, term);
    }
}
