package org.quex.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the field delimiter of a .csv or .txt file from its first lines: comma, tab, semicolon
 * or pipe, whichever splits the header into more than one field and the most following records
 * into as many fields as the header (a few damaged records must not decide). Delimiters inside
 * quoted fields do not count, and a quoted field may span lines, as {@link DelimitedText} reads
 * them. Ties go to comma for .csv and to tab for .txt; .tsv and .tab are tab whatever they hold.
 */
public final class DelimiterSniffer {
    private static final char[] CSV_ORDER = {',', ';', '\t', '|'};
    private static final char[] TXT_ORDER = {'\t', ',', ';', '|'};

    private DelimiterSniffer() {
    }

    /**
     * @param name  the file's name (its extension says the default and the tie order)
     * @param lines the first physical lines, header first, none cut short
     */
    public static char sniff(String name, List<String> lines) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return '\t';
        }
        char[] order = n.endsWith(".txt") ? TXT_ORDER : CSV_ORDER;
        char best = order[0];
        double bestShare = -1;
        for (char d : order) {
            List<Integer> counts = fieldCounts(lines, d);
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int agree = 0;
            for (int i = 1; i < counts.size(); i++) {
                if (counts.get(i).equals(counts.get(0))) {
                    agree++;
                }
            }
            double share = counts.size() == 1 ? 1 : (double) agree / (counts.size() - 1);
            if (share > bestShare) { // strictly: an equal share keeps the earlier delimiter in the order
                best = d;
                bestShare = share;
            }
        }
        return best;
    }

    /**
     * The field count of each complete record in {@code lines} with delimiter {@code d}; a record whose
     * quoted field is still open after the last line is not complete and not counted.
     */
    static List<Integer> fieldCounts(List<String> lines, char d) {
        List<Integer> counts = new ArrayList<>();
        int fields = 1;
        boolean quoted = false;
        for (String line : lines) {
            boolean fieldStart = !quoted;
            int n = line.length();
            for (int i = 0; i < n; i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            quoted = false;
                        }
                    }
                } else if (c == d) {
                    fields++;
                    fieldStart = true;
                } else {
                    quoted = fieldStart && c == '"';
                    fieldStart = false;
                }
            }
            if (!quoted) {
                counts.add(fields);
                fields = 1;
            }
        }
        return counts;
    }
}
