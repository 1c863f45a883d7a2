package org.quex.ingest;

import java.util.List;

/** What record assembly makes of one or more physical lines: a record with its fields, or a malformed line. */
public sealed interface AssembledRecord {
    /** Number of the first physical line. */
    long line();

    /** The raw text as read (lines of a multi-line record joined by \n). */
    String rawText();

    /** Physical lines this outcome accounts for. */
    int physicalLines();

    /** A record spanning physical lines {@code line} … {@code line + physicalLines - 1}. */
    record Record(long line, int physicalLines, String rawText, List<String> fields) implements AssembledRecord {
    }

    /** A single physical line that could not be split into the header's number of fields, and why. */
    record Malformed(long line, String rawText, String reason) implements AssembledRecord {
        @Override
        public int physicalLines() {
            return 1;
        }
    }
}
