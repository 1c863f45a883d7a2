package org.quex.ingest.excel;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.LocalFile;
import org.quex.ingest.RawRecords;
import org.quex.ingest.TableHeader;

/**
 * One sheet of an Excel workbook (.xlsx streamed, .xls) as {@link RawRecords}. The header is the
 * first row with a value; each later row is a record whose line is its spreadsheet row number.
 * A blank row between rows with values counts as a line and is reported as a "blank line", as in
 * text; blank rows after the last value (formatted but empty rows) and before the header are not
 * lines. A value to the right of the header's last column makes its row malformed.
 */
public final class ExcelRecords implements RawRecords {
    private final String name;
    private final LocalFile local;
    private final ExcelWorkbook workbook;
    private final SheetRows rows;
    private final List<String> header;
    private final long headerRow;
    /** Every row up to this one is the header, a record or a blank line already returned. */
    private long accounted;
    /** The next row with a value, not yet returned. */
    private SheetRow ahead;
    private boolean closed;

    private ExcelRecords(LocalFile local, String name, String sheet) {
        this.name = name;
        this.local = local;
        this.workbook = ExcelWorkbook.open(local.path(), name);
        try {
            rows = workbook.rows(sheet);
            SheetRow first = nextWithValue(rows);
            if (first == null) {
                throw new QuexException(name + ": the sheet is empty (no header row)");
            }
            header = headerOf(first);
            headerRow = first.number();
            accounted = headerRow;
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /**
     * Reads {@code sheet} of the workbook whose bytes are {@code in} (read to the end into a
     * temporary file, deleted on close: a workbook is a zip or OLE2 file, read by random access).
     * {@code name} is what messages and the lake call the sheet (path#sheet).
     */
    public static ExcelRecords open(InputStream in, String name, String sheet) {
        return LocalFile.openCopy(in, name, "workbook", local -> new ExcelRecords(local, name, sheet));
    }

    /** Every sheet of a workbook with its header, or why it holds no table (an empty sheet). */
    public static List<TableHeader> tables(Path file, String name) {
        List<TableHeader> tables = new ArrayList<>();
        try (ExcelWorkbook workbook = ExcelWorkbook.open(file, name)) {
            for (String sheet : workbook.sheetNames()) {
                try (SheetRows rows = workbook.rows(sheet)) {
                    SheetRow first = nextWithValue(rows);
                    tables.add(first == null ? TableHeader.skipped(sheet, "the sheet is empty")
                            : TableHeader.of(sheet, headerOf(first)));
                }
            }
        }
        return tables;
    }

    private static SheetRow nextWithValue(SheetRows rows) {
        while (rows.hasNext()) {
            SheetRow row = rows.next();
            if (row.lastValue() >= 0) {
                return row;
            }
        }
        return null;
    }

    /** The column names: the row's cells up to its last value, stripped. */
    private static List<String> headerOf(SheetRow row) {
        return row.cells().subList(0, row.lastValue() + 1).stream().map(String::strip).toList();
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** The header and every row after it up to the last one returned. */
    @Override
    public long linesRead() {
        return 1 + accounted - headerRow;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = nextWithValue(rows);
        }
        return ahead != null;
    }

    @Override
    public AssembledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (ahead.number() <= accounted) {
            throw new QuexException(name + ": row " + ahead.number() + " is stored after row " + accounted
                    + " (a damaged workbook)");
        }
        if (accounted + 1 < ahead.number()) {
            accounted++;
            return new AssembledRecord.Malformed(accounted, "", "blank line");
        }
        SheetRow row = ahead;
        ahead = null;
        accounted = row.number();
        List<String> cells = row.cells();
        int last = row.lastValue();
        String raw = String.join("\t", cells.subList(0, last + 1));
        if (last >= header.size()) {
            return new AssembledRecord.Malformed(row.number(), raw, "a value in column " + CellText.column(last)
                    + ", beyond the header's " + header.size() + " columns");
        }
        List<String> fields = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            fields.add(i < cells.size() ? cells.get(i) : "");
        }
        return new AssembledRecord.Record(row.number(), 1, raw, fields);
    }

    /** Closes the workbook and deletes the temporary copy; later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            workbook.close();
        } finally {
            local.close();
        }
    }
}
