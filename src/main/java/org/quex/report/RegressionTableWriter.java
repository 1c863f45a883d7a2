package org.quex.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.quex.estimate.FitResult;

/**
 * Writes a {@link RegressionTable} the way papers print it (fixest {@code etable}, Stata
 * {@code esttab}): as a GitHub Markdown table, a LaTeX booktabs table, a self-contained HTML
 * page, and a long-format CSV with full precision for notebooks.
 */
public final class RegressionTableWriter {
    static final String CSV_HEADER =
            "table,model,term,estimate,std_error,statistic,p_value,stars,omitted,reference,label,shown\n";

    private RegressionTableWriter() {
    }

    public static String markdown(RegressionTable t) {
        TableLayout layout = TableLayout.of(t);
        StringBuilder sb = new StringBuilder("### ").append(t.title()).append("\n\n");
        if (layout.groups().isEmpty()) {
            markdownRow(sb, "", layout.columns());
        } else { // Markdown has no spans: a group's title stands over its first column
            List<String> titles = new ArrayList<>(java.util.Collections.nCopies(layout.columns().size(), ""));
            layout.groups().forEach(g -> titles.set(g.first(), g.title()));
            markdownRow(sb, "", titles);
        }
        sb.append("|---").append("|---:".repeat(layout.columns().size())).append("|\n");
        if (!layout.groups().isEmpty()) {
            markdownRow(sb, "", layout.columns());
        }
        for (List<TableLayout.Row> part : parts(layout)) {
            for (TableLayout.Row row : part) {
                markdownRow(sb, row.label(), row.cells().stream().map(c -> c.text() + c.stars()).toList());
            }
        }
        for (String note : layout.notes()) {
            sb.append('\n').append(note).append('\n');
        }
        return sb.toString();
    }

    private static void markdownRow(StringBuilder sb, String label, List<String> cells) {
        sb.append("| ").append(markdownCell(label));
        for (String c : cells) {
            sb.append(" | ").append(markdownCell(c));
        }
        sb.append(" |\n");
    }

    private static String markdownCell(String s) {
        return s.replace("|", "\\|");
    }

