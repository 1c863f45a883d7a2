package org.quex.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quex.panel.VariableSummary;

/** Writes descriptive statistics, a paper's "Table 1": one block per year, or one for all years. */
public final class SummaryTableWriter {
    private static final List<String> COLUMNS = List.of("Variable", "N", "Mean", "SD", "Min", "P50", "Max");

    private SummaryTableWriter() {
    }

    /** A heading and a GitHub pipe table per block, in the order the blocks first appear. */
    public static String markdown(List<VariableSummary> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Optional<Integer>, List<VariableSummary>> block : blocks(rows).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("#### ").append(blockTitle(block.getKey())).append("\n\n");
            sb.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
            sb.append("|---").append("|---:".repeat(COLUMNS.size() - 1)).append("|\n");
            for (VariableSummary s : block.getValue()) {
                sb.append("| ").append(String.join(" | ", cells(s))).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Full precision, one row per variable and year; the year is empty for all years. */
    public static String csv(List<VariableSummary> rows) {
        StringBuilder sb = new StringBuilder("variable,year,n,missing,mean,sd,min,p50,max\n");
        for (VariableSummary s : rows) {
            sb.append(ReportNumbers.csvField(s.variable())).append(',')
                    .append(s.year() == null ? "" : s.year().toString()).append(',')
                    .append(s.n()).append(',')
                    .append(s.missing()).append(',')
                    .append(ReportNumbers.full(s.mean())).append(',')
                    .append(ReportNumbers.full(s.sd())).append(',')
                    .append(ReportNumbers.full(s.min())).append(',')
                    .append(ReportNumbers.full(s.p50())).append(',')
                    .append(ReportNumbers.full(s.max())).append('\n');
        }
        return sb.toString();
    }

    /** An HTML fragment (XHTML-compatible): one captioned table per block. */
    public static String html(List<VariableSummary> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Optional<Integer>, List<VariableSummary>> block : blocks(rows).entrySet()) {
            sb.append("<table class=\"summary\">\n<caption>").append(blockTitle(block.getKey()))
                    .append("</caption>\n<thead><tr>");
            COLUMNS.forEach(c -> sb.append("<th>").append(c).append("</th>"));
            sb.append("</tr></thead>\n<tbody>\n");
            for (VariableSummary s : block.getValue()) {
                List<String> cells = cells(s);
                sb.append("<tr><th scope=\"row\">").append(XmlText.escape(cells.get(0))).append("</th>");
                cells.subList(1, cells.size()).forEach(c -> sb.append("<td>").append(c).append("</td>"));
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        return sb.toString();
    }

    private static Map<Optional<Integer>, List<VariableSummary>> blocks(List<VariableSummary> rows) {
        Map<Optional<Integer>, List<VariableSummary>> blocks = new LinkedHashMap<>();
        for (VariableSummary s : rows) {
            blocks.computeIfAbsent(Optional.ofNullable(s.year()), y -> new ArrayList<>()).add(s);
        }
        return blocks;
    }

    private static String blockTitle(Optional<Integer> year) {
        return year.map(y -> "Year " + y).orElse("All years");
    }

    private static List<String> cells(VariableSummary s) {
        return List.of(s.variable(), ReportNumbers.count(s.n()), ReportNumbers.fourDecimals(s.mean()),
                ReportNumbers.fourDecimals(s.sd()), ReportNumbers.fourDecimals(s.min()),
                ReportNumbers.fourDecimals(s.p50()), ReportNumbers.fourDecimals(s.max()));
    }
}
