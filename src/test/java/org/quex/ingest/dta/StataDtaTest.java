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
import org.quex.ingest.InputInspector;
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

    @Test
    void aStrLColumnFailsByName() {
        byte[] dta = DtaTestFile.write(118, ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, List.of("name", "year"),
                new int[] {DtaTestFile.STRL, DtaTestFile.INT}, List.<Object[]>of(new Object[] {null, 2000}));
        QuexException e = assertThrows(QuexException.class,
                () -> new StataDta(new ByteArrayInputStream(dta), "s.dta", StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith("s.dta: variable name is a strL"), e.getMessage());
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
                InputInspector.EMPLOYEES_ORDER, true);
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
}
