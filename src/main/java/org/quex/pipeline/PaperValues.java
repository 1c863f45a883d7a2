package org.quex.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.quex.CsvTable;
import org.quex.estimate.ModelSpec;
import org.quex.report.ModelColumn;
import org.quex.report.ReferenceValues;

/**
 * The published coefficients of Tables 2–4 (reference/paper_tables.csv), as reference values for
 * the tables. A model gets them only when it is one of the paper's: same estimator, dependent
 * variable, regressors (in any order), constant and absorbed effects as a model of the packed
 * model files, whatever its table or file is called.
 */
public final class PaperValues {
    static final String TABLE = "data-schemas/reference/paper_tables.csv";

    /** The paper's table and model id of a model of the packed files ("table2", "2-1"). */
    public record PaperModel(String table, String model) {
    }

    private PaperValues() {
    }

    /**
     * What makes two models the same model: estimator, response, regressor set, constant, absorbed
     * set. The paper's firm effect is the same model whether the firm is the survey's id (firm_id) or
     * the id that follows it across id changes (panel_id, the default since the panel built one).
     */
    static String signature(ModelSpec spec) {
        TreeSet<String> absorbed = new TreeSet<>();
        spec.formula().absorbed().forEach(a -> absorbed.add(a.equals("panel_id") ? "firm_id" : a));
        return spec.model() + "|" + spec.formula().response() + "|" + new TreeSet<>(spec.formula().regressors()) + "|"
                + spec.formula().constant() + "|" + absorbed;
    }

    /** The paper's model a spec is, if it is one. */
    public static Optional<PaperModel> identify(ModelSpec spec) {
        String sig = signature(spec);
        for (ModelTable table : ModelTable.load(null)) {
            for (ModelTable.Model m : table.models()) {
                if (signature(m.spec()).equals(sig)) {
                    return Optional.of(new PaperModel(table.id(), m.id()));
                }
            }
        }
        return Optional.empty();
    }

    /** The paper's values of the columns that are the paper's models, by column id; null when none is. */
    public static ReferenceValues of(List<ModelColumn> columns) {
        Map<String, Map<String, Double>> published = new LinkedHashMap<>();
        for (Map<String, String> row : CsvTable.resource(TABLE).rows()) {
            published.computeIfAbsent("table" + row.get("table") + "/" + row.get("model"), m -> new LinkedHashMap<>())
                    .put(row.get("term"), Double.parseDouble(row.get("value")));
        }
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (ModelColumn c : columns) {
            identify(c.fit().spec()).map(p -> published.get(p.table() + "/" + p.model()))
                    .ifPresent(v -> values.put(c.id(), v));
        }
        return values.isEmpty() ? null : new ReferenceValues("paper", values);
    }
}
