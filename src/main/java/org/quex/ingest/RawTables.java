package org.quex.ingest;

import java.io.InputStream;
import org.quex.ingest.access.AccessRecords;
import org.quex.ingest.archive.ArchiveMembers;
import org.quex.ingest.dta.SeekableStreamOpener;
import org.quex.ingest.dta.StataDta;
import org.quex.ingest.excel.ExcelRecords;

/** Opens an inspected input's table for reading, by its format. */
public final class RawTables {
    private RawTables() {
    }

    /** {@code in} is the file's bytes (the archive's, for a member: read up to the member). */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines) {
        return open(in, file, maxRecordLines, null);
    }

    /**
     * As {@link #open(InputStream, InputFile, int)}; {@code reopen} opens the same bytes again at a
     * position, for what a format keeps after its rows (Stata value labels and strLs), or is null
     * (always for an archive member: its bytes cannot be reopened at a position).
     */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines, SeekableStreamOpener reopen) {
        if (file.member() != null) {
            return ArchiveMembers.open(in, file, member -> table(member, file, maxRecordLines, null));
        }
        return table(in, file, maxRecordLines, reopen);
    }

    /**
     * How a table's file is opened again at a position (Stata value labels and strLs lie after the
     * rows): the file itself through Hadoop, or null for an archive member, whose bytes cannot be.
     */
    public static SeekableStreamOpener reopener(InputFile file, org.apache.hadoop.conf.Configuration hadoop) {
        return file.member() == null ? SeekableStreamOpener.hadoop(file.path(), hadoop) : null;
    }

    /** {@code in} is the table's own bytes. */
    private static RawRecords table(InputStream in, InputFile file, int maxRecordLines, SeekableStreamOpener reopen) {
        return switch (file.format()) {
            case DELIMITED -> new DelimitedRecords(in, file.name(), file.charset(), file.delimiter(), maxRecordLines);
            case STATA -> new StataDta(in, file.name(), file.charset(), reopen);
            case EXCEL -> ExcelRecords.open(in, file.name(), file.table());
            case ACCESS -> AccessRecords.open(in, file.name(), file.table());
        };
    }
}
