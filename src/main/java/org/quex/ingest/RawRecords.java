package org.quex.ingest;

import java.util.Iterator;
import java.util.List;

/**
 * One table of a raw input opened for reading, whatever its container (delimited text, Stata,
 * Excel sheet, Access table): its column names, then its records as text fields in order, so that
 * every format goes through the same catalogue mapping and typing. The record's line is the
 * position a user finds it at (text line, spreadsheet row, observation + 1), the header being 1.
 */
public interface RawRecords extends Iterator<AssembledRecord>, AutoCloseable {
    /** The column names, as the input spells them. */
    List<String> header();

    /**
     * Units read so far that the row accounting calls lines: physical lines for text; header plus
     * rows for tables. Once the input is exhausted it must equal 1 + the lines of all records.
     */
    long linesRead();

    /** Lines that held U+FFFD already (stored by whoever exported the file); 0 where unknown. */
    default long replacementLines() {
        return 0;
    }

    default long firstReplacementLine() {
        return 0;
    }

    @Override
    default void close() {
    }
}
