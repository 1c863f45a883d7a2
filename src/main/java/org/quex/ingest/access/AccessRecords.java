package org.quex.ingest.access;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.DateTimeType;
import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableMetaData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.LocalFile;
import org.quex.ingest.RawRecords;
import org.quex.ingest.TableHeader;

/**
 * One user table of a Microsoft Access database (.mdb of Access 2000–2003, .accdb of 2007 on) as
 * {@link RawRecords}, read with Jackcess: the column names are the header, each row a record whose
 * line is its row number + 1. Values become the text ingest types: numbers as plain decimals
 * (8633950000, 1250.5), dates yyyy-MM-dd, Yes/No 1/0, null "".
 */
public final class AccessRecords implements RawRecords {
    private final String name;
    private final LocalFile local;
    private final Database db;
    private final List<Column> columns;
    private final List<String> header;
    private final Iterator<Row> rows;
    private long read;
    private boolean closed;

    private AccessRecords(LocalFile local, String name, String table) {
        this.name = name;
        this.local = local;
        this.db = openDatabase(local.path(), name);
        try {
            Table t = db.getTable(table);
            if (t == null) {
                throw new QuexException(name + ": the database has no table '" + table + "' (it has "
                        + db.getTableNames() + ")");
            }
            columns = List.copyOf(t.getColumns());
            header = columns.stream().map(Column::getName).toList();
            rows = t.iterator();
        } catch (IOException e) {
            closeDatabase();
            throw new QuexException(name + ": cannot read the table: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeDatabase();
            throw e;
        }
    }

    /**
     * Reads {@code table} of the database whose bytes are {@code in} (read to the end into a
     * temporary file, deleted on close: Jackcess reads pages by random access). {@code name} is
     * what messages and the lake call the table (path#table).
     */
    public static AccessRecords open(InputStream in, String name, String table) {
        return LocalFile.openCopy(in, name, "database", local -> new AccessRecords(local, name, table));
    }

    /** Every user table with its column names; system tables are not listed, linked tables are skipped. */
    public static List<TableHeader> tables(Path file, String name) {
        List<TableHeader> tables = new ArrayList<>();
        try (Database db = openDatabase(file, name)) {
            for (String t : db.getTableNames()) {
                TableMetaData meta = db.getTableMetaData(t);
                if (meta.isLinked()) {
                    tables.add(TableHeader.skipped(t, "a linked table (its rows are in " + meta.getLinkedDbName() + ")"));
                    continue;
                }
                tables.add(TableHeader.of(t, db.getTable(t).getColumns().stream().map(Column::getName).toList()));
            }
        } catch (IOException e) {
            throw new QuexException(name + ": not a readable Access database (" + e.getMessage() + ")", e);
        }
        return tables;
    }

    private static Database openDatabase(Path file, String name) {
        Database db;
        try {
            db = new DatabaseBuilder(file).setReadOnly(true).open();
        } catch (IOException | RuntimeException e) {
            throw new QuexException(name + ": not a readable Access database (" + e.getMessage() + ")", e);
        }
        try {
            if (db.getFileFormat() == Database.FileFormat.V1997) {
                // Jet 3 stores text in a code page the file does not name; Jackcess would guess
                db.close();
                throw new QuexException(name + ": an Access 97 database, whose text code page ingest cannot know; "
                        + "convert it in Access (File, Convert Database, 2000 or later) or export its tables to CSV");
            }
            db.setDateTimeType(DateTimeType.LOCAL_DATE_TIME);
            db.setColumnOrder(Table.ColumnOrder.DISPLAY); // the order Access shows
        } catch (IOException e) {
            throw new QuexException(name + ": not a readable Access database (" + e.getMessage() + ")", e);
        }
        return db;
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** The header and the rows read so far count as lines, so the accounting reads as for text. */
    @Override
    public long linesRead() {
        return 1 + read;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    /** The next row as a record; its line is the row number (1-based) plus one for the header. */
    @Override
    public AssembledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row;
        try {
            row = rows.next();
        } catch (RuntimeException e) {
            throw new QuexException(name + ", row " + (read + 1) + ": cannot be read (" + e.getMessage() + ")", e);
        }
        read++;
        List<String> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(text(row.get(c.getName())));
        }
        return new AssembledRecord.Record(read + 1, 1, String.join("\t", fields), fields);
    }

    /** A stored value as text: see the class comment. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Byte b) {
            return Integer.toString(b & 0xFF); // Access's Byte is unsigned
        }
        if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? plain(new BigDecimal(Float.toString(f))) : f.toString();
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? plain(new BigDecimal(Double.toString(d))) : d.toString();
        }
        if (v instanceof BigDecimal d) {
            return plain(d);
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate().toString();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** Closes the database and deletes the temporary copy; later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeDatabase();
        } finally {
            local.close();
        }
    }

    private void closeDatabase() {
        try {
            db.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot close the database", e);
        }
    }
}
