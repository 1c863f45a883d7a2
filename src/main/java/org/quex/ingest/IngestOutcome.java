package org.quex.ingest;

/** What ingest makes of one record of a raw file: a typed lake row, a quarantined line, or a row of another year. */
public sealed interface IngestOutcome {
    /** A row of the source's canonical schema, source_file and source_line included. */
    record Typed(Object[] values) implements IngestOutcome {
    }

    /**
     * A record that could not be parsed or typed: the first physical line, its raw text, and why;
     * {@code year} is the file's year when it has one (--year or its name), else null.
     */
    record Quarantined(long line, String rawText, String reason, Integer year)
            implements IngestOutcome, java.io.Serializable {
        public Quarantined(long line, String rawText, String reason) {
            this(line, rawText, reason, null);
        }
    }

    /** A well-typed row of a year this run does not ingest (a pooled file under --year): counted, not written. */
    record OtherYear(int year) implements IngestOutcome {
    }
}
