package org.quex.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.estimate.Formula;
import org.quex.estimate.ModelSpec;
import org.quex.estimate.Term;

/**
 * The models of a run checked against the panel's schema before any work: every column a
 * formula reads exists (and is a number where it is used as one), and every {@code sample}
 * condition parses and names only panel columns. A typo in conf/models then stops the run at
 * start-up, naming the file, the model and the term, not after ingest, clean, match and panel.
 * The schema is data-schemas/lake/panel_firm_year.csv (PanelGeneratedDataTest keeps it equal to what
 * the panel writes). Sample conditions are parsed by Spark's SQL parser, which needs no session.
 */
public final class ModelCheck {
    public static final String PANEL_SCHEMA = "data-schemas/lake/panel_firm_year.csv";

    private ModelCheck() {
    }

    /** The panel's columns and their types (int, double, string), in order. */
    public static Map<String, String> panelColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map<String, String> r : CsvTable.resource(PANEL_SCHEMA).rows()) {
            columns.put(r.get("column"), r.get("type"));
        }
        return columns;
    }

    /** Checks every model of the tables against the panel's columns; the first problem is thrown. */
    public static void check(List<ModelTable> tables) {
        check(tables, panelColumns(), "the panel (lake/panel/firm_year)");
    }

    static void check(List<ModelTable> tables, Map<String, String> columns, String table) {
        for (ModelTable t : tables) {
            for (ModelTable.Model m : t.models()) {
                String where = "model file " + t.id() + ", model " + m.id();
                checkFormula(m.spec(), columns, table, where);
                if (m.sample() != null) {
                    checkSample(m.sample(), columns, table, where);
                }
            }
        }
    }

    private static void checkFormula(ModelSpec spec, Map<String, String> columns, String table, String where) {
        Formula f = spec.formula();
        numeric(f.responseExpr().variables(), "response '" + f.response() + "'", columns, table, where);
        for (Term term : f.terms()) {
            String what = "term '" + term.label() + "'";
            for (Term.Part part : term.parts()) {
                if (part instanceof Term.Factor factor) {
                    exists(factor.variable(), what, columns, table, where);
                } else {
                    numeric(part.variables(), what, columns, table, where);
                }
            }
        }
        for (String fe : f.absorbed()) {
            exists(fe, "absorbed effect '" + fe + "'", columns, table, where);
        }
        for (String cluster : spec.vce().clusterVariables()) { // every variable of a multi-way clustering
            exists(cluster, "--vce " + spec.vce(), columns, table, where);
        }
        if (spec.weights() != null) {
            String w = spec.weights().variable();
            exists(w, "weights '" + spec.weights() + "'", columns, table, where);
            if (columns.get(w).equals("string")) {
                throw new QuexException(where + ": weights '" + spec.weights() + "': column '" + w + "' of " + table
                        + " is text, not a number");
            }
        }
    }

    private static void numeric(Iterable<String> variables, String what, Map<String, String> columns, String table,
                                String where) {
        for (String v : variables) {
            exists(v, what, columns, table, where);
            if (columns.get(v).equals("string")) {
                throw new QuexException(where + ": " + what + ": column '" + v + "' of " + table
                        + " is text, not a number (use i(" + v + ") for its levels as dummies)");
            }
        }
    }

    private static void exists(String v, String what, Map<String, String> columns, String table, String where) {
        if (!columns.containsKey(v)) {
            throw new QuexException(where + ": " + what + ": column '" + v + "' is not in " + table + suggestion(v, columns));
        }
    }

    private static void checkSample(String sample, Map<String, String> columns, String table, String where) {
        Expression e;
        try {
            e = org.apache.spark.sql.catalyst.parser.CatalystSqlParser$.MODULE$.parseExpression(sample);
        } catch (Exception x) { // Spark's ParseException
            throw new QuexException(where + ": sample '" + sample + "' is not a Spark SQL condition: "
                    + x.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse(""), x);
        }
        List<String> names = new ArrayList<>();
        collectColumns(e, names);
        for (String name : names) {
            if (!columns.containsKey(name)) {
                throw new QuexException(where + ": sample '" + sample + "': column '" + name + "' is not in " + table
                        + suggestion(name, columns));
            }
        }
    }

    /** The first part of every column name the condition refers to (unresolved attributes). */
    private static void collectColumns(Expression e, List<String> out) {
        if (e instanceof org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute a) {
            out.add(a.nameParts().head());
            return;
        }
        scala.collection.Iterator<Expression> children = e.children().iterator();
        while (children.hasNext()) {
            collectColumns(children.next(), out);
        }
    }

    /** "; did you mean 'tfp'?" for the closest column within one edit (two for names of 6 letters and more), or "". */
    static String suggestion(String name, Map<String, String> columns) {
        String best = null;
        int bestDistance = 2 + name.length() / 6;
        for (String c : columns.keySet()) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
