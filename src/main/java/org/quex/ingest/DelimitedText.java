package org.quex.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one record into fields. A field is quoted only if it starts with '"'; inside
 * it a doubled quote is a literal quote and delimiters and newlines are text. A quote inside an
 * unquoted field is kept as a literal (5" screens exist in real names).
 */
public final class DelimitedText {
    /** Outcome of splitting: the fields, or where quoting went wrong. */
    public sealed interface Split {
    }

    public record Fields(List<String> values) implements Split {
    }

    /** A quoted field (1-based column) is still open at the end of the text. */
    public record OpenQuote(int column) implements Split {
    }

    /** A quoted field (1-based column) closes and is followed by text other than a delimiter. */
    public record TextAfterQuote(int column) implements Split {
    }

    private DelimitedText() {
    }

    public static Split split(String text, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            int column = fields.size() + 1;
            if (i < n && text.charAt(i) == '"') {
                field.setLength(0);
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    return new OpenQuote(column);
                }
                if (i < n && text.charAt(i) != delimiter) {
                    return new TextAfterQuote(column);
                }
                fields.add(field.toString());
            } else {
                int end = text.indexOf(delimiter, i);
                if (end < 0) {
                    end = n;
                }
                fields.add(text.substring(i, end));
                i = end;
            }
            if (i >= n) {
                return new Fields(fields);
            }
            i++; // the delimiter; a delimiter at the very end opens one more, empty field
            if (i == n) {
                fields.add("");
                return new Fields(fields);
            }
        }
    }
}
