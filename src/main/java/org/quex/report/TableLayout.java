package org.quex.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.quex.estimate.FitResult;

/**
 * The paper's layout of a regression table, computed once for every format: the header lines,
 * a coefficient row and a standard-error row per term (and a reference row when there are
 * reference values), the fit-statistic rows and the notes.
 */
record TableLayout(List<String> columns, List<Row> header, List<Row> body, List<Row> statistics,
                   List<String> notes) {

    static final String STAR_LEGEND = "* p<0.10, ** p<0.05, *** p<0.01";

    enum Kind { HEADER, COEFFICIENT, STD_ERROR, REFERENCE, STATISTIC }

    /** A cell's text and its significance stars, apart so each format can set the stars its own way. */
    record Cell(String text, String stars) {
        static final Cell EMPTY = new Cell("", "");

        static Cell of(String text) {
            return new Cell(text, "");
        }
    }

    record Row(Kind kind, String label, List<Cell> cells) {
    }

    /** Stars by the paper's convention: *** p<0.01, ** p<0.05, * p<0.10. */
    static String stars(double p) {
        if (!(p < 0.10)) {
            return "";
        }
        return p < 0.01 ? "***" : p < 0.05 ? "**" : "*";
    }

    static TableLayout of(RegressionTable t) {
        List<ModelColumn> models = t.models();
        List<String> columns = models.stream().map(ModelColumn::label).toList();
        List<Row> header = List.of(
                row(Kind.HEADER, "Dependent variable", models, m -> Cell.of(m.dependentVariable())),
                row(Kind.HEADER, "Estimator", models, m -> Cell.of(m.estimator())));

        List<Row> body = new ArrayList<>();
        for (String name : t.terms()) {
            body.add(row(Kind.COEFFICIENT, name, models, m -> m.term(name).map(TableLayout::coefficient)
                    .orElse(Cell.EMPTY)));
            body.add(row(Kind.STD_ERROR, "", models, m -> m.term(name).filter(x -> !x.omitted())
                    .map(x -> Cell.of("(" + ReportNumbers.fourDecimals(x.stdError()) + ")")).orElse(Cell.EMPTY)));
            if (models.stream().anyMatch(m -> t.reference(m.id(), name) != null)) {
                body.add(row(Kind.REFERENCE, "", models, m -> Optional.ofNullable(t.reference(m.id(), name))
                        .map(v -> Cell.of("[" + ReportNumbers.fourDecimals(v) + "]")).orElse(Cell.EMPTY)));
            }
        }
        return new TableLayout(columns, header, body, statistics(models), notes(t));
    }

    private static Cell coefficient(FitResult.Term x) {
        return x.omitted() ? Cell.of("(omitted)")
                : new Cell(ReportNumbers.fourDecimals(x.estimate()), stars(x.pValue()));
    }

    private static List<Row> statistics(List<ModelColumn> models) {
        List<Row> rows = new ArrayList<>();
        rows.add(row(Kind.STATISTIC, "N", models, m -> count(m, "n")));
        if (models.stream().anyMatch(ModelColumn::isProbit)) {
            rows.add(row(Kind.STATISTIC, "Pseudo R²", models, m -> m.isProbit() ? fourDecimals(m, "pseudo_r2")
                    : Cell.EMPTY));
        }
        List<String> r2Keys = models.stream().flatMap(m -> m.adjustedR2Key().stream()).distinct().toList();
        if (!r2Keys.isEmpty()) {
            String label = r2Keys.equals(List.of("adj_r2_within")) ? "Adj. within R²"
                    : r2Keys.contains("adj_r2_within") ? "Adj. R² (within for FE)" : "Adj. R²";
            rows.add(row(Kind.STATISTIC, label, models, m -> m.adjustedR2Key().map(k -> fourDecimals(m, k))
                    .orElse(Cell.EMPTY)));
        }
        if (models.stream().anyMatch(m -> m.statistic("n_groups").isPresent())) {
            rows.add(row(Kind.STATISTIC, "Groups", models, m -> count(m, "n_groups")));
        }
        rows.add(row(Kind.STATISTIC, "VCE", models, m -> Cell.of(m.vceLabel())));
        return rows;
    }

    private static Cell count(ModelColumn m, String key) {
        return m.statistic(key).map(v -> Cell.of(ReportNumbers.count(v.longValue()))).orElse(Cell.EMPTY);
    }

    private static Cell fourDecimals(ModelColumn m, String key) {
        return m.statistic(key).map(v -> Cell.of(ReportNumbers.fourDecimals(v))).orElse(Cell.EMPTY);
    }

    private static List<String> notes(RegressionTable t) {
        List<String> notes = new ArrayList<>();
        if (t.note() != null && !t.note().isBlank()) {
            notes.add(t.note());
        }
        boolean anyZ = t.models().stream().anyMatch(m -> m.fit().usesZ());
        boolean anyT = t.models().stream().anyMatch(m -> !m.fit().usesZ());
        String tests = anyZ && anyT ? "z tests for probit, t tests for linear models" : anyZ ? "z tests" : "t tests";
        notes.add("Standard errors in parentheses; " + STAR_LEGEND + " (" + tests + ").");
        if (t.reference() != null) {
            notes.add("In brackets: " + t.reference().label() + ".");
        }
        for (ModelColumn m : t.models()) {
            List<String> omitted = m.fit().terms().stream().filter(FitResult.Term::omitted)
                    .map(x -> x.name() + " (" + (x.omittedReason() == null ? "omitted" : x.omittedReason()) + ")")
                    .toList();
            if (!omitted.isEmpty()) {
                notes.add(m.label() + " omits " + String.join(", ", omitted) + ".");
            }
        }
        return notes;
    }

    private static Row row(Kind kind, String label, List<ModelColumn> models, Function<ModelColumn, Cell> cell) {
        return new Row(kind, label, models.stream().map(cell).toList());
    }
}
