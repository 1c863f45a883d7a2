package org.quex.report;

import java.util.List;
import java.util.Locale;

/**
 * A regression table as LaTeX that fits an A4 page with 2.5 cm margins (10 pt article, as
 * {@link #document} sets it up): columns aligned on the decimal point (dcolumn), notes under the
 * table at its width (threeparttable), booktabs rules. The width and height are estimated from
 * the cells with Computer Modern's metrics; a table too wide for the page is set with narrower
 * column gaps, then turned to landscape (pdflscape); one too tall is a longtable that continues
 * on the next page. Hand-written because esttab's and etable's choices need Stata or R; a
 * fragment to {@code \input}: its first lines name the packages it needs.
 */
public final class LatexTableWriter {
    /** A4 with 2.5 cm margins: text width and height in points. */
    static final double TEXT_WIDTH = 453.5;
    static final double TEXT_HEIGHT = 700.0;
    /** \footnotesize of a 10 pt article: font size and baseline skip. */
    static final double FONT = 8.0;
    static final double BASELINE = 9.5;
    /** Room a float leaves for itself on a page (LaTeX's \topfraction, \floatpagefraction aside). */
    static final double FILL = 0.92;

    static final String PACKAGES = "booktabs,dcolumn,threeparttable,longtable,pdflscape";

    private LatexTableWriter() {
    }

    /**
     * How the table is set: portrait or landscape, a float or a longtable, the column gap, and the
     * font size ({@code \footnotesize}, or {@code \scriptsize} whose widths are {@link #SCRIPT_WIDTH}
     * and heights {@link #SCRIPT_HEIGHT} of footnotesize's).
     */
    record Setting(boolean landscape, boolean longtable, double columnGap, boolean script) {
    }

    static final double SCRIPT_WIDTH = 0.94;
    static final double SCRIPT_HEIGHT = 8.0 / 9.5;

    /**
     * The layout that fits: the first of normal gaps, narrow gaps, narrow gaps in \scriptsize,
     * landscape; a longtable when it is too tall for the page it is set on.
     */
    static Setting fit(TableLayout layout) {
        double labels = labelWidth(layout);
        double cells = cellsWidth(layout);
        int columns = layout.columns().size() + 1;
        double height = height(layout, Math.min(TEXT_WIDTH, labels + cells + columns * 12));
        for (double gap : new double[] {6, 3}) {
            if (labels + cells + 2 * gap * columns <= TEXT_WIDTH) {
                return new Setting(false, height > FILL * TEXT_HEIGHT, gap, false);
            }
        }
        if (SCRIPT_WIDTH * (labels + cells) + 2 * 3 * columns <= TEXT_WIDTH) {
            return new Setting(false, SCRIPT_HEIGHT * height > FILL * TEXT_HEIGHT, 3, true);
        }
        double landscapeHeight = height(layout, Math.min(TEXT_HEIGHT, labels + cells + columns * 6));
        return new Setting(true, landscapeHeight > FILL * TEXT_WIDTH, 3, false);
    }

    public static String latex(RegressionTable t) {
        TableLayout layout = TableLayout.of(t);
        return latex(t, layout, fit(layout));
    }

    static String latex(RegressionTable t, TableLayout layout, Setting s) {
        String size = s.script() ? "\\scriptsize" : "\\footnotesize";
        StringBuilder sb = new StringBuilder();
        sb.append("% ").append(t.id()).append(": needs \\usepackage{").append(PACKAGES).append("}\n");
        sb.append("% set for an A4 page with 2.5 cm margins: ").append(s.landscape() ? "landscape, " : "")
                .append(s.longtable() ? "longtable (continues on the next page)" : "one float").append('\n');
        if (s.landscape()) {
            sb.append("\\begin{landscape}\n");
        }
        String caption = "\\caption{" + latexText(t.title().replaceFirst("^Table\\s+\\S+?[.:]\\s*", "")) + "}\\label{tab:"
                + latexText(t.id()) + "}";
        StringBuilder spec = new StringBuilder("l");
        for (int[] digits : decimalDigits(layout)) {
            spec.append(digits == null ? "c" : "D{.}{.}{" + digits[0] + "." + digits[1] + "}");
        }
        int width = layout.columns().size() + 1;
        String gap = String.format(Locale.ROOT, "\\setlength{\\tabcolsep}{%.0fpt}", s.columnGap());
        if (s.longtable()) {
            sb.append("\\begingroup\n").append(size).append('\n').append(gap).append('\n');
            sb.append("\\begin{longtable}{").append(spec).append("}\n").append(caption).append(" \\\\\n\\toprule\n");
            head(sb, layout);
            sb.append("\\midrule\n\\endfirsthead\n");
            sb.append("\\multicolumn{").append(width).append("}{l}{\\emph{(continued)}} \\\\\n\\toprule\n");
            head(sb, layout);
            sb.append("\\midrule\n\\endhead\n\\midrule\n\\multicolumn{").append(width)
                    .append("}{r}{\\emph{(continued on the next page)}} \\\\\n\\endfoot\n\\bottomrule\n\\endlastfoot\n");
            rows(sb, layout.body());
            sb.append("\\midrule\n");
            rows(sb, layout.statistics());
            sb.append("\\end{longtable}\n");
            sb.append("\\par\\noindent\n");
            notes(sb, layout, size, "\\par\n");
            sb.append("\\endgroup\n");
        } else {
            sb.append("\\begin{table}[").append(s.landscape() ? "p" : "htbp").append("]\n\\centering\n").append(size).append('\n')
                    .append(gap).append('\n');
            sb.append("\\begin{threeparttable}\n").append(caption).append('\n');
            sb.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
            head(sb, layout);
            sb.append("\\midrule\n");
            rows(sb, layout.body());
            sb.append("\\midrule\n");
            rows(sb, layout.statistics());
            sb.append("\\bottomrule\n\\end{tabular}\n");
            sb.append("\\begin{tablenotes}[flushleft]\n").append(size).append('\n');
            notes(sb, layout, size, "");
            sb.append("\\end{tablenotes}\n\\end{threeparttable}\n\\end{table}\n");
        }
        if (s.landscape()) {
            sb.append("\\end{landscape}\n");
        }
        return sb.toString();
    }

