package org.quex.ingest;

/** What ingest makes of one record of a raw file: a typed lake row or a quarantined line. */
public sealed interface IngestOutcome {
    /** A row of the source's canonical schema, source_file and source_line included. */
    record Typed(Object[] values) implements IngestOutcome {
    }

    /** A record that could not be parsed or typed: the first physical line, its raw text, and why. */
    record Quarantined(long line, String rawText, String reason) implements IngestOutcome, java.io.Serializable {
    }
}
