package org.quex.ingest;

import java.io.InputStream;
import org.quex.ingest.dta.SeekableStreamOpener;
import org.quex.ingest.dta.StataDta;

/** Opens an inspected input's table for reading, by its format. */
public final class RawTables {
    private RawTables() {
    }

    /** {@code in} is the file's bytes (an archive member's, for a member). */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines) {
        return open(in, file, maxRecordLines, null);
    }

    /**
     * As {@link #open(InputStream, InputFile, int)}; {@code reopen} opens the same bytes again at a
     * position, for what a format keeps after its rows (Stata value labels and strLs), or is null.
     */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines, SeekableStreamOpener reopen) {
        return switch (file.format()) {
            case DELIMITED -> new DelimitedRecords(in, file.name(), file.charset(), file.delimiter(), maxRecordLines);
            case STATA -> new StataDta(in, file.name(), file.charset(), reopen);
        };
    }
}
