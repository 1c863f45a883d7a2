package org.quex.ingest.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.quex.QuexException;

/** A workbook opened for reading sheet by sheet; .xlsx or .xls by the file's bytes, whatever its extension. */
interface ExcelWorkbook extends AutoCloseable {
    /** The sheets in workbook order. */
    List<String> sheetNames();

    /** The rows of a sheet; fails naming the sheet when the workbook has none of that name. */
    SheetRows rows(String sheet);

    @Override
    void close();

    /** {@code name} is what messages call the file. */
    static ExcelWorkbook open(Path file, String name) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(file.toFile());
        } catch (IOException e) {
            throw new QuexException(name + ": cannot read the workbook: " + e.getMessage(), e);
        }
        try {
            return switch (magic) {
                case OOXML -> new XlsxWorkbook(file, name);
                case OLE2 -> new XlsWorkbook(file, name);
                default -> throw new QuexException(name + ": not an Excel workbook (.xlsx is a zip package, .xls an OLE2 "
                        + "file; this file starts like " + magic + ")");
            };
        } catch (QuexException e) {
            throw e;
        } catch (Exception e) {
            throw new QuexException(name + ": not a readable Excel workbook (" + e.getMessage() + ")", e);
        }
    }
}