    /** A document that typesets the given fragments (tables/tableN.tex) on the page they were set for. */
    public static String document(List<String> inputs) {
        StringBuilder sb = new StringBuilder("\\documentclass[10pt]{article}\n\\usepackage[a4paper,margin=2.5cm]{geometry}\n")
                .append("\\usepackage{").append(PACKAGES).append("}\n\\begin{document}\n");
        for (String input : inputs) {
            sb.append("\\input{").append(input).append("}\n\\clearpage\n");
        }
        return sb.append("\\end{document}\n").toString();
    }

    private static void head(StringBuilder sb, TableLayout layout) {
        if (!layout.groups().isEmpty()) {
            StringBuilder rules = new StringBuilder();
            int at = 0;
            sb.append(' ');
            for (TableLayout.Span g : layout.groups()) {
                for (; at < g.first(); at++) {
                    sb.append(" &");
                }
                sb.append(" & \\multicolumn{").append(g.count()).append("}{c}{").append(latexText(g.title())).append('}');
                rules.append("\\cmidrule(lr){").append(g.first() + 2).append('-').append(g.first() + g.count() + 1).append('}');
                at += g.count();
            }
            for (; at < layout.columns().size(); at++) {
                sb.append(" &");
            }
            sb.append(" \\\\\n").append(rules).append('\n');
        }
        sb.append(' ');
        for (String c : layout.columns()) {
            sb.append(" & ").append(centred(latexText(c)));
        }
        sb.append(" \\\\\n");
        rows(sb, layout.header());
    }

    private static void rows(StringBuilder sb, List<TableLayout.Row> rows) {
        for (TableLayout.Row row : rows) {
            sb.append(latexText(row.label()));
            for (TableLayout.Cell c : row.cells()) {
                sb.append(" & ").append(cell(c));
            }
            sb.append(" \\\\\n");
        }
    }

    private static void notes(StringBuilder sb, TableLayout layout, String size, String after) {
        for (String note : layout.notes()) {
            sb.append(after.isEmpty() ? "\\item " : size + " ").append(latexText(note)).append('\n').append(after);
        }
    }

    /** A number in math mode for dcolumn (its minus a real minus), stars as superscript; text centred over the column. */
    static String cell(TableLayout.Cell c) {
        if (c.text().isEmpty()) {
            return "";
        }
        if (!isDecimal(c)) {
            return centred(latexText(c.text()));
        }
        return c.text() + (c.stars().isEmpty() ? "" : "^{" + c.stars() + "}");
    }

    private static String centred(String text) {
        return "\\multicolumn{1}{c}{" + text + "}";
    }

