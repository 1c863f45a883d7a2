package org.quex.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;
import org.quex.estimate.ModelSpec;
import org.quex.report.ReferenceValues;
import org.quex.CsvTable;

/**
 * The true coefficients behind generated data (truth/coefficients.csv), as reference values for
 * the tables: every model of a table whose base equation generated the data gets that equation's
 * values, and 0 for the regressors the equation does not contain (they play no part in the
 * process). Left out, having no true value: the constant of a fixed-effects model (it absorbs the
 * sample mean of the firm effects) and hhi, whose sales shares contain the firm's own exports.
 */
public final class DemoTruth {
    /** Which generating equation a table's base model is. */
    static final Map<String, String> EQUATION_OF_TABLE = Map.of("table2", "probit_ex", "table3", "fe_ln_export_qu",
            "table4", "fe_ln_export_levels");

    /** Regressors built from the outcome itself (sales include exports). */
    static final List<String> OUTCOME_DEPENDENT = List.of("hhi");

    private final Map<String, Map<String, Double>> used;

    DemoTruth(Map<String, Map<String, Double>> used) {
        this.used = used;
    }

    public static DemoTruth load(Path coefficientsCsv) {
        Map<String, Map<String, Double>> used = new HashMap<>();
        try {
            for (Map<String, String> row : CsvTable.file(coefficientsCsv).rows()) {
                if ("yes".equals(row.get("used_to_generate"))) {
                    used.computeIfAbsent(row.get("equation"), e -> new LinkedHashMap<>())
                            .put(row.get("term"), Double.parseDouble(row.get("value")));
                }
            }
        } catch (RuntimeException e) {
            throw new QuexException("cannot read the true coefficients " + coefficientsCsv + ": " + e.getMessage(), e);
        }
        return new DemoTruth(used);
    }

    /** The true values of a table's models, or null when its equation did not generate the data. */
    public ReferenceValues of(ModelTable table) {
        Map<String, Double> equation = used.get(EQUATION_OF_TABLE.get(table.id()));
        if (equation == null) {
            return null;
        }
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (ModelTable.Model m : table.models()) {
            Map<String, Double> terms = new LinkedHashMap<>();
            for (String x : m.spec().formula().regressors()) {
                if (!OUTCOME_DEPENDENT.contains(x)) {
                    terms.put(x, equation.getOrDefault(x, 0.0));
                }
            }
            if (m.spec().model() != ModelSpec.Model.FE && equation.containsKey("_cons")) {
                terms.put("_cons", equation.get("_cons"));
            }
            values.put(m.id(), terms);
        }
        return new ReferenceValues("true value", values);
    }
}
