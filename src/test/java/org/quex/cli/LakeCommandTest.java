package org.quex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.CommandRun;
import org.quex.SparkTestSession;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.dta.StataDta;
import org.quex.lake.LakeTables;
import org.quex.lake.RunManifest;
import org.quex.lake.schema.SourceSchema;

/**
 * {@code lake list} and {@code lake export} on a small lake this test writes by hand: a few rows per
 * table location of LakeTables (raw with Chinese text, quotes, commas and nulls; Customs by month;
 * the panel; an unpartitioned table; a list column), with two ingest manifests for one year.
 */
class LakeCommandTest {
    @TempDir
    static Path dir;
    static LakeTables lake;

    static final StructType ASIF = SourceSchema.of("asif").structType();
    static final StructType CUSTOMS = SourceSchema.of("customs").structType();
    static final StructType PANEL = DataTypes.createStructType(List.of(
            DataTypes.createStructField("firm_id", DataTypes.StringType, true),
            DataTypes.createStructField("firm_name", DataTypes.StringType, true),
            DataTypes.createStructField("ex", DataTypes.IntegerType, true),
            DataTypes.createStructField("qu", DataTypes.IntegerType, true),
            DataTypes.createStructField("tfp", DataTypes.DoubleType, true),
            DataTypes.createStructField("employees", DataTypes.LongType, true),
            DataTypes.createStructField("year", DataTypes.IntegerType, true)));

    /** A quarantined line of 3,000 UTF-8 bytes: more than a Stata str2045 holds. */
    static final String LONG_LINE = "甲".repeat(1000);
    /** One more than 2^53: a bigint no Stata double holds exactly. */
    static final long BEYOND_DOUBLE = (1L << 53) + 1;

    /** Firm 1001's name holds a quote, a comma and Chinese; firm 1002 has most values missing. */
    static final String QUOTED_NAME = "北京\"华夏\",电子有限公司";

