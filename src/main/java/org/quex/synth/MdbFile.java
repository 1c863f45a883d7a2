package org.quex.synth;

import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes staged rows as a Microsoft Access database (Access 2000 format, as the monthly Customs
 * files of 2000–2006 are) with Jackcess, which needs a local file: the driver writes it to a
 * temporary file and copies it to the output file system. Columns are TEXT, LONG, DOUBLE or
 * DATE/TIME by the scheme's storage; an empty value is a null. Jackcess stamps a new table with
 * the current time in the system catalogue; the stamp is reset to the first day after the month
 * the file covers, so the same rows give the same bytes.
 */
final class MdbFile {
    private static final int BATCH = 2000;

    private MdbFile() {
    }

    static long write(Path local, String tableName, List<RawLayouts.RawColumn> columns, Iterator<String[]> rows,
                      int year, int month) throws IOException {
        try (Database db = new DatabaseBuilder(local.toFile()).setFileFormat(Database.FileFormat.V2000)
                // flush pages at close, not after every write: the file is ours alone until then
                .setAutoSync(false).create()) {
            TableBuilder tb = new TableBuilder(tableName);
            for (RawLayouts.RawColumn c : columns) {
                ColumnBuilder cb = new ColumnBuilder(c.rawName(), switch (c.storage()) {
                    case TEXT -> DataType.TEXT;
                    case BYTE, INT, LONG -> DataType.LONG;
                    case DOUBLE -> DataType.DOUBLE;
                    case DATE -> DataType.SHORT_DATE_TIME;
                });
                if (c.storage() == RawLayouts.Storage.TEXT) {
                    cb.setLengthInUnits(255);
                }
                tb.addColumn(cb);
            }
            Table table = tb.toTable(db);
            List<Object[]> batch = new ArrayList<>(BATCH);
            long written = 0;
            while (rows.hasNext()) {
                String[] values = rows.next();
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    row[i] = value(values[i], columns.get(i).storage());
                }
                batch.add(row);
                if (batch.size() == BATCH) {
                    table.addRows(batch);
                    batch.clear();
                }
                written++;
            }
            if (!batch.isEmpty()) {
                table.addRows(batch);
            }
            LocalDateTime stamp = LocalDate.of(year, month, 1).plusMonths(1).atStartOfDay();
            Table catalogue = db.getSystemTable("MSysObjects");
            for (com.healthmarketscience.jackcess.Row r : catalogue) {
                if (tableName.equals(r.get("Name"))) {
                    r.put("DateCreate", stamp);
                    r.put("DateUpdate", stamp);
                    catalogue.updateRow(r);
                }
            }
            return written;
        }
    }

    private static Object value(String v, RawLayouts.Storage storage) {
        if (v.isEmpty()) {
            return null;
        }
        return switch (storage) {
            case TEXT -> v;
            case BYTE, INT, LONG -> Integer.valueOf(v);
            case DOUBLE -> Double.valueOf(v);
            case DATE -> LocalDate.parse(v).atStartOfDay();
        };
    }
}
