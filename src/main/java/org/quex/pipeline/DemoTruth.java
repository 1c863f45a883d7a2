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
 * the tables: every model that contains a generating equation (same estimator, dependent variable
 * and absorbed effects as the base model of the paper's table the equation is drawn from, and at
 * least its regressors) gets that equation's values, and 0 for the regressors the equation does
 * not contain (they play no part in the process). Models are known by their formula, not by the
 * name of their table. Left out, having no true value: the constant of a fixed-effects model (it absorbs the
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

    /** The true values of a table's models, or null when no equation of theirs generated the data. */
    public ReferenceValues of(ModelTable table) {
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        table.models().forEach(m -> specs.put(m.id(), m.spec()));
        return of(specs);
    }

    /** The generating equation a model contains, or null. */
    static String equationOf(ModelSpec spec) {
        for (ModelTable packed : ModelTable.load(null)) {
            String equation = EQUATION_OF_TABLE.get(packed.id());
            ModelSpec base = packed.models().get(0).spec();
            if (equation != null && base.model() == spec.model()
                    && base.formula().response().equals(spec.formula().response())
                    && base.formula().absorbed().equals(spec.formula().absorbed())
                    && spec.formula().regressors().containsAll(base.formula().regressors())) {
                return equation;
            }
        }
        return null;
    }

    /** The true values of models by column id, or null when no equation of theirs generated the data. */
    public ReferenceValues of(Map<String, ModelSpec> models) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (Map.Entry<String, ModelSpec> e : models.entrySet()) {
            ModelSpec spec = e.getValue();
            Map<String, Double> equation = used.get(equationOf(spec));
            if (equation == null) {
                continue;
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            for (String x : spec.formula().regressors()) {
                if (!OUTCOME_DEPENDENT.contains(x)) {
                    terms.put(x, equation.getOrDefault(x, 0.0));
                }
            }
            if (spec.model() != ModelSpec.Model.FE && equation.containsKey("_cons")) {
                terms.put("_cons", equation.get("_cons"));
            }
            values.put(e.getKey(), terms);
        }
        return values.isEmpty() ? null : new ReferenceValues("true value", values);
    }
}