    @BeforeAll
    static void writeLake() throws Exception {
        SparkSession spark = SparkTestSession.get();
        lake = new LakeTables(dir.resolve("lake").toString());
        write(spark, ASIF, List.of(
                asif("1001", QUOTED_NAME, "0101", 120L, 35000L, 2007, 2),
                asif("1002", "上海 浦东 贸易公司", null, null, null, 2007, 3),
                asif("1003", "line\nbreak", "1310", 8L, 12L, 2007, 4),
                asif("1001", QUOTED_NAME, "0101", 130L, 36000L, 2008, 2),
                asif("1004", "Ningbo Plastics Co.", "2927", 45L, 9000L, 2008, 3)),
                lake.raw("asif"), "year");
        write(spark, CUSTOMS, List.of(
                customs("C1", "广州出口公司", "85171100", 1234.5, 2007, 1),
                customs("C1", "广州出口公司", "85171200", 1.0E10, 2007, 1),
                customs("C2", null, "61091000", Double.NaN, 2007, 2)),
                lake.raw("customs"), "year", "month");
        write(spark, SourceSchema.of("honours").structType(), List.of(
                row(SourceSchema.of("honours").structType(), Map.of("firm_name", "杭州名牌公司", "year_obtained", 2006,
                        "honour", "中国名牌", "source_file", "honours.csv", "source_line", 2L, "year", 2008))),
                lake.raw("honours"), "year");
        StructType quarantine = DataTypes.createStructType(List.of(
                DataTypes.createStructField("file", DataTypes.StringType, false),
                DataTypes.createStructField("line", DataTypes.LongType, false),
                DataTypes.createStructField("raw_text", DataTypes.StringType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("year", DataTypes.IntegerType, false)));
        write(spark, quarantine, List.of(RowFactory.create("asif_2007.csv", 7L, "1005,,x", "firm_name missing", 2007),
                RowFactory.create("asif_2007.csv", 9L, LONG_LINE, "too many fields", 2007)),
                lake.quarantine("asif"), "year");
        StructType rejected = DataTypes.createStructType(List.of(
                DataTypes.createStructField("firm_id", DataTypes.StringType, true),
                DataTypes.createStructField("rules", DataTypes.createArrayType(DataTypes.StringType, false), true),
                DataTypes.createStructField("rule", DataTypes.StringType, true),
                DataTypes.createStructField("year", DataTypes.IntegerType, true)));
        write(spark, rejected, List.of(
                RowFactory.create("1003", List.of("employees_lt_8", "sales_lt_5m"), "employees_lt_8", 2007)),
                lake.cleanRejected("asif"), "year");
        write(spark, PANEL, List.of(
                RowFactory.create("1001", QUOTED_NAME, 1, 3, 0.125, 120L, 2007),
                RowFactory.create("1004", "宁波塑料", 0, null, -1.5, 45L, 2007),
                RowFactory.create("1001", QUOTED_NAME, 1, 4, 0.25, 130L, 2008)),
                lake.panelFirmYear(), "year");
        StructType summary = DataTypes.createStructType(List.of(
                DataTypes.createStructField("variable", DataTypes.StringType, false),
                DataTypes.createStructField("mean", DataTypes.DoubleType, true),
                DataTypes.createStructField("n", DataTypes.LongType, true)));
        write(spark, summary, List.of(RowFactory.create("tfp", 0.0, 3L), RowFactory.create("ex", 0.5, BEYOND_DOUBLE)),
                lake.panelSummary());
        StructType links = DataTypes.createStructType(List.of(
                DataTypes.createStructField("customs_firm_code", DataTypes.StringType, true),
                DataTypes.createStructField("asif_firm_id", DataTypes.StringType, true),
                DataTypes.createStructField("by_phone", DataTypes.BooleanType, true),
                DataTypes.createStructField("year", DataTypes.IntegerType, true)));
        write(spark, links, List.of(RowFactory.create("C1", "1001", false, 2007), RowFactory.create("C2", "1004", true, 2007),
                RowFactory.create("C3", null, null, 2007)), lake.matchLinks(), "year");
        StructType firmYear = DataTypes.createStructType(List.of(
                DataTypes.createStructField("firm_code", DataTypes.StringType, true),
                DataTypes.createStructField("export_value_usd_of_the_firm_in_the_year", DataTypes.DoubleType, true),
                DataTypes.createStructField("year", DataTypes.IntegerType, true)));
        write(spark, firmYear, List.of(RowFactory.create("C1", 1.0, 2007)), lake.customsFirmYear(), "year");

        // one run over a pooled file wrote 2005-2008 (its manifest is named by the range), then two
        // ingest runs of ASIF 2007: list takes the latest manifest whose years hold the year
        RunManifest pooled = new RunManifest("ingest", Map.of());
        pooled.addInput("/data/asif/all9807finalruiliyong14.dta", 10, "0",
                Map.of("scheme", "pernet_pooled_en", "format", "stata", "rows_read", 9));
        pooled.write(new org.apache.hadoop.conf.Configuration(), lake, "asif-2005-2008");
        Thread.sleep(5);
        RunManifest older = new RunManifest("ingest", Map.of());
        older.addInput("/data/old/asif_2007.csv", 10, "0", Map.of("scheme", "nbs_chinese_2004", "format", "delimited"));
        older.write(new org.apache.hadoop.conf.Configuration(), lake, "asif-2007");
        Thread.sleep(5);
        RunManifest newer = new RunManifest("ingest", Map.of());
        newer.addInput("/data/asif/asif_2007.zip!/asif_2007_a.dta", 10, "0",
                Map.of("scheme", "cie_abbrev", "format", "dta", "rows_read", 2));
        newer.addInput("/data/asif/asif_2007_b.xlsx#Sheet1", 10, "0",
                Map.of("scheme", "vendor_english", "format", "excel", "rows_read", 2));
        newer.write(new org.apache.hadoop.conf.Configuration(), lake, "asif-2007");
    }

    private static Row asif(String id, String name, String industry, Long employees, Long sales, int year, long line) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("firm_id", id);
        v.put("firm_name", name);
        v.put("industry_code", industry);
        v.put("employees", employees);
        v.put("sales", sales);
        v.put("source_file", "asif_" + year + ".csv");
        v.put("source_line", line);
        v.put("year", year);
        return row(ASIF, v);
    }

