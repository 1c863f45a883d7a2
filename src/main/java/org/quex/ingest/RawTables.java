package org.quex.ingest;

import java.io.InputStream;
import org.quex.ingest.archive.ArchiveMembers;
import org.quex.ingest.dta.StataDta;

/** Opens an inspected input's table for reading, by its format. */
public final class RawTables {
    private RawTables() {
    }

    /** {@code in} is the file's bytes (the archive's, for a member: read up to the member). */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines) {
        if (file.member() != null) {
            return ArchiveMembers.open(in, file, member -> table(member, file, maxRecordLines));
        }
        return table(in, file, maxRecordLines);
    }

    /** {@code in} is the table's own bytes. */
    private static RawRecords table(InputStream in, InputFile file, int maxRecordLines) {
        return switch (file.format()) {
            case DELIMITED -> new DelimitedRecords(in, file.name(), file.charset(), file.delimiter(), maxRecordLines);
            case STATA -> new StataDta(in, file.name(), file.charset());
        };
    }
}
