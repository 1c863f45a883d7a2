package org.quex.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns physical lines into records of exactly {@code expectedFields} fields. A quoted field may
 * span lines, but only if the lines it swallows then form one well-formed record of the right
 * width within {@code maxRecordLines}; otherwise the first line alone is reported as malformed and
 * assembly resumes at the next line. So a stray quote costs one line, never the rest of the file,
 * and every physical line ends in exactly one record or one malformed line.
 */
public final class RecordAssembler implements Iterator<AssembledRecord> {
    private final Iterator<PhysicalLine> lines;
    private final char delimiter;
    private final int expectedFields;
    private final int maxRecordLines;
    /** Lines read ahead while trying a multi-line record; at most maxRecordLines - 1. */
    private final List<PhysicalLine> lookahead = new ArrayList<>();

    public RecordAssembler(Iterator<PhysicalLine> lines, char delimiter, int expectedFields, int maxRecordLines) {
        if (maxRecordLines < 1) {
            throw new IllegalArgumentException("maxRecordLines must be at least 1");
        }
        this.lines = lines;
        this.delimiter = delimiter;
        this.expectedFields = expectedFields;
        this.maxRecordLines = maxRecordLines;
    }

    @Override
    public boolean hasNext() {
        return !lookahead.isEmpty() || lines.hasNext();
    }

    @Override
    public AssembledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PhysicalLine first = take();
        String text = first.text();
        if (text.isEmpty()) {
            return new AssembledRecord.Malformed(first.number(), text, "blank line");
        }
        DelimitedText.Split split = DelimitedText.split(text, delimiter);
        if (split instanceof DelimitedText.OpenQuote open) {
            AssembledRecord spanning = tryMultiLine(first);
            return spanning != null ? spanning : new AssembledRecord.Malformed(first.number(), text,
                    "unbalanced quote: the quoted field in column " + open.column() + " never closes");
        }
        return singleLine(first, split);
    }

    private AssembledRecord singleLine(PhysicalLine line, DelimitedText.Split split) {
        if (split instanceof DelimitedText.TextAfterQuote t) {
            return new AssembledRecord.Malformed(line.number(), line.text(),
                    "text after the closing quote in column " + t.column());
        }
        DelimitedText.Fields fields = (DelimitedText.Fields) split;
        if (fields.values().size() != expectedFields) {
            return new AssembledRecord.Malformed(line.number(), line.text(),
                    fields.values().size() + " fields, expected " + expectedFields);
        }
        return new AssembledRecord.Record(line.number(), 1, line.text(), fields.values());
    }

    /** The record that starts at {@code first} and closes its quote on a later line, or null (lines stay queued). */
    private AssembledRecord tryMultiLine(PhysicalLine first) {
        StringBuilder text = new StringBuilder(first.text());
        for (int k = 0; k < maxRecordLines - 1; k++) {
            if (k == lookahead.size()) {
                if (!lines.hasNext()) {
                    return null;
                }
                lookahead.add(lines.next());
            }
            text.append('\n').append(lookahead.get(k).text());
            DelimitedText.Split split = DelimitedText.split(text.toString(), delimiter);
            if (split instanceof DelimitedText.OpenQuote) {
                continue;
            }
            if (split instanceof DelimitedText.Fields f && f.values().size() == expectedFields) {
                lookahead.subList(0, k + 1).clear();
                return new AssembledRecord.Record(first.number(), k + 2, text.toString(), f.values());
            }
            return null;
        }
        return null;
    }

    private PhysicalLine take() {
        return lookahead.isEmpty() ? lines.next() : lookahead.remove(0);
    }
}
