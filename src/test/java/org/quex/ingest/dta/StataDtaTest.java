package org.quex.ingest.dta;

import org.quex.lake.schema.SourceSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quex.stata.DtaWriter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.EncodingDetector;
import org.quex.ingest.FileCounts;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.ingest.FileIngestion;
import org.quex.ingest.IngestOutcome;
import org.quex.ingest.InputFile;
import org.quex.ingest.RawFormat;
import org.quex.ingest.RawTables;

class StataDtaTest {
    private static final List<String> HONOURS = List.of("企业名称", "获得年份", "荣誉名称", "省份", "有效期至");
    private static final int[] TYPES = {60, DtaTestFile.INT, 45, 15, DtaTestFile.DOUBLE};
    private static final List<Object[]> ROWS = List.of(
            new Object[] {"天津力达橡胶厂", 2008, "中国世界名牌产品", "天津市", 2013.0},
            new Object[] {"杭州东瑞制药集团有限公司", 2008, "省政府质量奖", "浙江省", null},
            new Object[] {"长沙嘉通", null, "省著名商标", "湖南省", 2012.5});

    private static List<String> read(byte[] dta, Charset codePage) {
        StataDta d = new StataDta(new ByteArrayInputStream(dta), "h.dta", codePage);
        assertEquals(HONOURS, d.variableNames());
        List<String> out = new ArrayList<>();
        d.forEachRemaining(r -> out.add(r.line() + ":" + ((AssembledRecord.Record) r).fields()));
        return out;
    }

