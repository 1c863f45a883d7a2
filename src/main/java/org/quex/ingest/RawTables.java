package org.quex.ingest;

import java.io.InputStream;
import org.quex.ingest.access.AccessRecords;
import org.quex.ingest.dta.StataDta;
import org.quex.ingest.excel.ExcelRecords;

/** Opens an inspected input's table for reading, by its format. */
public final class RawTables {
    private RawTables() {
    }

    /** {@code in} is the file's bytes (an archive member's, for a member). */
    public static RawRecords open(InputStream in, InputFile file, int maxRecordLines) {
        return switch (file.format()) {
            case DELIMITED -> new DelimitedRecords(in, file.name(), file.charset(), file.delimiter(), maxRecordLines);
            case STATA -> new StataDta(in, file.name(), file.charset());
            case EXCEL -> ExcelRecords.open(in, file.name(), file.table());
            case ACCESS -> AccessRecords.open(in, file.name(), file.table());
        };
    }
}