    /**
     * One row per model and term (only the terms a model has) and per fit statistic, numbers in
     * full precision; fit statistics use their fit.json keys (N, r2, adj_r2, r2_within,
     * adj_r2_within, pseudo_r2, ll, chi2, n_groups, n_clusters) with the value in {@code estimate};
     * {@code label} is what the table prints; {@code shown} says what a term's row holds
     * (coefficients, margins: average marginal effects, atmeans: effects at the means), empty for
     * the statistics.
     */
    public static String csv(RegressionTable t) {
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        for (ModelColumn m : t.models()) {
            for (String name : t.terms()) {
                Optional<FitResult.Term> term = m.term(name);
                if (term.isEmpty()) {
                    continue;
                }
                FitResult.Term x = term.get();
                csvRow(sb, t, m, name, t.label(name), List.of(ReportNumbers.full(x.estimate()),
                        ReportNumbers.full(x.stdError()), ReportNumbers.full(x.statistic()), ReportNumbers.full(x.pValue()),
                        x.omitted() ? "" : TableLayout.stars(x.pValue()), Boolean.toString(x.omitted())), m.shown().key());
            }
            for (TableLayout.Statistic s : TableLayout.STATISTICS) {
                String term = s.key().equals("n") ? "N" : s.key();
                TableLayout.statistic(m, s.key()).ifPresent(v -> csvRow(sb, t, m, term, s.label(), List.of(
                        s.digits() < 0 ? Long.toString(v.longValue()) : ReportNumbers.full(v), "", "", "", "", ""), ""));
            }
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, RegressionTable t, ModelColumn m, String term, String label,
                               List<String> values, String shown) {
        sb.append(ReportNumbers.csvField(t.id())).append(',').append(ReportNumbers.csvField(m.id())).append(',')
                .append(ReportNumbers.csvField(term));
        for (String v : values) {
            sb.append(',').append(v);
        }
        Double reference = t.reference(m.id(), term);
        sb.append(',').append(reference == null ? "" : ReportNumbers.full(reference)).append(',')
                .append(ReportNumbers.csvField(label)).append(',').append(shown).append('\n');
    }

    /** The table as a LaTeX fragment that fits its page: see {@link LatexTableWriter}. */
    public static String latex(RegressionTable t) {
        return LatexTableWriter.latex(t);
    }

    static String latexText(String s) {
        return LatexTableWriter.latexText(s);
    }

    /**
     * One self-contained XHTML page (inline CSS, no external resources, parses as XML) with the
     * table, its notes and, when given, an inline SVG figure below.
     */
    public static String html(RegressionTable t, String embeddedSvgOrNull) {
        TableLayout layout = TableLayout.of(t);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(XmlText.escape(t.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append(htmlTable(t, layout));
        if (embeddedSvgOrNull != null) {
            // An XML declaration is not allowed in the middle of a document.
            sb.append("<figure>\n").append(embeddedSvgOrNull.replaceFirst("^\\s*<\\?xml[^>]*\\?>\\s*", ""))
                    .append("\n</figure>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /** The table and its notes as an HTML fragment, for pages that hold several tables. */
    public static String htmlTable(RegressionTable t) {
        return htmlTable(t, TableLayout.of(t));
    }

    private static String htmlTable(RegressionTable t, TableLayout layout) {
        StringBuilder sb = new StringBuilder();
        sb.append("<table class=\"regression\" id=\"").append(XmlText.escape(t.id())).append("\">\n<caption>")
                .append(XmlText.escape(t.title())).append("</caption>\n<thead>\n");
        if (!layout.groups().isEmpty()) {
            sb.append("<tr class=\"groups\"><th></th>");
            int at = 0;
            for (TableLayout.Span g : layout.groups()) {
                sb.append("<th></th>".repeat(g.first() - at)).append("<th colspan=\"").append(g.count()).append("\">")
                        .append(XmlText.escape(g.title())).append("</th>");
                at = g.first() + g.count();
            }
            sb.append("<th></th>".repeat(layout.columns().size() - at)).append("</tr>\n");
        }
        sb.append("<tr><th></th>");
        for (String c : layout.columns()) {
            sb.append("<th>").append(XmlText.escape(c)).append("</th>");
        }
        sb.append("</tr>\n");
        htmlRows(sb, layout.header());
        sb.append("</thead>\n<tbody>\n");
        htmlRows(sb, layout.body());
        sb.append("</tbody>\n<tbody class=\"statistics\">\n");
        htmlRows(sb, layout.statistics());
        sb.append("</tbody>\n</table>\n<div class=\"notes\">\n");
        for (String note : layout.notes()) {
            sb.append("<p>").append(XmlText.escape(note)).append("</p>\n");
        }
        sb.append("</div>\n");
        return sb.toString();
    }

    private static void htmlRows(StringBuilder sb, List<TableLayout.Row> rows) {
        for (TableLayout.Row row : rows) {
            sb.append("<tr class=\"").append(row.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append("\"><th scope=\"row\">").append(XmlText.escape(row.label())).append("</th>");
            for (TableLayout.Cell c : row.cells()) {
                sb.append("<td>").append(XmlText.escape(c.text()));
                if (!c.stars().isEmpty()) {
                    sb.append("<sup>").append(c.stars()).append("</sup>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
    }

    private static List<List<TableLayout.Row>> parts(TableLayout layout) {
        return List.of(layout.header(), layout.body(), layout.statistics());
    }

    private static final String CSS = """
            body { font-family: Georgia, 'Times New Roman', serif; margin: 2em; color: #222; }
            table.regression { border-collapse: collapse; border-top: 2px solid #000; border-bottom: 2px solid #000; }
            table.regression caption { font-weight: bold; text-align: left; padding-bottom: 0.5em; }
            table.regression th, table.regression td { padding: 0.1em 0.8em; text-align: center; }
            table.regression th[scope=row] { text-align: left; font-weight: normal; }
            table.regression thead tr:first-child th { border-bottom: 1px solid #000; }
            table.regression tbody { border-top: 1px solid #000; }
            tr.groups th[colspan] { border-bottom: 1px solid #000; }
            tr.std-error td, tr.reference td { color: #555; }
            tr.reference td { font-style: italic; }
            sup { font-size: 0.7em; }
            div.notes { font-size: 0.85em; max-width: 60em; }
            div.notes p { margin: 0.2em 0; }
            figure { margin: 2em 0; }
            """;
}