    static String latexText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                // In the default OT1 font encoding |, < and > in text print as —, ¡ and ¿.
                case '|' -> sb.append("\\textbar{}");
                case '<', '>' -> sb.append('$').append(c).append('$');
                case '²' -> sb.append("\\textsuperscript{2}");
                case '³' -> sb.append("\\textsuperscript{3}");
                case 'χ' -> sb.append("$\\chi$");
                default -> {
                    if (c >= '₀' && c <= '₉') {
                        sb.append("\\textsubscript{").append((char) ('0' + (c - '₀'))).append('}');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    // --- size estimates, in points at \footnotesize (Computer Modern widths in em) ---

    private static double labelWidth(TableLayout layout) {
        double w = 0;
        for (List<TableLayout.Row> part : List.of(layout.header(), layout.body(), layout.statistics())) {
            for (TableLayout.Row r : part) {
                w = Math.max(w, textWidth(r.label()));
            }
        }
        return w;
    }

    /** Widths at \\footnotesize (cmr8), in points, measured with pdflatex. */
    static final double DIGIT = 4.2501;
    static final double POINT = 2.36;
    static final double MINUS = 6.61;
    static final double PAREN = 3.31;
    static final double STAR = 4.0;

    /** The width of the math a number cell is set in (minus, digits, parentheses, brackets, stars). */
    static double numberWidth(String s) {
        double w = 0;
        for (char c : s.toCharArray()) {
            w += switch (c) {
                case '-' -> MINUS;
                case '(', ')' -> PAREN;
                case '[', ']', '.', ',' -> POINT;
                case '*' -> STAR;
                default -> DIGIT;
            };
        }
        return w;
    }

    /**
     * Per model column, the digits dcolumn reserves left and right of the point (so that the
     * widest cell fits and the column is no wider), or null for a column without decimals.
     */
    static List<int[]> decimalDigits(TableLayout layout) {
        List<int[]> columns = new java.util.ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            double left = 0;
            double right = 0;
            boolean any = false;
            for (List<TableLayout.Row> part : List.of(layout.header(), layout.body(), layout.statistics())) {
                for (TableLayout.Row r : part) {
                    TableLayout.Cell c = r.cells().get(i);
                    if (isDecimal(c)) {
                        int dot = c.text().indexOf('.');
                        left = Math.max(left, numberWidth(c.text().substring(0, dot)));
                        right = Math.max(right, numberWidth(c.text().substring(dot + 1) + c.stars()));
                        any = true;
                    }
                }
            }
            // DIGIT is a hair over the measured 4.25006 pt, so whole digits come out whole
            columns.add(any ? new int[] {(int) Math.ceil(left / DIGIT - 1e-6), (int) Math.ceil(right / DIGIT - 1e-6)} : null);
        }
        return columns;
    }

    static boolean isDecimal(TableLayout.Cell c) {
        return c.numeric() && c.text().contains(".");
    }

    /** The widths of the model columns: the reserved digits, or the widest text cell or group title. */
    private static double cellsWidth(TableLayout layout) {
        List<int[]> digits = decimalDigits(layout);
        double[] widths = new double[layout.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            double w = textWidth(layout.columns().get(i));
            if (digits.get(i) != null) {
                w = Math.max(w, (digits.get(i)[0] + digits.get(i)[1]) * DIGIT + POINT);
            }
            for (List<TableLayout.Row> part : List.of(layout.header(), layout.body(), layout.statistics())) {
                for (TableLayout.Row r : part) {
                    TableLayout.Cell c = r.cells().get(i);
                    if (!isDecimal(c)) {
                        w = Math.max(w, textWidth(c.text()));
                    }
                }
            }
            widths[i] = w;
        }
        double total = java.util.Arrays.stream(widths).sum();
        for (TableLayout.Span g : layout.groups()) { // a group title wider than its columns widens them
            double span = 0;
            for (int i = g.first(); i < g.first() + g.count(); i++) {
                span += widths[i];
            }
            total += Math.max(0, textWidth(g.title()) - span);
        }
        return total;
    }

    /** Text width from Computer Modern's character widths (em), generous for letters. */
    static double textWidth(String s) {
        double em = 0;
        for (char c : s.toCharArray()) {
            em += switch (c) {
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*' -> 0.54;
                case '-' -> 0.78; // a minus in math mode
                case '(', ')', '[', ']' -> 0.39;
                case '.', ',', ' ', 'i', 'l', 'j', 't', 'f', '\'' -> 0.3;
                case 'm', 'w', 'M', 'W' -> 0.85;
                default -> Character.isUpperCase(c) ? 0.72 : 0.53;
            };
        }
        return em * FONT;
    }

    /** Rows, rules, caption and notes; notes wrap at the table's width. */
    private static double height(TableLayout layout, double width) {
        int rows = layout.header().size() + 1 + (layout.groups().isEmpty() ? 0 : 1) + layout.body().size()
                + layout.statistics().size();
        double noteLines = 0;
        double perLine = Math.max(20, width / (0.5 * FONT));
        for (String n : layout.notes()) {
            noteLines += Math.ceil(n.length() / perLine);
        }
        return rows * BASELINE * 0.97 + 4 * 6 + 2 * 12 + 10 + noteLines * BASELINE;
    }
}
