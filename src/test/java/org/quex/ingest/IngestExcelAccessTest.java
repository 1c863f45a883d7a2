package org.quex.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.DateTimeType;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.schema.SourceSchema;

/**
 * Deliveries as workbooks and databases, written by this test with POI and Jackcess from the real
 * header lists in src/test/resources/real_layouts, ingested into a lake and read back: Lu's monthly
 * Customs .mdb files of 2005 (English header, CompanyType or companyType by month, Chinese header in
 * December) and 2006 (var18, amounts as text), a 2010 ASIF .xlsx in the landsat scheme and a 2007
 * ASIF .xls in the CIE abbreviations split over two sheets.
 */
class IngestExcelAccessTest {
    /** The fixtures are a few rows with a defect each: the quarantine share must not stop the run. */
    static final QualityRules LOOSE = new QualityRules(0.9, 0.0, 0.01, 0.5, 0.99, 0.5, 0.5);
    static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    /** The raw names of a real list that cover {@code year} and whose meaning passes {@code meaning}, in list order. */
    static List<Map<String, String>> realColumns(String list, int year, Predicate<String> meaning) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (Map<String, String> r : CsvTable.resource("real_layouts/" + list + ".csv").rows()) {
            boolean covers = r.get("year_from").isEmpty()
                    || Integer.parseInt(r.get("year_from")) <= year && year <= Integer.parseInt(r.get("year_to"));
            // the researcher's own geocoding and merges are not delivery columns
            if (covers && meaning.test(r.get("meaning")) && !r.get("meaning").contains("[added by the repository author")) {
                byName.putIfAbsent(r.get("raw_name"), r);
            }
        }
        return new ArrayList<>(byName.values());
    }

    static IngestJob.Result ingest(String source, int year, Path input, String lake) {
        return IngestJob.run(spark, new IngestJob.Settings(source, year, List.of(input.toString()), lake, null, 20, LOOSE));
    }

    static Dataset<org.apache.spark.sql.Row> rawRows(String lake, String source, int year) {
        return PartitionedParquet.read(spark, new LakeTables(lake).raw(source), SourceSchema.of(source).structType())
                .filter(col("year").equalTo(year));
    }

    static List<org.apache.spark.sql.Row> quarantine(String lake, String source, int year) {
        return PartitionedParquet.read(spark, new LakeTables(lake).quarantine(source), IngestJob.QUARANTINE_SCHEMA)
                .filter(col("year").equalTo(year)).orderBy("file", "line").collectAsList();
    }

    static Dataset<org.apache.spark.sql.Row> row(String lake, String source, int year, String tableSuffix, long line) {
        Dataset<org.apache.spark.sql.Row> rows = rawRows(lake, source, year).filter(
                col("source_file").endsWith(tableSuffix).and(col("source_line").equalTo(line)));
        assertEquals(1, rows.count(), tableSuffix + " line " + line);
        return rows;
    }

    static Object value(Dataset<org.apache.spark.sql.Row> row, String column) {
        return row.select(column).first().get(0);
    }

    // ---- Access -------------------------------------------------------------------------------

    /**
     * One Access table: its columns are the list's raw names, typed {@code types} (TEXT otherwise);
     * each row gives values by raw name or by the list's canonical hint (null where not given).
     */
    static void accessTable(Database db, String table, List<Map<String, String>> cols, Map<String, DataType> types,
                            List<Map<String, Object>> rows) throws IOException {
        TableBuilder tb = new TableBuilder(table);
        for (Map<String, String> c : cols) {
            tb.addColumn(new ColumnBuilder(c.get("raw_name"), types.getOrDefault(c.get("raw_name"), DataType.TEXT)));
        }
        Table t = tb.toTable(db);
        for (Map<String, Object> values : rows) {
            Object[] row = new Object[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                String raw = cols.get(i).get("raw_name");
                row[i] = values.containsKey(raw) ? values.get(raw) : values.get(cols.get(i).get("canonical_hint"));
            }
            t.addRow(row);
        }
    }

    static Database create(Path file, Database.FileFormat format) throws IOException {
        Database db = new DatabaseBuilder(file).setFileFormat(format).create();
        db.setDateTimeType(DateTimeType.LOCAL_DATE_TIME);
        return db;
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void luCustoms2005MonthlyAccessFilesInThreeFormatsAndTwoHeaderLanguages() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("customs2005"));
        List<Map<String, String>> english = realColumns("lu_customs_monthly_mdb_2000_2006", 2005,
                m -> m.startsWith("[months 1-11"));
        Map<String, DataType> englishTypes = Map.of("shipment_date", DataType.SHORT_DATE_TIME, "value", DataType.DOUBLE,
                "quantity", DataType.DOUBLE, "valperunit", DataType.DOUBLE);
        try (Database db = create(dir.resolve("data200501.mdb"), Database.FileFormat.V2000)) {
            accessTable(db, "200501", english.stream().filter(c -> !c.get("raw_name").equals("companyType")).toList(),
                    englishTypes, List.of(
                            values("month", LocalDateTime.of(2005, 1, 15, 0, 0), "direction", "出口", "hs_code", "01012100",
                                    "hs", "马", "value_usd", 1250.5, "quantity", 10.0, "unit", "千克",
                                    "firm_code", "1201910123", "firm_name", "天津力达橡胶厂", "phone", "(022)78637209",
                                    "zip", "300000", "company_type", "国有企业", "country", "香港", "trade_mode", "一般贸易"),
                            values("month", LocalDateTime.of(2005, 1, 20, 9, 30), "direction", "进口", "hs_code", "84091000",
                                    "value_usd", 99.0, "quantity", 1.0, "firm_code", "3302240456",
                                    "firm_name", "宁波某进出口公司", "company_type", "外资企业", "country", "日本"),
                            values("month", LocalDateTime.of(2005, 1, 31, 0, 0), "direction", "转口", "hs_code", "01012100",
                                    "value_usd", 1.0, "firm_name", "转口的行"),
                            values("month", LocalDateTime.of(2004, 12, 31, 0, 0), "direction", "出口", "hs_code", "01012100",
                                    "value_usd", 1.0, "firm_name", "上月的行")));
        }
        try (Database db = create(dir.resolve("data200502.mdb"), Database.FileFormat.V2003)) {
            accessTable(db, "200502", english.stream().filter(c -> !c.get("raw_name").equals("CompanyType")).toList(),
                    englishTypes, List.of(values("month", LocalDateTime.of(2005, 2, 3, 0, 0), "direction", "出口",
                            "hs_code", "61091000", "value_usd", 5000.25, "firm_code", "3302240999",
                            "firm_name", "宁波某服装厂", "companyType", "私营企业", "country", "美国")));
            new TableBuilder("国别代码").addColumn(new ColumnBuilder("代码", DataType.TEXT))
                    .addColumn(new ColumnBuilder("国别名称", DataType.TEXT)).toTable(db).addRow("110", "香港");
            db.createLinkedTable("外部表", "other.mdb", "t");
        }
        try (Database db = create(dir.resolve("data200512.accdb"), Database.FileFormat.V2010)) {
            accessTable(db, "200512", realColumns("lu_customs_monthly_mdb_2000_2006", 2005,
                    m -> m.startsWith("[month 12 only")), Map.of("日期", DataType.SHORT_DATE_TIME, "HS编码", DataType.DOUBLE,
                    "金额", DataType.DOUBLE, "数量", DataType.DOUBLE, "企业编码", DataType.DOUBLE, "邮编", DataType.LONG),
                    List.of(values("日期", LocalDateTime.of(2005, 12, 9, 0, 0), "direction", "进口", "HS编码", 1012100.0,
                            "金额", 8633.5, "数量", 3.0, "企业编码", 8633950000.0, "firm_name", "北京某贸易公司",
                            "邮编", 50011, "company_type", "国有企业", "country", "德国")));
        }
        String lake = tmp.resolve("lake-customs2005").toString();
        List<Path> copies = temporaryCopies();
        byte[] before = Files.readAllBytes(dir.resolve("data200501.mdb"));
        IngestJob.Result r = ingest("customs", 2005, dir, lake);
        assertEquals(copies, temporaryCopies(), "the tasks' and the inspection's copies are deleted");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("data200501.mdb"))),
                "the delivery, read in place by the inspection, is not changed");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("data200501.mdb", "data200502.mdb", "data200512.accdb"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no lock file is left");
        }

        assertEquals("source=customs year=2005 read=5 written=4 quarantined=1", r.summaryLine("customs", 2005),
                "the row of 2004 is counted apart");
        Map<String, FileCounts> counts = new LinkedHashMap<>();
        for (IngestJob.FileResult f : r.files()) {
            counts.put(f.file().name().substring(f.file().name().lastIndexOf('/') + 1), f.counts());
            assertEquals("format", f.file().encodingSource());
        }
        assertEquals(Map.of("data200501.mdb#200501", new FileCounts(5, 4, 2, 1, 1, 0, 0),
                "data200502.mdb#200502", new FileCounts(2, 1, 1, 0, 0, 0),
                "data200512.accdb#200512", new FileCounts(2, 1, 1, 0, 0, 0)), counts);
        assertEquals(2, r.warnings().stream().filter(w -> w.contains("skipped")).count(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("data200502.mdb#国别代码: skipped: none of its 2 "
                + "columns is one a customs table needs (not a table of customs?)")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("data200502.mdb#外部表: skipped: a linked table (its "
                + "rows are in other.mdb)")), r.warnings().toString());

        var jan = row(lake, "customs", 2005, "data200501.mdb#200501", 2);
        assertEquals("export", value(jan, "direction"));
        assertEquals("1201910123", value(jan, "firm_code"));
        assertEquals("天津力达橡胶厂", value(jan, "firm_name"));
        assertEquals("国有企业", value(jan, "company_type"));
        assertEquals("01012100", value(jan, "hs_code"));
        assertEquals(1250.5, value(jan, "value_usd"));
        assertEquals(10.0, value(jan, "quantity"));
        assertEquals("千克", value(jan, "unit"));
        assertEquals("香港", value(jan, "country"));
        assertEquals("name_zh", value(jan, "country_format"));
        assertEquals("(022)78637209", value(jan, "phone"));
        assertEquals("300000", value(jan, "zip"));
        assertEquals("一般贸易", value(jan, "trade_mode"));
        assertEquals(1, value(jan, "month"), "from the date column");
        assertEquals("import", value(row(lake, "customs", 2005, "data200501.mdb#200501", 3), "direction"));
        var feb = row(lake, "customs", 2005, "data200502.mdb#200502", 2);
        assertEquals("私营企业", value(feb, "company_type"), "companyType, the other spelling");
        assertEquals(5000.25, value(feb, "value_usd"));
        assertEquals(2, value(feb, "month"));
        var dec = row(lake, "customs", 2005, "data200512.accdb#200512", 2);
        assertEquals("import", value(dec, "direction"));
        assertEquals("8633950000", value(dec, "firm_code"), "a 10-digit code stored as a number");
        assertEquals("01012100", value(dec, "hs_code"), "stored as the number 1012100");
        assertEquals("050011", value(dec, "zip"), "stored as the number 50011");
        assertEquals(8633.5, value(dec, "value_usd"));
        assertEquals("德国", value(dec, "country"));
        assertEquals(12, value(dec, "month"));

        var q = quarantine(lake, "customs", 2005);
        assertEquals(1, q.size());
        assertTrue(q.get(0).getString(0).endsWith("data200501.mdb#200501"), q.get(0).getString(0));
        assertEquals(4L, q.get(0).getLong(1));
        assertEquals("column direction (exp_or_imp): unknown direction code '转口' (expected 1/0, 进口/出口 or "
                + "import/export)", q.get(0).getString(3));
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new java.io.File(r.manifest()));
        assertEquals(2, manifest.get("skipped_tables").size());
        assertEquals("access", manifest.get("inputs").get(0).get("format").asText());
    }

    @Test
    void luCustoms2006WithVar18AndAmountsStoredAsText() throws Exception {
        Path file = tmp.resolve("200601cn.mdb");
        try (Database db = create(file, Database.FileFormat.V2003)) {
            accessTable(db, "200601", realColumns("lu_customs_monthly_mdb_2000_2006", 2006, m -> true),
                    Map.of("月度", DataType.LONG), List.of(
                            values("direction", "出口", "firm_code", "1201910123", "firm_name", "天津力达", "hs_code", "01012100",
                                    "var18", "香港", "金额", "12,345.5", "数量", "10", "trade_mode", "进料加工贸易", "月度", 200601),
                            values("direction", "进口", "firm_name", "乙", "hs_code", "84091000", "金额", "12O5.5", "月度", 200601),
                            values("direction", "进口", "firm_name", "丙", "hs_code", "84091000", "var18", "502", "金额", "99",
                                    "数量", "", "月度", 200601)));
        }
        String lake = tmp.resolve("lake-customs2006").toString();
        IngestJob.Result r = ingest("customs", 2006, file, lake);
        assertEquals("source=customs year=2006 read=3 written=2 quarantined=1", r.summaryLine("customs", 2006));
        assertEquals(new FileCounts(4, 3, 2, 1, 0, 0), r.files().get(0).counts());
        var a = row(lake, "customs", 2006, "200601cn.mdb#200601", 2);
        assertEquals(12345.5, value(a, "value_usd"), "text with a thousands separator");
        assertEquals(10.0, value(a, "quantity"));
        assertEquals("香港", value(a, "country"), "from the unnamed var18");
        assertEquals(1, value(a, "month"));
        var c = row(lake, "customs", 2006, "200601cn.mdb#200601", 4);
        assertEquals("502", value(c, "country"));
        assertEquals("customs_code", value(c, "country_format"));
        assertEquals(null, value(c, "quantity"));
        var q = quarantine(lake, "customs", 2006).get(0);
        assertEquals(3L, q.getLong(1));
        assertEquals("column value_usd (金额): not a number: '12O5.5'", q.getString(3));
    }

    /** The local copies Excel and Access readers make (LocalFile). */
    static List<Path> temporaryCopies() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("quex-input-")).sorted().toList();
        }
    }

    /**
     * A Customs month zipped with a document, next to an ASIF workbook: ingest reads the database
     * inside the zip as archive!/member#table, and run --raw's inventory finds both by content and
     * lists the sheets it does not read.
     */
    @Test
    void anAccessFileInsideAZipAndTheRawInventoryOfAWorkbook() throws Exception {
        Path mdb = tmp.resolve("zipped/data200503.mdb");
        Files.createDirectories(mdb.getParent());
        try (Database db = create(mdb, Database.FileFormat.V2003)) {
            accessTable(db, "200503", realColumns("lu_customs_monthly_mdb_2000_2006", 2005,
                    m -> m.startsWith("[months 1-11") && !m.contains("other capitalisation")),
                    Map.of("shipment_date", DataType.SHORT_DATE_TIME, "value", DataType.DOUBLE), List.of(
                            values("month", LocalDateTime.of(2005, 3, 1, 0, 0), "direction", "出口", "hs_code", "01012100",
                                    "value_usd", 10.0, "firm_name", "甲", "firm_code", "1201910123", "country", "香港"),
                            values("month", LocalDateTime.of(2005, 3, 2, 0, 0), "direction", "进口", "hs_code", "84091000",
                                    "value_usd", 20.0, "firm_name", "乙", "country", "日本")));
        }
        Path delivery = Files.createDirectories(tmp.resolve("delivery"));
        Path zip = delivery.resolve("海关2005.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("海关2005/data200503.mdb"));
            Files.copy(mdb, out);
            out.putNextEntry(new java.util.zip.ZipEntry("海关2005/说明.pdf"));
            out.write("%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        String lake = tmp.resolve("lake-zip").toString();
        IngestJob.Result r = ingest("customs", 2005, zip, lake);
        assertEquals(1, r.files().size());
        assertTrue(r.files().get(0).file().name().endsWith("海关2005.zip!/海关2005/data200503.mdb#200503"),
                r.files().get(0).file().name());
        assertEquals(new FileCounts(3, 2, 2, 0, 0, 0), r.files().get(0).counts());
        var a = row(lake, "customs", 2005, "data200503.mdb#200503", 2);
        assertEquals("1201910123", value(a, "firm_code"));
        assertEquals(3, value(a, "month"));
        assertEquals(20.0, value(row(lake, "customs", 2005, "data200503.mdb#200503", 3), "value_usd"));

        asie2010(delivery.resolve("asie2010.xlsx"), realColumns("landsat_asie2010", 2010, m -> true));
        RawInventory.Inventory inv = RawInventory.scan(new org.apache.hadoop.conf.Configuration(), delivery.toString(),
                null, List.of());
        assertEquals(1, inv.of("customs", 2005).size());
        assertTrue(inv.of("customs").get(0).file().name().endsWith("data200503.mdb#200503"));
        assertEquals(java.util.Set.of(3), inv.of("customs").get(0).months());
        assertEquals(1, inv.of("asif", 2010).size());
        assertTrue(inv.of("asif").get(0).file().name().endsWith("asie2010.xlsx#2010"));
        List<String> skipped = inv.skipped().stream().map(k -> k.path().substring(k.path().lastIndexOf('/') + 1) + ": "
                + k.reason()).sorted().toList();
        assertEquals(List.of("asie2010.xlsx#Sheet3: the sheet is empty",
                "asie2010.xlsx#说明: none of its 1 columns is one a asif table needs (not a table of asif?)",
                "说明.pdf: not a table ingest reads (.pdf)"), skipped);
    }

    // ---- Excel --------------------------------------------------------------------------------

    /** Writes a cell: numbers as numeric cells, anything else as text; null leaves no cell. */
    static void put(Row row, int i, Object v) {
        if (v instanceof Number n) {
            row.createCell(i).setCellValue(n.doubleValue());
        } else if (v != null) {
            row.createCell(i).setCellValue(v.toString());
        }
    }

    /** A sheet row of {@code header}: values by raw name or canonical hint, others a number of their own. */
    static void dataRow(Sheet s, int r, List<Map<String, String>> cols, Map<String, Object> values) {
        Row row = s.createRow(r);
        for (int i = 0; i < cols.size(); i++) {
            String raw = cols.get(i).get("raw_name");
            String hint = cols.get(i).get("canonical_hint");
            put(row, i, values.containsKey(raw) ? values.get(raw) : values.containsKey(hint) ? values.get(hint)
                    : (Object) (1000 + i));
        }
    }

    static void headerRow(Sheet s, int r, List<Map<String, String>> cols) {
        Row row = s.createRow(r);
        for (int i = 0; i < cols.size(); i++) {
            row.createCell(i).setCellValue(cols.get(i).get("raw_name"));
        }
    }

    static Path save(Workbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** The landsat 2010 scheme (178 columns, most of them extra), with a notes sheet and an empty sheet. */
    static Path asie2010(Path file, List<Map<String, String>> cols) throws IOException {
        Workbook wb = new XSSFWorkbook();
        wb.createSheet("说明").createRow(0).createCell(0).setCellValue("2010年规模以上工业企业，样本");
        Sheet s = wb.createSheet("2010");
        headerRow(s, 0, cols);
        dataRow(s, 1, cols, values("id", 1, "firm_id", 8633950000L, "firm_name", "天津力达橡胶厂", "industry_code", 610,
                "zip", 50011, "registration_type", "国有企业", "年末从业人员合计_总计", 120, "全部从业人员年平均人数", 100,
                "sales", 9000, "total_assets", 5000, "year", 2010, "phone", "022-78637209"));
        dataRow(s, 2, cols, values("id", 2, "firm_id", "91120000MA05K1234X", "firm_name", "乙公司", "industry_code", 1810,
                "zip", "300000", "registration_type", 173, "年末从业人员合计_总计", 55, "全部从业人员年平均人数", null,
                "sales", 20, "total_assets", 30, "year", 2010));
        CellStyle grey = wb.createCellStyle();
        grey.setFillForegroundColor((short) 22);
        s.createRow(3).createCell(0).setCellStyle(grey); // a blank row between rows
        dataRow(s, 4, cols, values("id", 3, "firm_id", "c", "firm_name", "丙", "year", 2010));
        s.getRow(4).createCell(cols.size()).setCellValue("注：数据有误"); // a note right of the table
        dataRow(s, 5, cols, values("id", 4, "firm_id", "d", "firm_name", "丁", "year", 2011));
        for (int r = 6; r < 12; r++) {
            s.createRow(r).createCell(2).setCellStyle(grey); // formatted, empty
        }
        wb.createSheet("Sheet3");
        return save(wb, file);
    }

    @Test
    void anAsif2010WorkbookInTheLandsatScheme() throws Exception {
        List<Map<String, String>> cols = realColumns("landsat_asie2010", 2010, m -> true);
        Path file = asie2010(tmp.resolve("asie2010.xlsx"), cols);
        String lake = tmp.resolve("lake-asif2010").toString();
        IngestJob.Result r = ingest("asif", 2010, file, lake);

        assertEquals("source=asif year=2010 read=4 written=2 quarantined=2", r.summaryLine("asif", 2010),
                "the row of 2011 is counted apart");
        assertEquals(1, r.files().size());
        InputFile f = r.files().get(0).file();
        assertTrue(f.name().endsWith("asie2010.xlsx#2010"), f.name());
        assertEquals(RawFormat.EXCEL, f.format());
        assertTrue(f.mapping().extras().size() > 100, "most landsat columns are extra: " + f.mapping().extras().size());
        assertEquals(new FileCounts(6, 5, 2, 2, 1, 0, 0), r.files().get(0).counts(),
                "rows 1-6 (one of 2011); the formatted 7-12 hold nothing");
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("asie2010.xlsx#说明: skipped: none of its 1 columns is "
                + "one a asif table needs (not a table of asif?)")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("asie2010.xlsx#Sheet3: skipped: the sheet is empty")),
                r.warnings().toString());

        var a = row(lake, "asif", 2010, "asie2010.xlsx#2010", 2);
        assertEquals("8633950000", value(a, "firm_id"), "an id stored as a number, not the row counter id");
        assertEquals("天津力达橡胶厂", value(a, "firm_name"));
        assertEquals("0610", value(a, "industry_code"));
        assertEquals("050011", value(a, "zip"));
        assertEquals("110", value(a, "registration_type"), "国有企业");
        assertEquals(100L, value(a, "employees"));
        assertEquals("average", value(a, "employees_measure"));
        assertEquals(9000L, value(a, "sales"));
        assertEquals(5000L, value(a, "total_assets"));
        assertEquals("022-78637209", value(a, "phone"));
        var b = row(lake, "asif", 2010, "asie2010.xlsx#2010", 3);
        assertEquals("91120000MA05K1234X", value(b, "firm_id"));
        assertEquals(55L, value(b, "employees"));
        assertEquals("year_end", value(b, "employees_measure"));
        assertEquals("173", value(b, "registration_type"));
        assertEquals("1810", value(b, "industry_code"));

        Map<Long, String> reasons = new java.util.TreeMap<>();
        for (var q : quarantine(lake, "asif", 2010)) {
            assertTrue(q.getString(0).endsWith("asie2010.xlsx#2010"), q.getString(0));
            reasons.put(q.getLong(1), q.getString(3));
        }
        assertEquals(Map.of(4L, "blank line",
                5L, "a value in column " + columnLetters(cols.size()) + ", beyond the header's " + cols.size() + " columns"),
                reasons);
    }

    /** Spreadsheet letters of a 0-based column. */
    static String columnLetters(int index) {
        String s = "";
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s = (char) ('A' + (i - 1) % 26) + s;
        }
        return s;
    }

    @Test
    void anAsif2007XlsSplitOverTwoSheetsInTheCieAbbreviations() throws Exception {
        List<Map<String, String>> cols = realColumns("lu_cie_abbrev_1998_2007", 2007, m -> true);
        Workbook wb = new HSSFWorkbook();
        for (String sheet : List.of("Sheet1", "Sheet2")) {
            Sheet s = wb.createSheet(sheet);
            headerRow(s, 0, cols);
            if (sheet.equals("Sheet1")) {
                dataRow(s, 1, cols, values("FRDM", 8633950000L, "EN", "天津力达橡胶厂", "year", 2007, "INDTYPE", 610,
                        "REGTYPE", "110", "PERSENG", 120, "SI", 9000, "TA", 5000));
                dataRow(s, 2, cols, values("FRDM", "060123456", "EN", "乙公司", "year", 2007, "INDTYPE", "1810",
                        "REGTYPE", 173, "PERSENG", 8, "SI", 12.5, "TA", 30));
            } else {
                dataRow(s, 1, cols, values("FRDM", "123", "EN", "丙", "year", 2007, "INDTYPE", 3311, "PERSENG", 1,
                        "SI", 1, "TA", 1));
            }
        }
        wb.createSheet("Sheet3");
        Path file = save(wb, tmp.resolve("cie2007.xls"));
        String lake = tmp.resolve("lake-asif2007").toString();
        IngestJob.Result r = ingest("asif", 2007, file, lake);

        assertEquals("source=asif year=2007 read=3 written=2 quarantined=1", r.summaryLine("asif", 2007));
        assertEquals(List.of("cie2007.xls#Sheet1", "cie2007.xls#Sheet2"), r.files().stream()
                .map(f -> f.file().name().substring(f.file().name().lastIndexOf('/') + 1)).toList());
        assertEquals(new FileCounts(3, 2, 1, 1, 0, 0), r.files().get(0).counts());
        assertEquals(new FileCounts(2, 1, 1, 0, 0, 0), r.files().get(1).counts());
        assertTrue(r.warnings().stream().anyMatch(w -> w.endsWith("cie2007.xls#Sheet3: skipped: the sheet is empty")));
        var a = row(lake, "asif", 2007, "cie2007.xls#Sheet1", 2);
        assertEquals("8633950000", value(a, "firm_id"));
        assertEquals("0610", value(a, "industry_code"));
        assertEquals("110", value(a, "registration_type"));
        assertEquals(120L, value(a, "employees"));
        assertEquals(9000L, value(a, "sales"));
        var c = row(lake, "asif", 2007, "cie2007.xls#Sheet2", 2);
        assertEquals("丙", value(c, "firm_name"));
        assertEquals("3311", value(c, "industry_code"));
        var q = quarantine(lake, "asif", 2007).get(0);
        assertEquals(3L, q.getLong(1));
        assertEquals("column sales (SI): not an integer: '12.5'", q.getString(3));
    }

    @Test
    void aSheetWithoutARequiredColumnFailsNamingFileSheetAndColumn() throws Exception {
        List<Map<String, String>> cols = new ArrayList<>(realColumns("landsat_asie2010", 2010, m -> true));
        cols.replaceAll(c -> c.get("raw_name").equals("资产总计") ? Map.of("raw_name", "资产总额", "canonical_hint", "")
                : c);
        Path file = asie2010(tmp.resolve("asie2010_bad.xlsx"), cols);
        String lake = tmp.resolve("lake-bad").toString();
        QuexException e = assertThrows(QuexException.class, () -> ingest("asif", 2010, file, lake));
        assertTrue(e.getMessage().contains("asie2010_bad.xlsx#2010: no column for total_assets; the catalogue knows "
                + "total_assets as "), e.getMessage());
        assertTrue(e.getMessage().contains("; columns of the file that map to nothing: B05, 省自治区直辖市,"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(Files.exists(Path.of(lake)), "nothing is written");

        Workbook notes = new XSSFWorkbook();
        notes.createSheet("说明").createRow(2).createCell(1).setCellValue("数据说明");
        notes.createSheet("Sheet2");
        Path onlyNotes = save(notes, tmp.resolve("notes.xlsx"));
        e = assertThrows(QuexException.class, () -> ingest("asif", 2010, onlyNotes, lake));
        assertTrue(e.getMessage().contains("notes.xlsx#说明: no column for firm_id"), e.getMessage());

        Workbook blank = new XSSFWorkbook();
        blank.createSheet("Sheet1");
        Path empty = save(blank, tmp.resolve("empty.xlsx"));
        e = assertThrows(QuexException.class, () -> ingest("asif", 2010, empty, lake));
        assertTrue(e.getMessage().endsWith("empty.xlsx: no sheet holds a table (" + empty.toUri().toString()
                .replace("file:///", "file:/") + "#Sheet1: the sheet is empty)"), e.getMessage());
    }
}