    private static Row customs(String code, String name, String hs, double value, int year, int month) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", "export");
        v.put("firm_code", code);
        v.put("firm_name", name);
        v.put("hs_code", hs);
        v.put("value_usd", value);
        v.put("source_file", "customs_" + year + String.format("%02d", month) + ".csv");
        v.put("source_line", 2L);
        v.put("year", year);
        v.put("month", month);
        return row(CUSTOMS, v);
    }

    /** A row of {@code schema} holding the given values and null elsewhere. */
    private static Row row(StructType schema, Map<String, Object> values) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(schema.fields()[i].name());
        }
        return RowFactory.create(out);
    }

    private static void write(SparkSession spark, StructType schema, List<Row> rows, org.apache.hadoop.fs.Path table,
                              String... partitions) {
        var writer = spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite);
        if (partitions.length > 0) {
            writer = writer.partitionBy(partitions);
        }
        writer.parquet(table.toString());
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** The cells of a line of the fixed-width listing (cells are separated by two or more spaces). */
    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split(" {2,}"));
    }

    @Test
    void listShowsEveryTableWithItsYearsRowsAndTheLatestIngestInputs() {
        CommandRun r = run("lake", "list", "--lake", lake.root());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("lake " + lake.root() + ": 9 tables", lines.get(0));
        assertEquals(List.of("table", "year", "rows", "months", "schemes", "formats", "inputs"), cells(lines.get(1)));
        List<List<String>> rows = lines.subList(2, lines.size()).stream().map(LakeCommandTest::cells).toList();
        assertEquals(List.of(
                List.of("raw/asif", "2007", "3", "cie_abbrev,vendor_english", "dta,excel",
                        "asif_2007.zip!/asif_2007_a.dta, asif_2007_b.xlsx#Sheet1"),
                List.of("raw/asif", "2008", "2", "pernet_pooled_en", "stata", "all9807finalruiliyong14.dta"),
                List.of("raw/customs", "2007", "3", "1-2"),
                List.of("raw/honours", "2008", "1"),
                List.of("quarantine/asif", "2007", "2"),
                List.of("clean/asif_rejected", "2007", "1"),
                List.of("clean/customs_firm_year", "2007", "1"),
                List.of("match/links", "2007", "3"),
                List.of("panel/firm_year", "2007", "2"),
                List.of("panel/firm_year", "2008", "1"),
                List.of("panel/summary", "all", "2")), rows);
    }

    @Test
    void listAsJsonHasTheSameCountsAndEveryInput() throws IOException {
        CommandRun r = run("lake", "list", "--lake", lake.root(), "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode tables = new ObjectMapper().readTree(r.out()).get("tables");
        assertEquals(9, tables.size());
        JsonNode asif = tables.get(0);
        assertEquals("raw/asif", asif.get("table").asText());
        assertEquals(5, asif.get("rows").asLong());
        assertTrue(asif.get("by_year").asBoolean());
        JsonNode y2007 = asif.get("years").get(0);
        assertEquals(2007, y2007.get("year").asInt());
        assertEquals(3, y2007.get("rows").asLong());
        JsonNode inputs = y2007.get("ingest").get("inputs");
        assertEquals(2, inputs.size());
        assertEquals("/data/asif/asif_2007.zip!/asif_2007_a.dta", inputs.get(0).get("path").asText());
        assertEquals("cie_abbrev", inputs.get(0).get("scheme").asText());
        assertEquals(2, inputs.get(0).get("rows_read").asLong());
        assertTrue(y2007.get("ingest").get("manifest").asText().contains("ingest-asif-2007-"));
        JsonNode y2008 = asif.get("years").get(1).get("ingest");
        assertEquals("pernet_pooled_en", y2008.get("inputs").get(0).get("scheme").asText(),
                "2008 from the manifest of the run that wrote 2005-2008");
        JsonNode customs = tables.get(1).get("years").get(0);
        assertEquals("[1,2]", customs.get("months").toString());
        assertTrue(customs.get("ingest") == null, "no manifest for Customs 2007");
        JsonNode summary = tables.get(8);
        assertEquals("panel/summary", summary.get("table").asText());
        assertEquals(false, summary.get("by_year").asBoolean());
        assertEquals("all", summary.get("years").get(0).get("year").asText());
    }

    /** RFC 4180 fields of a CSV text (quoted fields may hold commas, doubled quotes and line breaks). */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertTrue(field.length() == 0 && fields.isEmpty(), "the file ends with a line break");
        return records;
    }

    private static Map<String, String> record(List<String> header, List<String> fields) {
        assertEquals(header.size(), fields.size(), fields.toString());
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), fields.get(i));
        }
        return m;
    }

    @Test
    void csvExportHasTheCanonicalHeaderAndEveryValue() throws IOException {
        Path out = dir.resolve("csv-asif/asif_2007.csv");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "raw/asif", "--year", "2007",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("lake export raw/asif years 2007: 3 rows, " + ASIF.size() + " columns -> " + out + "\n", r.out());
        byte[] bytes = Files.readAllBytes(out);
        assertTrue(bytes[0] == 'f', "no byte-order mark");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("firm_id,firm_name,legal_person,"), text);
        assertTrue(text.contains("\n1001,\"北京\"\"华夏\"\",电子有限公司\",,"), text);
        List<List<String>> records = parseCsv(text);
        List<String> header = records.get(0);
        assertEquals(Arrays.asList(ASIF.fieldNames()), header);
        assertEquals(4, records.size());
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (List<String> rec : records.subList(1, records.size())) {
            Map<String, String> m = record(header, rec);
            byId.put(m.get("firm_id"), m);
        }
        Map<String, String> a = byId.get("1001");
        assertEquals(QUOTED_NAME, a.get("firm_name"));
        assertEquals("0101", a.get("industry_code"));
        assertEquals("120", a.get("employees"));
        assertEquals("35000", a.get("sales"));
        assertEquals("", a.get("phone"));
        assertEquals("asif_2007.csv", a.get("source_file"));
        assertEquals("2", a.get("source_line"));
        assertEquals("2007", a.get("year"));
        Map<String, String> b = byId.get("1002");
        assertEquals("上海 浦东 贸易公司", b.get("firm_name"));
        assertEquals("", b.get("industry_code"));
        assertEquals("", b.get("employees"));
        assertEquals("line\nbreak", byId.get("1003").get("firm_name"));
        assertEquals(List.of("asif_2007.csv"), list(out.getParent()), "no .crc or temporary files");
    }

    @Test
    void csvExportKeepsTheRowsAConditionSelectsAndWritesNumbersPlainly() throws IOException {
        Path out = dir.resolve("out/customs.csv");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "raw/customs", "--where",
                "firm_code = 'C1' AND month = 1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<List<String>> records = parseCsv(Files.readString(out));
        assertEquals(3, records.size());
        List<String> header = records.get(0);
        assertEquals(Arrays.asList(CUSTOMS.fieldNames()), header);
        List<String> values = records.subList(1, 3).stream().map(f -> record(header, f).get("value_usd")).sorted().toList();
        assertEquals(List.of("10000000000", "1234.5"), values);
        Path nan = dir.resolve("out/customs_c2.csv");
        assertEquals(0, run("lake", "export", "--lake", lake.root(), "--table", "raw/customs", "--where",
                "firm_code = 'C2'", "--out", nan.toString()).status());
        Map<String, String> c2 = record(header, parseCsv(Files.readString(nan)).get(1));
        assertEquals("", c2.get("value_usd"), "NaN is missing");
        assertEquals("", c2.get("firm_name"));
        assertEquals("2", c2.get("month"));
    }

    @Test
    void csvExportJoinsAListColumn() throws IOException {
        Path out = dir.resolve("out/rejected.csv");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "clean/asif_rejected", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("firm_id,rules,rule,year\n1003,employees_lt_8;sales_lt_5m,employees_lt_8,2007\n", Files.readString(out));
    }

    @Test
    void parquetExportIsOneFileThatReadsBackAsTheTable() throws IOException {
        Path out = dir.resolve("parquet-panel/panel.parquet");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "panel/firm_year", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("lake export panel/firm_year years 2007-2008: 3 rows, 7 columns -> " + out + "\n", r.out());
        assertEquals(List.of("panel.parquet"), list(out.getParent()), "one file, no .crc, no temporary directory");
        assertTrue(Files.isRegularFile(out));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> back = spark.read().parquet(out.toString());
        assertEquals(PANEL, back.schema());
        assertEquals(sorted(spark.read().parquet(lake.panelFirmYear().toString()).collectAsList()),
                sorted(back.collectAsList()));
        assertEquals("[1004,宁波塑料,0,null,-1.5,45,2007]",
                back.where("firm_id = '1004'").collectAsList().get(0).toString());
    }

    @Test
    void parquetExportOfSomeYearsAndNoRows() throws IOException {
        Path out = dir.resolve("parquet/asif_2008.parquet");
        assertEquals(0, run("lake", "export", "--lake", lake.root(), "--table", "raw/asif", "--year", "2008-2008",
                "--out", out.toString()).status());
        Dataset<Row> back = SparkTestSession.get().read().parquet(out.toString());
        assertEquals(List.of("1001", "1004"), back.select("firm_id").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList().stream().sorted().toList());
        assertEquals(ASIF, back.schema());
        Path none = dir.resolve("parquet/none.parquet");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "raw/asif", "--where", "firm_id = 'x'",
                "--out", none.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(0, SparkTestSession.get().read().parquet(none.toString()).count());
        assertEquals(ASIF, SparkTestSession.get().read().parquet(none.toString()).schema());
    }

    /** A .dta file read back with ingest's reader: the variable names, then each observation's values as text. */
    private static List<List<String>> readDta(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            StataDta dta = new StataDta(in, file.toString(), StandardCharsets.UTF_8,
                    org.quex.ingest.dta.SeekableStreamOpener.of(file)); // strLs lie after the data
            List<List<String>> out = new ArrayList<>();
            out.add(dta.variableNames());
            while (dta.hasNext()) {
                out.add(((AssembledRecord.Record) dta.next()).fields());
            }
            assertEquals(out.size() - 1, dta.observations());
            return out;
        }
    }

    @Test
    void stataExportReadsBackAsTheRows() throws IOException {
        Path out = dir.resolve("dta-asif/asif.dta");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "raw/asif", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> longs = SourceSchema.of("asif").columns().stream()
                .filter(c -> c.kind() == org.quex.lake.schema.ValueKind.LONG).map(c -> c.name()).toList();
        assertEquals("lake export raw/asif years 2007-2008: 5 rows, " + ASIF.size() + " columns -> " + out + "\n"
                + "  " + String.join(", ", longs) + ": bigint written as double (Stata has no 64-bit integer;"
                + " every value is within 2^53, so each is exact)\n", r.out());
        assertEquals(List.of("asif.dta"), list(out.getParent()));
        List<List<String>> dta = readDta(out);
        assertEquals(Arrays.asList(ASIF.fieldNames()), dta.get(0));
        assertEquals(6, dta.size());
        List<String> years = dta.subList(1, 6).stream().map(f -> record(dta.get(0), f).get("year")).toList();
        assertEquals(List.of("2007", "2007", "2007", "2008", "2008"), years, "year by year");
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        for (List<String> f : dta.subList(1, dta.size())) {
            Map<String, String> m = record(dta.get(0), f);
            byKey.put(m.get("firm_id") + "/" + m.get("year"), m);
        }
        Map<String, String> a = byKey.get("1001/2007");
        assertEquals(QUOTED_NAME, a.get("firm_name"));
        assertEquals("0101", a.get("industry_code"));
        assertEquals("120", a.get("employees"));
        assertEquals("35000", a.get("sales"));
        assertEquals("", a.get("phone"));
        assertEquals("2", a.get("source_line"));
        assertEquals("130", byKey.get("1001/2008").get("employees"));
        Map<String, String> b = byKey.get("1002/2007");
        assertEquals("上海 浦东 贸易公司", b.get("firm_name"));
        assertEquals("", b.get("employees"), "missing is Stata's .");
        assertEquals("", b.get("industry_code"));
        assertEquals("line\nbreak", byKey.get("1003/2007").get("firm_name"));
    }

    @Test
    void stataExportOfThePanelAndOfBooleans() throws IOException {
        Path out = dir.resolve("dta/panel.dta");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "panel/firm_year", "--year", "2007",
                "--where", "tfp < 1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<List<String>> dta = readDta(out);
        assertEquals(List.of("firm_id", "firm_name", "ex", "qu", "tfp", "employees", "year"), dta.get(0));
        assertEquals(List.of(List.of("1001", QUOTED_NAME, "1", "3", "0.125", "120", "2007"),
                List.of("1004", "宁波塑料", "0", "", "-1.5", "45", "2007")), sorted2(dta.subList(1, dta.size())));
        Path links = dir.resolve("dta/links.dta");
        assertEquals(0, run("lake", "export", "--lake", lake.root(), "--table", "match/links", "--out", links.toString())
                .status());
        assertEquals(List.of(List.of("C1", "1001", "0", "2007"), List.of("C2", "1004", "1", "2007"),
                List.of("C3", "", "", "2007")), sorted2(readDta(links).subList(1, 4)));
    }

    @Test
    void stataExportTakesLongTextAsStrL() throws IOException {
        Path out = dir.resolve("dta/quarantine.dta");
        CommandRun r = run("lake", "export", "--lake", lake.root(), "--table", "quarantine/asif", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  raw_text: strL (values of up to 3000 bytes, more than a str2045 holds)"), r.out());
        List<List<String>> dta = readDta(out);
        int rawText = dta.get(0).indexOf("raw_text");
        assertTrue(dta.subList(1, dta.size()).stream().anyMatch(row -> row.get(rawText).equals(LONG_LINE)),
                "the 3,000-byte line reads back whole from the strL section");
    }

    @Test
    void stataRefusesWhatItCannotHold() {
        String root = lake.root();
        assertError(1, "quex lake: error: table panel/summary: column n holds " + BEYOND_DOUBLE + ", beyond 2^53, the"
                + " largest integer a Stata double holds exactly (Stata has no 64-bit integer; export to .csv or .parquet)",
                "lake", "export", "--lake", root, "--table", "panel/summary", "--out", dir.resolve("s.dta").toString());
        assertError(1, "quex lake: error: table clean/customs_firm_year: column 'export_value_usd_of_the_firm_in_the_year'"
                + " is longer than Stata's 32 characters; Stata cannot take the table as it is (export to .csv or .parquet)",
                "lake", "export", "--lake", root, "--table", "clean/customs_firm_year", "--out",
                dir.resolve("f.dta").toString());
        assertTrue(!Files.exists(dir.resolve("s.dta")) && !Files.exists(dir.resolve("f.dta")));
    }

    @Test
    void csvExportKeepsLargeIntegersExact() throws IOException {
        Path out = dir.resolve("csv-summary/summary.csv");
        assertEquals(0, run("lake", "export", "--lake", lake.root(), "--table", "panel/summary", "--out", out.toString())
                .status());
        List<String> lines = Files.readAllLines(out);
        assertEquals("variable,mean,n", lines.get(0));
        assertEquals(List.of("ex,0.5," + BEYOND_DOUBLE, "tfp,0,3"), lines.subList(1, 3).stream().sorted().toList());
    }

    private static List<List<String>> sorted2(List<List<String>> rows) {
        return rows.stream().sorted(Comparator.comparing(Object::toString)).toList();
    }

    @Test
    void errorsAreOneLineNamingWhatExists() {
        String root = lake.root();
        assertError(1, "quex lake: error: lake " + root + " has no table 'raw/asfi'; it holds raw/asif, raw/customs,"
                + " raw/honours, quarantine/asif, clean/asif_rejected, clean/customs_firm_year, match/links, panel/firm_year,"
                + " panel/summary",
                "lake", "export", "--lake", root, "--table", "raw/asfi", "--out", dir.resolve("x.csv").toString());
        assertError(1, "quex lake: error: table raw/asif has no year 2009-2010; it holds 2007-2008",
                "lake", "export", "--lake", root, "--table", "raw/asif", "--year", "2008-2010", "--out",
                dir.resolve("x.csv").toString());
        assertError(1, "quex lake: error: table panel/summary is not partitioned by year; leave out --year (or use --where)",
                "lake", "export", "--lake", root, "--table", "panel/summary", "--year", "2007", "--out",
                dir.resolve("x.csv").toString());
        assertError(1, "quex lake: error: --out x.xlsx: the name must end in .csv, .dta or .parquet (it says the format)",
                "lake", "export", "--lake", root, "--table", "raw/asif", "--out", "x.xlsx");
        assertError(1, "quex lake: error: lake '" + dir.resolve("nolake") + "' does not exist",
                "lake", "list", "--lake", dir.resolve("nolake").toString());
        assertError(2, "quex lake: error: --out is an option of lake export, not of lake list (see quex lake --help)",
                "lake", "list", "--lake", root, "--out", "x.csv");
        assertError(2, "quex lake: error: expected one action, list or export; got show (see quex lake --help)",
                "lake", "show", "--lake", root);
        assertError(2, "quex lake: error: lake export needs --table and --out (see quex lake --help)",
                "lake", "export", "--lake", root, "--table", "raw/asif");
        CommandRun where = run("lake", "export", "--lake", root, "--table", "raw/asif", "--where", "employes > 8",
                "--out", dir.resolve("x.csv").toString());
        assertEquals(1, where.status());
        assertTrue(where.err().startsWith("quex lake: error: --where \"employes > 8\": ")
                && where.err().contains("employes") && where.err().lines().count() == 1, where.err());
        CommandRun syntax = run("lake", "export", "--lake", root, "--table", "raw/asif", "--where", "employees >",
                "--out", dir.resolve("x.csv").toString());
        assertEquals(1, syntax.status());
        assertTrue(syntax.err().startsWith("quex lake: error: --where \"employees >\": [PARSE_SYNTAX_ERROR]")
                && syntax.err().lines().count() == 1, syntax.err());
        assertTrue(!Files.exists(dir.resolve("x.csv")), "nothing written");
    }

    @Test
    void aTableWithoutFilesIsListedWithNoRowsAndNotExported() throws IOException {
        Path empty = dir.resolve("emptylake");
        Files.createDirectories(empty.resolve("panel/firm_year"));
        CommandRun r = run("lake", "list", "--lake", empty.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("panel/firm_year", "-", "0"), cells(r.out().lines().toList().get(2)));
        assertError(1, "quex lake: error: table panel/firm_year holds no rows (no Parquet files under "
                + empty.resolve("panel/firm_year") + ")", "lake", "export", "--lake", empty.toString(), "--table",
                "panel/firm_year", "--out", dir.resolve("e.csv").toString());
    }

    private static void assertError(int status, String line, String... args) {
        CommandRun r = run(args);
        assertEquals(status, r.status(), r.err());
        assertEquals(line + "\n", r.err());
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted(Comparator.naturalOrder()).toList();
    }
}
