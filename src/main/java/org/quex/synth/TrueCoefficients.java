package org.quex.synth;

import org.quex.CsvTable;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;

/**
 * The true parameters of the data-generating process, from conf/synth/true_coefficients.csv
 * ({@code equation,term,value,source}): the export-status probit (paper Model 1), the two
 * export-scale FE equations (Model 3 with qu, Model 5 with lqu/mqu/hqu), the production function
 * that defines true TFP, and the error scales.
 */
public record TrueCoefficients(Map<String, Map<String, Double>> equations) implements Serializable {
    public static final String PROBIT = "probit_ex";
    public static final String FE_QU = "fe_ln_export_qu";
    public static final String FE_LEVELS = "fe_ln_export_levels";
    public static final String PRODUCTION = "production";
    public static final String DGP = "dgp";
    /** Where the file sits under conf/ (conf/ is on the classpath of submit/local). */
    public static final String RESOURCE = "synth/true_coefficients.csv";
    public static final Path DEFAULT_FILE = Path.of("conf", "synth", "true_coefficients.csv");

    static final List<String> PROBIT_TERMS = List.of("qu", "tfp", "ln_cap", "age", "age2", "scale1", "scale2",
            "scale3", "pro", "sta", "cen", "_cons");
    static final List<String> FE_QU_TERMS = List.of("qu", "tfp", "ln_cap", "age", "age2", "scale1", "scale2",
            "scale3", "roa", "sta", "cen", "_cons");
    static final List<String> FE_LEVEL_TERMS = List.of("lqu", "mqu", "hqu", "tfp", "ln_cap", "age", "age2",
            "scale1", "scale2", "scale3", "roa", "sta", "cen", "_cons");
    static final List<String> PRODUCTION_TERMS = List.of("ln_k", "ln_l", "intercept_mean", "intercept_sd");
    static final List<String> DGP_TERMS = List.of("tfp_firm_sd", "tfp_shock_sd", "fe_firm_effect_sd", "fe_error_sd");

    /** Reads a file if given, else conf/synth/true_coefficients.csv from the classpath, else from ./conf. */
    public static TrueCoefficients load(Path file) {
        CsvTable table;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new QuexException("true coefficients file " + file + " does not exist");
            }
            table = CsvTable.file(file);
        } else {
            InputStream probe = TrueCoefficients.class.getClassLoader().getResourceAsStream(RESOURCE);
            if (probe != null) {
                try (probe) {
                    table = CsvTable.resource(RESOURCE);
                } catch (java.io.IOException e) {
                    throw new QuexException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(DEFAULT_FILE)) {
                table = CsvTable.file(DEFAULT_FILE);
            } else {
                throw new QuexException("no true coefficients: pass --coefficients or run from the project directory ("
                        + DEFAULT_FILE + ")");
            }
        }
        return of(table);
    }

    static TrueCoefficients of(CsvTable table) {
        Map<String, Map<String, Double>> eqs = new LinkedHashMap<>();
        for (Map<String, String> r : table.rows()) {
            String value = CsvTable.get(r, "value", table.name());
            try {
                eqs.computeIfAbsent(CsvTable.get(r, "equation", table.name()), k -> new LinkedHashMap<>())
                        .put(CsvTable.get(r, "term", table.name()), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new QuexException(table.name() + ": value '" + value + "' of " + r.get("equation") + "/"
                        + r.get("term") + " is not a number");
            }
        }
        TrueCoefficients c = new TrueCoefficients(eqs);
        c.require(PROBIT, PROBIT_TERMS, table.name());
        c.require(FE_QU, FE_QU_TERMS, table.name());
        c.require(FE_LEVELS, FE_LEVEL_TERMS, table.name());
        c.require(PRODUCTION, PRODUCTION_TERMS, table.name());
        c.require(DGP, DGP_TERMS, table.name());
        return c;
    }

    private void require(String equation, List<String> terms, String source) {
        Map<String, Double> eq = equations.get(equation);
        for (String t : terms) {
            if (eq == null || !eq.containsKey(t)) {
                throw new QuexException(source + ": missing " + equation + "," + t);
            }
        }
    }

    public double get(String equation, String term) {
        return equations.get(equation).get(term);
    }

    /** An optional term (a truth file written before the term existed keeps its old meaning). */
    public double getOr(String equation, String term, double fallback) {
        Map<String, Double> eq = equations.get(equation);
        return eq == null ? fallback : eq.getOrDefault(term, fallback);
    }

    public Map<String, Double> equation(String equation) {
        return equations.get(equation);
    }
}