    @Test
    void formats117To119InBothByteOrdersReadTheSameRecords() {
        List<String> expected = List.of("2:[天津力达橡胶厂, 2008, 中国世界名牌产品, 天津市, 2013]",
                "3:[杭州东瑞制药集团有限公司, 2008, 省政府质量奖, 浙江省, ]", "4:[长沙嘉通, , 省著名商标, 湖南省, 2012.5]");
        for (int release : new int[] {118, 119}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                byte[] dta = DtaTestFile.write(release, order, StandardCharsets.UTF_8, HONOURS, TYPES, ROWS);
                assertEquals(expected, read(dta, EncodingDetector.GB18030), release + " " + order);
            }
        }
        byte[] gbk117 = DtaTestFile.write(117, ByteOrder.BIG_ENDIAN, Charset.forName("GBK"), HONOURS, TYPES, ROWS);
        assertEquals(expected, read(gbk117, EncodingDetector.GB18030));
    }

    @Test
    void a117FileInAnotherCodePageFailsNamingTheObservationAndVariable() {
        byte[] gbk117 = DtaTestFile.write(117, ByteOrder.LITTLE_ENDIAN, Charset.forName("GBK"),
                List.of("firm", "year"), new int[] {20, DtaTestFile.INT}, List.<Object[]>of(new Object[] {"长沙嘉通", 2000}));
        StataDta d = new StataDta(new ByteArrayInputStream(gbk117), "a.dta", StandardCharsets.UTF_8);
        QuexException e = assertThrows(QuexException.class, d::next);
        assertEquals("a.dta, observation 1, variable firm: bytes that are not valid UTF-8; give the file's code page "
                + "with --encoding UTF-8|GBK|GB18030", e.getMessage());
    }

    /**
     * A 2007–11 Customs part as Lu and Pernet read them: Stata 117, names and strings in GB18030,
     * names with a leading underscore, direction, HS code and country stored as numbers (the HS
     * code lost its leading zero).
     */
    @Test
    void aCustomsPartOfTheStataDeliveryIsTypedThroughTheCatalogue() {
        List<String> names = List.of("_进口或出口", "_企业编码", "_经营单位", "_税号编码", "_起运国或目的国", "_金额",
                "_数量", "_贸易方式", "_日期", "_中转国");
        int[] types = {DtaTestFile.BYTE, 12, 30, DtaTestFile.LONG, DtaTestFile.INT, DtaTestFile.DOUBLE,
                DtaTestFile.DOUBLE, 20, DtaTestFile.LONG, 10};
        byte[] dta = DtaTestFile.write(117, ByteOrder.LITTLE_ENDIAN, Charset.forName("GB18030"), names, types, List.of(
                new Object[] {0, "1201910123", "天津力达橡胶厂", 1012100L, 502, 1250.5, 10.0, "一般贸易", 200703L, "香港"},
                new Object[] {1, "3302240456", "宁波某进出口公司", 84091000L, 142, 99.0, 1.0, "进料加工贸易", 200711L, ""}));
        StataDta header = new StataDta(new ByteArrayInputStream(dta), "tradedata_2007_1.dta", EncodingDetector.GB18030);
        org.quex.ingest.catalogue.HeaderMapping m = org.quex.ingest.catalogue.HeaderMapping.of(header.variableNames(),
                org.quex.ingest.catalogue.ColumnCatalogue.load("customs", null), "tradedata_2007_1.dta",
                org.quex.ingest.catalogue.ColumnCatalogue.DEFAULT_EMPLOYEES_ORDER, true);
        assertEquals(List.of("_中转国"), m.extras());
        InputFile file = new InputFile("tradedata_2007_1.dta", dta.length, RawFormat.STATA, "GB18030", "default", (char) 0,
                m, header.variableNames());
        SourceSchema schema = SourceSchema.of("customs");
        FileIngestion in = new FileIngestion(RawTables.open(new ByteArrayInputStream(dta), file, 20), file, schema, 2007);
        List<Object[]> rows = new ArrayList<>();
        in.forEachRemaining(o -> rows.add(((IngestOutcome.Typed) o).values()));
        assertEquals(2, rows.size());
        Object[] a = rows.get(0);
        assertEquals("export", a[schema.indexOf("direction")]);
        assertEquals("1201910123", a[schema.indexOf("firm_code")]);
        assertEquals("天津力达橡胶厂", a[schema.indexOf("firm_name")]);
        assertEquals("01012100", a[schema.indexOf("hs_code")], "the leading zero numeric storage dropped is back");
        assertEquals("502", a[schema.indexOf("country")]);
        assertEquals("customs_code", a[schema.indexOf("country_format")]);
        assertEquals(1250.5, a[schema.indexOf("value_usd")]);
        assertEquals(3, a[schema.indexOf("month")]);
        assertEquals("import", rows.get(1)[schema.indexOf("direction")]);
        assertEquals("84091000", rows.get(1)[schema.indexOf("hs_code")]);
        assertEquals(11, rows.get(1)[schema.indexOf("month")]);
        assertEquals(new FileCounts(3, 2, 2, 0, 0, 0), in.counts());
    }

    @Test
    void aDtaFileIsIngestedLikeACsvFile(@TempDir Path tmp) throws IOException {
        Path file = Files.write(tmp.resolve("honours.dta"),
                DtaTestFile.write(118, ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, HONOURS, TYPES, ROWS));
        String lake = tmp.resolve("lake").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("honours", 2013,
                List.of(file.toString()), lake, null, 20, new QualityRules(0.5, 0, 0.01, 0.5, 0.99, 0.5, 0.5)));
        assertEquals("source=honours year=2013 read=3 written=2 quarantined=1", r.summaryLine("honours", 2013));
        assertEquals("UTF-8", r.files().get(0).file().charsetName());
        List<String> rows = new ArrayList<>();
        for (Row row : PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("honours"),
                SourceSchema.of("honours").structType()).orderBy("source_line").collectAsList()) {
            rows.add(row.mkString("|"));
        }
        assertEquals(List.of("天津力达橡胶厂|2008|中国世界名牌产品|天津市|2013|" + file.toUri().toString().replace("file:///", "file:/") + "|2|2013",
                "杭州东瑞制药集团有限公司|2008|省政府质量奖|浙江省|null|" + file.toUri().toString().replace("file:///", "file:/") + "|3|2013"), rows);
        Row q = PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).quarantine("honours"),
                IngestJob.QUARANTINE_SCHEMA).first();
        assertEquals("column expiry_year (有效期至): not an integer: '2012.5'", q.getString(q.fieldIndex("reason")));
    }
    /** The Lu/Pernet Customs part columns (real_layouts/lu_pernet_customs_dta_parts_2007_2011.csv), coded ones labelled. */
    private static final List<String> CUSTOMS_PART = List.of("_进口或出口", "_企业编码", "_经营单位", "_企业性质", "_税号编码",
            "_起运国或目的国", "_金额", "_数量", "_贸易方式", "_日期", "_消费地进口or生产地出口", "_海关口岸", "_中转国");
    private static final Map<String, Map<Integer, String>> CUSTOMS_LABELS = Map.of(
            "dir", Map.of(1, "进口", 0, "出口"),
            "firmtype", Map.of(1, "国有企业", 3, "外商独资企业"),
            "mode", Map.of(10, "一般贸易", 14, "来料加工装配贸易"));

    private static List<Object[]> customsRows(int month, int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {i % 2, String.valueOf(1201910123L + i), "天津力达橡胶厂" + i, i % 3 == 0 ? 1 : 3,
                    i % 2 == 0 ? 1012100 : 84091000, i % 2 == 0 ? 502 : 142, 1000.5 + i, 10.0 * i, i % 4 == 0 ? 14 : 10,
                    200700 + month, "天津", "新港海关", ""});
        }
        return rows;
    }

    /**
     * Customs 2007 as delivered: one part saved by Stata 13 (117, written by DtaWriter), one by
     * Stata 12 (115, built byte by byte), both in GB18030 with value labels on direction, company
     * type and trade mode; through the whole ingest job: labels become their text and are typed.
     */
    @Test
    void customsPartsOf117And115WithValueLabelsAreIngested(@TempDir Path tmp) throws IOException {
        List<String> delivered = new ArrayList<>();
        for (Map<String, String> c : org.quex.CsvTable.resource("real_layouts/lu_pernet_customs_dta_parts_2007_2011.csv").rows()) {
            if (Integer.parseInt(c.get("year_from")) <= 2007 && 2007 <= Integer.parseInt(c.get("year_to"))) {
                delivered.add(c.get("raw_name"));
            }
        }
        assertEquals(delivered, CUSTOMS_PART, "the part has the columns of the real list, in its order");
        Path dir = Files.createDirectories(tmp.resolve("customs2007"));
        List<DtaWriter.Variable> vars = new ArrayList<>();
        DtaWriter.Type[] types = {DtaWriter.Type.BYTE, DtaWriter.Type.str(10), DtaWriter.Type.str(40), DtaWriter.Type.BYTE,
                DtaWriter.Type.LONG, DtaWriter.Type.INT, DtaWriter.Type.DOUBLE, DtaWriter.Type.DOUBLE, DtaWriter.Type.BYTE,
                DtaWriter.Type.LONG, DtaWriter.Type.str(20), DtaWriter.Type.str(20), DtaWriter.Type.str(10)};
        String[] labels = {"dir", null, null, "firmtype", null, null, null, null, "mode", null, null, null, null};
        for (int i = 0; i < CUSTOMS_PART.size(); i++) {
            vars.add(new DtaWriter.Variable(CUSTOMS_PART.get(i), types[i], null, labels[i]));
        }
        List<Object[]> part1 = customsRows(3, 40);
        try (DtaWriter w = DtaWriter.open(Files.newOutputStream(dir.resolve("tradedata_2007_1.dta")), 117,
                Charset.forName("GB18030"), vars, part1.size(), CUSTOMS_LABELS)) {
            part1.forEach(w::writeRow);
        }
        List<Object[]> part2 = customsRows(11, 25);
        int[] oldTypes = {OldDtaTestFile.BYTE, 10, 40, OldDtaTestFile.BYTE, OldDtaTestFile.LONG, OldDtaTestFile.INT,
                OldDtaTestFile.DOUBLE, OldDtaTestFile.DOUBLE, OldDtaTestFile.BYTE, OldDtaTestFile.LONG, 20, 20, 10};
        Files.write(dir.resolve("tradedata_2007_2.dta"), OldDtaTestFile.write(115, ByteOrder.BIG_ENDIAN,
                Charset.forName("GB18030"), CUSTOMS_PART, oldTypes, labels, CUSTOMS_LABELS, part2));

        String lake = tmp.resolve("lake").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("customs", 2007,
                List.of(dir.toString()), lake, null, 20, QualityRules.DEFAULTS));
        assertEquals("source=customs year=2007 read=65 written=65 quarantined=0", r.summaryLine("customs", 2007));
        SourceSchema schema = SourceSchema.of("customs");
        List<Row> rows = PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("customs"),
                schema.structType()).orderBy("source_file", "source_line").collectAsList();
        assertEquals(65, rows.size());
        String cols = "direction,firm_code,firm_name,company_type,hs_code,country,country_format,value_usd,quantity,"
                + "trade_mode,customs_port,source_line,month";
        assertEquals("export|1201910123|天津力达橡胶厂0|国有企业|01012100|502|customs_code|1000.5|0.0|来料加工装配贸易|新港海关|2|3",
                pick(rows.get(0), cols));
        assertEquals("import|1201910124|天津力达橡胶厂1|外商独资企业|84091000|142|customs_code|1001.5|10.0|一般贸易|新港海关|3|3",
                pick(rows.get(1), cols));
        assertEquals("export|1201910147|天津力达橡胶厂24|国有企业|01012100|502|customs_code|1024.5|240.0|来料加工装配贸易|新港海关|26|11",
                pick(rows.get(64), cols), "the last observation of the 115 part");
        assertTrue(rows.get(64).getString(rows.get(64).fieldIndex("source_file")).endsWith("tradedata_2007_2.dta"));
    }

    private static String pick(Row row, String columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns.split(",")) {
            out.add(String.valueOf((Object) row.get(row.fieldIndex(c))));
        }
        return String.join("|", out);
    }

    /**
     * An ASIF file as the pooled delivery names its columns (real_layouts/pernet_asif_pooled_1998_2007.csv),
     * saved by Stata 14+ (118): firm names and addresses as strL, the registration type coded with a
     * value label (110 国有企业, 330 外资（独资）企业; 159 has no label and stays the code).
     */
    @Test
    void anAsif118FileWithStrLsAndValueLabelsIsIngested(@TempDir Path tmp) throws IOException {
        List<DtaWriter.Variable> vars = List.of(new DtaWriter.Variable("firm", DtaWriter.Type.str(9)),
                new DtaWriter.Variable("year", DtaWriter.Type.INT), new DtaWriter.Variable("name", DtaWriter.Type.STRL, "企业名称", null),
                new DtaWriter.Variable("village", DtaWriter.Type.STRL), new DtaWriter.Variable("zip", DtaWriter.Type.str(6)),
                new DtaWriter.Variable("cic", DtaWriter.Type.INT), new DtaWriter.Variable("type", DtaWriter.Type.INT, "登记注册类型", "regtype"),
                new DtaWriter.Variable("setup", DtaWriter.Type.INT), new DtaWriter.Variable("employ", DtaWriter.Type.LONG),
                new DtaWriter.Variable("sales", DtaWriter.Type.DOUBLE), new DtaWriter.Variable("toasset", DtaWriter.Type.DOUBLE));
        Map<String, Map<Integer, String>> labels = Map.of("regtype", Map.of(110, "国有企业", 330, "外资（独资）企业"));
        Path f = tmp.resolve("asif_2005.dta");
        try (DtaWriter w = DtaWriter.open(f, new DtaWriter.Layout(118, null, vars, 3, labels))) {
            w.writeRow(new Object[] {"100000001", 2005, "天津力达橡胶厂", "天津市西青区杨柳青镇", "300380", 610, 110, 1958, 1200L, 56000.0, 81000.0});
            w.writeRow(new Object[] {"100000002", 2005, "杭州东瑞制药集团有限公司", "", "310000", 2710, 330, 0, 300L, 9000.0, 12000.0});
            w.writeRow(new Object[] {"100000003", 2005, "长沙嘉通", "湖南省长沙市", "410000", 1810, 159, 1999, 45L, 800.0, 950.0});
        }
        String lake = tmp.resolve("lake").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", 2005,
                List.of(f.toString()), lake, null, 20, new QualityRules(0.5, 0, 0.01, 0.5, 0.99, 0.5, 0.5)));
        assertEquals("source=asif year=2005 read=3 written=3 quarantined=0", r.summaryLine("asif", 2005));
        List<Row> rows = PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("asif"),
                SourceSchema.of("asif").structType()).orderBy("source_line").collectAsList();
        String cols = "firm_id,firm_name,address,zip,industry_code,registration_type,founding_year,employees,sales,"
                + "total_assets,source_line";
        assertEquals("100000001|天津力达橡胶厂|天津市西青区杨柳青镇|300380|0610|110|1958|1200|56000|81000|2", pick(rows.get(0), cols));
        assertEquals("100000002|杭州东瑞制药集团有限公司|null|310000|2710|330|null|300|9000|12000|3", pick(rows.get(1), cols));
        assertEquals("100000003|长沙嘉通|湖南省长沙市|410000|1810|159|1999|45|800|950|4", pick(rows.get(2), cols));
    }
}
