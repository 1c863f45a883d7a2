package org.quex.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.quex.estimate.FitResult;

/**
 * The paper's layout of a regression table, computed once for every format: column groups and
 * titles, the header lines, a coefficient row and a standard-error row per term (and a reference
 * row when there are reference values), a row per absorbed effect ("Firm FE: Yes"), the
 * fit-statistic rows and the notes. Cells keep their number beside its text, for spreadsheets.
 */
record TableLayout(List<String> columns, List<Span> groups, List<Row> header, List<Row> body, List<Row> statistics,
                   List<String> notes) {

    static final String STAR_LEGEND = "* p<0.10, ** p<0.05, *** p<0.01";

    enum Kind { TITLE, HEADER, COEFFICIENT, STD_ERROR, REFERENCE, FIXED_EFFECT, STATISTIC }

    /**
     * A fit statistic as the table prints it: its fit.json key, its row label (Stata's names:
     * esttab's N, R², adjusted R², within R², pseudo R², log likelihood, χ², clusters) and decimals
     * (-1 for a count).
     */
    record Statistic(String key, String label, int digits) {
    }

    static final List<Statistic> STATISTICS = List.of(
            new Statistic("n", "N", -1),
            new Statistic("r2", "R²", 4),
            new Statistic("adj_r2", "Adjusted R²", 4),
            new Statistic("r2_within", "Within R²", 4),
            new Statistic("adj_r2_within", "Adjusted within R²", 4),
            new Statistic("pseudo_r2", "Pseudo R²", 4),
            new Statistic("ll", "Log likelihood", 2),
            new Statistic("chi2", "χ²", 2),
            new Statistic("n_groups", "Groups", -1),
            new Statistic("n_clusters", "Clusters", -1));

    /**
     * A cell's text and its significance stars, apart so each format can set the stars its own
     * way; {@code value} is the number behind the text (NaN for text cells), {@code digits} its
     * decimals (-1 for a count).
     */
    record Cell(String text, String stars, double value, int digits) {
        static final Cell EMPTY = new Cell("", "", Double.NaN, 0);

        static Cell of(String text) {
            return new Cell(text, "", Double.NaN, 0);
        }

        boolean numeric() {
            return !Double.isNaN(value);
        }
    }

    record Row(Kind kind, String label, List<Cell> cells) {
    }

    /** A group title over {@code count} columns starting at column {@code first} (0-based). */
    record Span(String title, int first, int count) {
    }

    /** Stars by the paper's convention: *** p<0.01, ** p<0.05, * p<0.10. */
    static String stars(double p) {
        if (!(p < 0.10)) {
            return "";
        }
        return p < 0.01 ? "***" : p < 0.05 ? "**" : "*";
    }

    /** The value a statistic row shows: fit.json's key, or for χ² Stata's e(chi2) (Wald with a sandwich VCE, else LR). */
    static Optional<Double> statistic(ModelColumn m, String key) {
        if (key.equals("chi2")) {
            return m.statistic("wald_chi2").or(() -> m.statistic("lr_chi2"));
        }
        return m.statistic(key);
    }

    static TableLayout of(RegressionTable t) {
        List<ModelColumn> models = t.models();
        TableFormat f = t.format();
        List<String> columns = models.stream().map(ModelColumn::label).toList();
        List<String> ids = models.stream().map(ModelColumn::id).toList();
        List<Span> groups = t.groups().stream()
                .map(g -> new Span(g.title(), ids.indexOf(g.models().get(0)), g.models().size())).toList();
        List<Row> header = new ArrayList<>();
        if (models.stream().anyMatch(m -> m.title() != null && !m.title().isBlank())) {
            header.add(row(Kind.TITLE, "", models, m -> Cell.of(m.title() == null ? "" : m.title())));
        }
        header.add(row(Kind.HEADER, "Dependent variable", models, m -> Cell.of(t.label(m.dependentVariable()))));
        header.add(row(Kind.HEADER, "Estimator", models, m -> Cell.of(m.estimator())));
        if (models.stream().anyMatch(m -> m.shown() != Shown.COEFFICIENTS)) {
            header.add(row(Kind.HEADER, "Reported", models, m -> Cell.of(m.shown().header())));
        }

        List<Row> body = new ArrayList<>();
        for (String name : t.terms()) {
            int d = f.digits(name);
            body.add(row(Kind.COEFFICIENT, t.label(name), models, m -> m.term(name).map(x -> coefficient(x, d))
                    .orElse(Cell.EMPTY)));
            body.add(row(Kind.STD_ERROR, "", models, m -> m.term(name).filter(x -> !x.omitted())
                    .map(x -> new Cell("(" + f.number(name, x.stdError()) + ")", "", x.stdError(), d))
                    .orElse(Cell.EMPTY)));
            if (models.stream().anyMatch(m -> t.reference(m.id(), name) != null)) {
                body.add(row(Kind.REFERENCE, "", models, m -> Optional.ofNullable(t.reference(m.id(), name))
                        .map(v -> new Cell("[" + f.number(name, v) + "]", "", v, d)).orElse(Cell.EMPTY)));
            }
        }
        List<Row> statistics = new ArrayList<>();
        Set<String> absorbed = new LinkedHashSet<>();
        models.forEach(m -> absorbed.addAll(m.absorbed()));
        for (String fe : absorbed) {
            statistics.add(row(Kind.FIXED_EFFECT, t.format().labels().fixedEffect(fe), models,
                    m -> Cell.of(m.absorbed().contains(fe) ? "Yes" : "No")));
        }
        for (Statistic s : STATISTICS) {
            if (models.stream().anyMatch(m -> statistic(m, s.key()).isPresent())) {
                String label = s.key().equals("chi2") ? chi2Label(models) : s.label();
                statistics.add(row(Kind.STATISTIC, label, models, m -> statistic(m, s.key())
                        .map(v -> new Cell(s.digits() < 0 ? ReportNumbers.count(v.longValue())
                                : ReportNumbers.decimals(v, s.digits()), "", v, s.digits())).orElse(Cell.EMPTY)));
            }
        }
        statistics.add(row(Kind.STATISTIC, "VCE", models, m -> Cell.of(m.vceLabel())));
        return new TableLayout(columns, groups, header, body, statistics, notes(t));
    }

    /** "LR χ²" or "Wald χ²" when every model's is of one kind, else "χ²" (a note says which is which). */
    private static String chi2Label(List<ModelColumn> models) {
        boolean wald = models.stream().anyMatch(m -> m.statistic("wald_chi2").isPresent());
        boolean lr = models.stream().anyMatch(m -> m.statistic("wald_chi2").isEmpty() && m.statistic("lr_chi2").isPresent());
        return wald && lr ? "χ²" : wald ? "Wald χ²" : "LR χ²";
    }

    private static Cell coefficient(FitResult.Term x, int digits) {
        return x.omitted() ? Cell.of("(omitted)")
                : new Cell(ReportNumbers.decimals(x.estimate(), digits), stars(x.pValue()), x.estimate(), digits);
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
        for (Shown shown : List.of(Shown.MARGINS, Shown.ATMEANS)) {
            List<String> columns = t.models().stream().filter(m -> m.shown() == shown).map(ModelColumn::label).toList();
            if (!columns.isEmpty()) {
                String d = shown.description();
                notes.add(shown.header() + ": " + Character.toUpperCase(d.charAt(0)) + d.substring(1)
                        + " (dy/dx; for a 0/1 regressor the discrete change from 0 to 1) with delta-method"
                        + " standard errors, in " + String.join(", ", columns) + ".");
            }
        }
        if (t.reference() != null) {
            notes.add("In brackets: " + t.reference().label() + ".");
        }
        if (chi2Label(t.models()).equals("χ²") && t.models().stream().anyMatch(m -> statistic(m, "chi2").isPresent())) {
            notes.add("χ²: Wald test with a robust or clustered VCE, likelihood-ratio test otherwise.");
        }
        for (ModelColumn m : t.models()) {
            List<String> omitted = m.terms().stream().filter(FitResult.Term::omitted)
                    .map(x -> t.label(x.name()) + " (" + (x.omittedReason() == null ? "omitted" : x.omittedReason()) + ")")
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
