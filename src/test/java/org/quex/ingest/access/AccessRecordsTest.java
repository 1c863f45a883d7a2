package org.quex.ingest.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.TableHeader;

/** Databases written with Jackcess in the formats Access deliveries come in (2000, 2003 .mdb; 2010 .accdb). */
class AccessRecordsTest {
    @TempDir
    Path tmp;

    private static final List<String> COLUMNS = List.of("text", "long", "double", "single", "money", "numeric", "yesno",
            "date", "byte", "int");

    private Path write(String name, Database.FileFormat format) throws IOException {
        Path file = tmp.resolve(name);
        try (Database db = new DatabaseBuilder(file).setFileFormat(format).create()) {
            db.setDateTimeType(com.healthmarketscience.jackcess.DateTimeType.LOCAL_DATE_TIME);
            Table t = new TableBuilder("200501")
                    .addColumn(new ColumnBuilder("text", DataType.TEXT))
                    .addColumn(new ColumnBuilder("long", DataType.LONG))
                    .addColumn(new ColumnBuilder("double", DataType.DOUBLE))
                    .addColumn(new ColumnBuilder("single", DataType.FLOAT))
                    .addColumn(new ColumnBuilder("money", DataType.MONEY))
                    .addColumn(new ColumnBuilder("numeric", DataType.NUMERIC).setPrecision(12).setScale(4))
                    .addColumn(new ColumnBuilder("yesno", DataType.BOOLEAN))
                    .addColumn(new ColumnBuilder("date", DataType.SHORT_DATE_TIME))
                    .addColumn(new ColumnBuilder("byte", DataType.BYTE))
                    .addColumn(new ColumnBuilder("int", DataType.INT))
                    .toTable(db);
            t.addRow("天津力达橡胶厂", 1012100, 8633950000.0, 1250.5f, new BigDecimal("99.5000"), new BigDecimal("12.3400"),
                    true, LocalDateTime.of(2005, 1, 15, 13, 30), (byte) 200, (short) -7);
            t.addRow(null, null, 0.1 + 0.2, null, null, null, false, null, null, null);
            new TableBuilder("国别代码").addColumn(new ColumnBuilder("代码", DataType.TEXT))
                    .addColumn(new ColumnBuilder("国别名称", DataType.TEXT)).toTable(db).addRow("110", "香港");
            db.createLinkedTable("外部表", "other.mdb", "t");
        }
        return file;
    }

    @Test
    void everyUserTableIsListedAndItsValuesBecomeTheTextIngestTypes() throws IOException {
        for (Object[] f : new Object[][] {{"data200501.mdb", Database.FileFormat.V2000},
                {"data200502.mdb", Database.FileFormat.V2003}, {"data200512.accdb", Database.FileFormat.V2010}}) {
            String name = (String) f[0];
            Path file = write(name, (Database.FileFormat) f[1]);
            List<TableHeader> tables = new ArrayList<>(AccessRecords.tables(file, name));
            tables.sort((a, b) -> a.table().compareTo(b.table()));
            assertEquals(List.of(TableHeader.of("200501", COLUMNS), TableHeader.of("国别代码", List.of("代码", "国别名称")),
                    TableHeader.skipped("外部表", "a linked table (its rows are in other.mdb)")),
                    tables, name + ": the MSys system tables are not listed");
            List<String> rows = new ArrayList<>();
            try (AccessRecords r = AccessRecords.open(Files.newInputStream(file), name + "#200501", "200501")) {
                assertEquals(COLUMNS, r.header());
                assertEquals(1, r.linesRead());
                r.forEachRemaining(rec -> rows.add(rec.line() + " " + String.join("|", ((AssembledRecord.Record) rec).fields())));
                assertEquals(3, r.linesRead(), "header + 2 rows");
            }
            assertEquals(List.of("2 天津力达橡胶厂|1012100|8633950000|1250.5|99.5|12.34|1|2005-01-15|200|-7",
                    "3 ||0.30000000000000004||||0|||"), rows, name);
        }
    }

    @Test
    void aMissingTableOrAFileThatIsNoDatabaseFailsByName() throws IOException {
        Path file = write("data200501.mdb", Database.FileFormat.V2000);
        QuexException e = assertThrows(QuexException.class,
                () -> AccessRecords.open(Files.newInputStream(file), "data200501.mdb#2005MM", "2005MM"));
        assertTrue(e.getMessage().startsWith("data200501.mdb#2005MM: the database has no table '2005MM' (it has "),
                e.getMessage());
        Path bad = Files.write(tmp.resolve("x.mdb"), new byte[4096]);
        e = assertThrows(QuexException.class, () -> AccessRecords.tables(bad, "x.mdb"));
        assertTrue(e.getMessage().startsWith("x.mdb: not a readable Access database ("), e.getMessage());
    }
}
