package org.quex.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.ingest.EncodingDetector;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.ingest.dta.DtaTestFile;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.schema.SourceSchema;

/**
 * Deliveries as they come: Customs 2007 parts in a zip made on Chinese Windows, ASIF in every other
 * container; headers from the real lists in src/test/resources/real_layouts. Real archives, real
 * Spark, real lake.
 */
class ArchiveIngestTest {
    private static final Charset GB18030 = EncodingDetector.GB18030;
    private static final QualityRules LOOSE = new QualityRules(0.5, 0, 0.01, 0.5, 0.99, 0.5, 0.5);

    /** The raw names of a real list that cover {@code year}, in list order. */
    private static List<String> realHeader(String list, int year) {
        List<String> names = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource("real_layouts/" + list + ".csv").rows()) {
            if (Integer.parseInt(r.get("year_from")) <= year && year <= Integer.parseInt(r.get("year_to"))
                    && !names.contains(r.get("raw_name"))) {
                names.add(r.get("raw_name"));
            }
        }
        return names;
    }

    private static final List<String> CUSTOMS_2007 = realHeader("lu_pernet_customs_dta_parts_2007_2011", 2007);

    /** Stata types of the 2007 Customs part variables, in list order: numbers where the delivery stores numbers. */
    private static final int[] CUSTOMS_TYPES = {DtaTestFile.BYTE, 12, 30, 20, DtaTestFile.LONG, DtaTestFile.INT,
            DtaTestFile.DOUBLE, DtaTestFile.DOUBLE, 20, DtaTestFile.LONG, 20, 20, 10};

    private static byte[] customsPart1() {
        assertEquals(List.of("_进口或出口", "_企业编码", "_经营单位", "_企业性质", "_税号编码", "_起运国或目的国", "_金额",
                "_数量", "_贸易方式", "_日期", "_消费地进口or生产地出口", "_海关口岸", "_中转国"), CUSTOMS_2007);
        return DtaTestFile.write(117, ByteOrder.LITTLE_ENDIAN, GB18030, CUSTOMS_2007, CUSTOMS_TYPES, List.of(
                new Object[] {0, "1201910123", "天津力达橡胶厂", "国有企业", 1012100L, 502, 1250.5, 10.0, "一般贸易", 200703L,
                        "天津", "新港海关", "香港"},
                new Object[] {1, "3302240456", "宁波某进出口公司", "外商独资企业", 84091000L, 142, 99.0, 1.0, "进料加工贸易",
                        200711L, "宁波", "北仑海关", ""}));
    }

    /** The same columns as a semicolon-separated GB18030 text export; a firm name holds a comma. */
    private static byte[] customsPart2() {
        return (String.join(";", CUSTOMS_2007) + "\r\n"
                + "0;4403060789;深圳华强电子有限公司,福田分公司;私营企业;85423100;116;3500;200;一般贸易;200708;深圳;皇岗海关;\r\n"
                + "1;4403060790;深圳某贸易公司;私营企业;3021100;303;abc;5;一般贸易;200709;深圳;皇岗海关;\r\n"
                + "1;1101080001;北京某科技公司;外商独资企业;90183900;304;780.25;3;进料加工贸易;200712;北京;首都机场海关;\r\n")
                .getBytes(GB18030);
    }

    @Test
    void customs2007DeliveredAsAChineseWindowsZipIsReadInPlaceWithEveryEntryAccountedFor(@TempDir Path tmp)
            throws Exception {
        SparkTestSession.get();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("海关数据2007/", new byte[0]);
        entries.put("海关数据2007/tradedata_2007_1.dta", customsPart1());
        entries.put("海关数据2007/tradedata_2007_2.csv", customsPart2());
        entries.put("海关数据2007/说明.pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("海关数据2007/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        entries.put("__MACOSX/海关数据2007/._tradedata_2007_1.dta", new byte[] {0, 5, 22, 7});
        Path zip = ArchiveFixtures.zip(Files.createDirectories(tmp.resolve("delivery")).resolve("海关2007.zip"),
                Charset.forName("GBK"), false, entries);
        String lake = tmp.resolve("lake").toString();
        List<String> printed = command(0, "ingest", "--source", "customs", "--year", "2007", "--input",
                tmp.resolve("delivery").toString(), "--lake", lake, "--max-quarantine-share", "0.5");

        String archive = "file:" + zip;
        String part1 = archive + "!/海关数据2007/tradedata_2007_1.dta";
        String part2 = archive + "!/海关数据2007/tradedata_2007_2.csv";
        assertEquals("source=customs year=2007 read=5 written=4 quarantined=1", printed.get(printed.size() - 1));
        assertTrue(printed.contains("file " + part1 + ": GB18030 (default), scheme lu_pernet_dta_parts, read=2 written=2 "
                + "quarantined=0"), printed.toString());
        assertTrue(printed.contains("file " + part2 + ": GB18030 (detected), scheme lu_pernet_dta_parts, read=3 written=2 "
                + "quarantined=1"), printed.toString());
        List<String> skipped = printed.stream().filter(l -> l.startsWith("skipped ")).toList();
        assertEquals(List.of("skipped " + archive + "!/海关数据2007/: directory",
                "skipped " + archive + "!/海关数据2007/说明.pdf: not a table ingest reads (.pdf)",
                "skipped " + archive + "!/海关数据2007/.DS_Store: macOS metadata (.DS_Store)",
                "skipped " + archive + "!/__MACOSX/海关数据2007/._tradedata_2007_1.dta: macOS metadata (__MACOSX/)"), skipped);

        List<String> rows = new ArrayList<>();
        for (Row r : PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("customs"),
                SourceSchema.of("customs").structType()).orderBy("source_file", "source_line").collectAsList()) {
            rows.add(String.join("|", r.getAs("source_file").toString().substring(archive.length()),
                    r.getAs("source_line").toString(), r.getAs("direction"), r.getAs("firm_code"), r.getAs("firm_name"),
                    r.getAs("hs_code"), r.getAs("country"), r.getAs("value_usd").toString(), r.getAs("trade_mode"),
                    r.getAs("customs_port"), r.getAs("month").toString()));
        }
        assertEquals(List.of(
                "!/海关数据2007/tradedata_2007_1.dta|2|export|1201910123|天津力达橡胶厂|01012100|502|1250.5|一般贸易|新港海关|3",
                "!/海关数据2007/tradedata_2007_1.dta|3|import|3302240456|宁波某进出口公司|84091000|142|99.0|进料加工贸易|北仑海关|11",
                "!/海关数据2007/tradedata_2007_2.csv|2|export|4403060789|深圳华强电子有限公司,福田分公司|85423100|116|3500.0|一般贸易|皇岗海关|8",
                "!/海关数据2007/tradedata_2007_2.csv|4|import|1101080001|北京某科技公司|90183900|304|780.25|进料加工贸易|首都机场海关|12"),
                rows);
        Row q = PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).quarantine("customs"),
                IngestJob.QUARANTINE_SCHEMA).first();
        assertEquals(part2 + "|3", q.getString(q.fieldIndex("file")) + "|" + q.getLong(q.fieldIndex("line")));
        assertEquals("column value_usd (_金额): not a number: 'abc'", q.getString(q.fieldIndex("reason")));

        JsonNode manifest = new ObjectMapper().readTree(Files.readString(Path.of(printed.stream()
                .filter(l -> l.startsWith("manifest ")).findFirst().orElseThrow().substring("manifest ".length()))));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
        List<String> inputs = new ArrayList<>();
        for (JsonNode in : manifest.get("inputs")) {
            inputs.add(in.get("path").asText() + " " + in.get("bytes").asLong() + " " + in.get("sha256").asText() + " "
                    + in.get("format").asText() + " " + (in.has("delimiter") ? in.get("delimiter").asText() : "-") + " "
                    + in.get("physical_lines").asLong() + " " + in.get("rows_read").asLong());
        }
        long size = Files.size(zip);
        // bytes and checksum are the archive's; lines: the header plus one per record
        assertEquals(List.of(part1 + " " + size + " " + sha + " stata - 3 2", part2 + " " + size + " " + sha
                + " delimited ; 4 3"), inputs);
        assertEquals(1, manifest.get("archives").size());
        JsonNode a = manifest.get("archives").get(0);
        assertEquals(archive, a.get("path").asText());
        assertEquals("[\"海关数据2007/tradedata_2007_1.dta\",\"海关数据2007/tradedata_2007_2.csv\"]",
                a.get("members_read").toString());
        List<String> manifestSkipped = new ArrayList<>();
        a.get("entries_skipped").forEach(e -> manifestSkipped.add(e.get("entry").asText() + ": " + e.get("reason").asText()));
        assertEquals(skipped.stream().map(l -> l.substring(("skipped " + archive + "!/").length())).toList(), manifestSkipped);
    }

    /** CIE-abbreviation ASIF rows (lu_cie_abbrev_1998_2007, 2005): each column a distinct value. */
    private static final List<String> CIE_2005 = realHeader("lu_cie_abbrev_1998_2007", 2005);
    private static final List<String> NAMES = List.of("天津力达橡胶厂", "杭州东瑞制药集团有限公司", "长沙嘉通机械厂",
            "宁波某模具厂", "广州某服装厂");

    private static String cieValue(String column, int firm) {
        return switch (column) {
            case "FRDM" -> String.valueOf(600000000 + firm);
            case "EN" -> NAMES.get(firm);
            case "year" -> "2005";
            case "INDTYPE" -> "3311";
            case "REGTYPE" -> "110";
            case "PERSENG" -> String.valueOf(100 + firm);
            default -> String.valueOf(1000 * (CIE_2005.indexOf(column) + 1) + firm);
        };
    }

    private static byte[] cieText(String delimiter, Charset charset, int... firms) {
        StringBuilder b = new StringBuilder(String.join(delimiter, CIE_2005)).append('\n');
        for (int f : firms) {
            b.append(String.join(delimiter, CIE_2005.stream().map(c -> cieValue(c, f)).toList())).append('\n');
        }
        return b.toString().getBytes(charset);
    }

    private static byte[] cieDta(int... firms) {
        int[] types = new int[CIE_2005.size()];
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String c = CIE_2005.get(i);
            types[i] = List.of("FRDM", "EN", "INDTYPE", "REGTYPE").contains(c) ? 40 : DtaTestFile.DOUBLE;
        }
        for (int f : firms) {
            Object[] row = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                String v = cieValue(CIE_2005.get(i), f);
                row[i] = types[i] == 40 ? v : (Object) Double.parseDouble(v);
            }
            rows.add(row);
        }
        return DtaTestFile.write(118, ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, CIE_2005, types, rows);
    }

    @Test
    void asifInGzipTarGz7zAndTarWithTheirDelimitersSniffed(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("asif2005"));
        ArchiveFixtures.gzip(in.resolve("cie2005_a.csv.gz"), cieText(",", StandardCharsets.UTF_8, 0));
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("cie2005/", new byte[0]);
        b.put("cie2005/b.tsv", cieText("\t", StandardCharsets.UTF_8, 1));
        b.put("cie2005/readme.md", "# 2005\n".getBytes(StandardCharsets.UTF_8));
        ArchiveFixtures.tar(in.resolve("cie2005_b.tgz"), true, b);
        Map<String, byte[]> c = new LinkedHashMap<>();
        c.put("c/", new byte[0]);
        c.put("c/工业企业2005.txt", cieText("|", GB18030, 2, 3));
        ArchiveFixtures.sevenZ(in.resolve("cie2005_c.7z"), c);
        ArchiveFixtures.tar(in.resolve("cie2005_d.tar"), false, Map.of("d.dta", cieDta(4)));
        String lake = tmp.resolve("lake").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", 2005,
                List.of(in.toString()), lake, null, 20, LOOSE));

        String dir = "file:" + in + "/";
        List<String> files = new ArrayList<>();
        for (IngestJob.FileResult f : r.files()) {
            files.add(f.file().name().substring(dir.length()) + " " + f.file().format() + " "
                    + (int) f.file().delimiter() + " " + f.file().charsetName() + " " + f.counts().read());
        }
        assertEquals(List.of("cie2005_a.csv.gz!/cie2005_a.csv DELIMITED 44 UTF-8 1",
                "cie2005_b.tgz!/cie2005/b.tsv DELIMITED 9 UTF-8 1",
                "cie2005_c.7z!/c/工业企业2005.txt DELIMITED 124 GB18030 2",
                "cie2005_d.tar!/d.dta STATA 0 UTF-8 1"), files);
        assertEquals("source=asif year=2005 read=5 written=5 quarantined=0", r.summaryLine("asif", 2005));
        assertEquals(List.of(dir + "cie2005_b.tgz!/cie2005/: directory", dir + "cie2005_b.tgz!/cie2005/readme.md: "
                + "not a table ingest reads (.md)", dir + "cie2005_c.7z!/c/: directory"),
                r.skipped().stream().map(s -> s.name() + ": " + s.reason()).toList());

        List<String> rows = new ArrayList<>();
        for (Row row : PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("asif"),
                SourceSchema.of("asif").structType()).orderBy("firm_id").collectAsList()) {
            rows.add(String.join("|", row.getAs("firm_id"), row.getAs("firm_name"), row.getAs("industry_code"),
                    row.getAs("employees").toString(), row.getAs("sales").toString(),
                    row.getAs("total_assets").toString(), row.getAs("rd_expense").toString(),
                    row.getAs("source_file").toString().substring(dir.length()), row.getAs("source_line").toString()));
        }
        int si = 1000 * (CIE_2005.indexOf("SI") + 1);
        int ta = 1000 * (CIE_2005.indexOf("TA") + 1);
        int rd = 1000 * (CIE_2005.indexOf("F334") + 1);
        List<String> expected = new ArrayList<>();
        String[] sources = {"cie2005_a.csv.gz!/cie2005_a.csv|2", "cie2005_b.tgz!/cie2005/b.tsv|2",
                "cie2005_c.7z!/c/工业企业2005.txt|2", "cie2005_c.7z!/c/工业企业2005.txt|3", "cie2005_d.tar!/d.dta|2"};
        for (int f = 0; f < 5; f++) {
            expected.add((600000000 + f) + "|" + NAMES.get(f) + "|3311|" + (100 + f) + "|" + (si + f) + "|" + (ta + f)
                    + "|" + (rd + f) + "|" + sources[f]);
        }
        assertEquals(expected, rows);
    }

    @Test
    void aRarArchiveIsRefusedNamingItAndTheCommandThatExtractsIt(@TempDir Path tmp) throws IOException {
        Path rar = Files.write(Files.createDirectories(tmp.resolve("customs")).resolve("data_2006.rar"),
                new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00});
        Files.write(tmp.resolve("customs/readme.csv"), "a,b\n".getBytes(StandardCharsets.UTF_8));
        QuexException e = ingestFails(tmp, "customs", 2006, tmp.resolve("customs"));
        assertEquals(rar + ": RAR archives cannot be read (no open-source Java reader); extract it first, e.g. with "
                + "Debian's unar: unar -o DIR '" + rar + "', and give DIR as --input", e.getMessage());
        assertEquals("hdfs://nn/customs/data_2006.rar: RAR archives cannot be read (no open-source Java reader); extract it "
                + "on a local disk first, e.g. with Debian's unar: unar -o DIR 'data_2006.rar', and give DIR as --input",
                ArchiveFormat.rarRefusal("hdfs://nn/customs/data_2006.rar").getMessage());
    }

    @Test
    void damagedArchivesFailNamingTheFile(@TempDir Path tmp) throws IOException {
        Path html = Files.write(tmp.resolve("customs_2007.zip"), "<html>quota exceeded</html>".getBytes(StandardCharsets.US_ASCII));
        QuexException e = ingestFails(tmp, "customs", 2007, html);
        assertEquals("file:" + html + ": not a readable ZIP archive (it does not start with a ZIP header)", e.getMessage());
        byte[] whole = Files.readAllBytes(ArchiveFixtures.zip(tmp.resolve("whole.zip"), StandardCharsets.UTF_8, false,
                Map.of("a.csv", cieText(",", StandardCharsets.UTF_8, 0), "b.csv", cieText(",", StandardCharsets.UTF_8, 1))));
        int second = indexOf(whole, new byte[] {'P', 'K', 3, 4}, 4);
        whole[second + 2] = 9;
        Path broken = Files.write(tmp.resolve("customs_2007_broken.zip"), whole);
        e = ingestFails(tmp, "asif", 2005, broken);
        assertTrue(e.getMessage().startsWith("file:" + broken + ": not a readable ZIP archive (Unexpected record signature"),
                e.getMessage());

        byte[] sevenZ = Files.readAllBytes(ArchiveFixtures.sevenZ(tmp.resolve("whole.7z"),
                Map.of("a.csv", cieText(",", StandardCharsets.UTF_8, 0))));
        Path cut = Files.write(tmp.resolve("cie2005.7z"), java.util.Arrays.copyOf(sevenZ, sevenZ.length - 40));
        e = ingestFails(tmp, "asif", 2005, cut);
        assertTrue(e.getMessage().startsWith("file:" + cut + ": not a readable 7z archive ("), e.getMessage());

        Path tgz = Files.write(tmp.resolve("cie2005.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        e = ingestFails(tmp, "asif", 2005, tgz);
        assertTrue(e.getMessage().startsWith("file:" + tgz + ": not a readable tar.gz archive ("), e.getMessage());
    }

    /** The driver samples the first megabyte; damage further on is found by the task, which names the entry. */
    @Test
    void aGzipCutShortBeyondTheSampleFailsInTheTaskNamingTheEntry(@TempDir Path tmp) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", CIE_2005)).append('\n');
        int firm = 0;
        while (text.length() < 6 * EncodingDetector.SAMPLE_BYTES) {
            text.append(String.join(",", CIE_2005.stream().map(c -> c.equals("EN") ? "某厂"
                    : cieValue(c, 0).replace("600000000", "6" + text.length())).toList())).append('\n');
            firm++;
        }
        byte[] gz = ArchiveFixtures.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        Path cut = Files.write(tmp.resolve("cie2005.csv.gz"), java.util.Arrays.copyOf(gz, gz.length * 2 / 3));
        QuexException e = ingestFails(tmp, "asif", 2005, cut);
        assertTrue(firm > 1000);
        assertTrue(e.getMessage().startsWith("file:" + cut + "!/cie2005.csv: the archive entry cannot be read ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(unexpected end of data); is the archive damaged or cut short?"), e.getMessage());
    }

    @Test
    void anArchiveInsideAnArchiveIsRefusedAndAnArchiveWithoutTablesToo(@TempDir Path tmp) throws IOException {
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("cie2005.csv", cieText(",", StandardCharsets.UTF_8, 0));
        outer.put("2006/cie2006.zip", new byte[] {'P', 'K', 5, 6});
        Path nested = ArchiveFixtures.zip(tmp.resolve("asif.zip"), StandardCharsets.UTF_8, true, outer);
        QuexException e = ingestFails(tmp, "asif", 2005, nested);
        assertEquals("file:" + nested + "!/2006/cie2006.zip: an archive inside an archive is not read; extract asif.zip "
                + "and give the extracted files as --input", e.getMessage());

        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("说明/", new byte[0]);
        docs.put("说明/变量说明.docx", new byte[] {'P', 'K'});
        Path onlyDocs = ArchiveFixtures.zip(tmp.resolve("docs.zip"), Charset.forName("GBK"), false, docs);
        e = ingestFails(tmp, "asif", 2005, onlyDocs);
        assertEquals("input '" + onlyDocs + "' holds no table ingest reads: its 2 archive entries are skipped (file:"
                + onlyDocs + "!/说明/: directory, …)", e.getMessage());
    }

    @Test
    void anEncryptedMemberIsRefusedNamingIt(@TempDir Path tmp) throws IOException {
        // Commons Compress writes no encrypted entries: set the flag a password-protected entry carries in
        // its local and central headers (general purpose bit 0); its bytes are never ours to decrypt
        byte[] bytes = Files.readAllBytes(ArchiveFixtures.zip(tmp.resolve("plain.zip"), StandardCharsets.UTF_8, false,
                Map.of("cie2005.csv", cieText(",", StandardCharsets.UTF_8, 0))));
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                bytes[i + 6] |= 1;
            } else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                bytes[i + 8] |= 1;
            }
        }
        Path zip = Files.write(tmp.resolve("cie2005.zip"), bytes);
        QuexException e = ingestFails(tmp, "asif", 2005, zip);
        assertEquals("file:" + zip + "!/cie2005.csv: the entry is encrypted; extract the archive with its password first",
                e.getMessage());
    }

    /** run --raw's inventory looks into archives: their tables by content, their other entries and a RAR said. */
    @Test
    void theRawInventoryListsTheTablesInsideArchivesAndSaysWhatItSkips(@TempDir Path tmp) throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw/海关"));
        String header = "进口或出口,企业编码,企业名称,税号编码,金额,数量,起运国或目的国,日期\n"; // lu_customs_monthly_mdb, 2003-04
        Map<String, byte[]> months = new LinkedHashMap<>();
        for (String ym : List.of("200301", "200302")) {
            months.put("2003年/data" + ym + ".csv", (header + "出口,1201910123,甲公司,84091000,100,1,美国," + ym + "\n")
                    .getBytes(GB18030));
        }
        months.put("2003年/说明.doc", new byte[] {(byte) 0xD0, (byte) 0xCF});
        Path zip = ArchiveFixtures.zip(raw.resolve("customs2003.zip"), Charset.forName("GBK"), false, months);
        Path rar = Files.write(raw.resolve("data_2006.rar"), new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00});
        org.quex.ingest.RawInventory.Inventory inv = org.quex.ingest.RawInventory.scan(new org.apache.hadoop.conf.Configuration(),
                tmp.resolve("raw").toString(), null, List.of());
        assertEquals(List.of("file:" + zip + "!/2003年/data200301.csv 2003 [1]", "file:" + zip + "!/2003年/data200302.csv 2003 [2]"),
                inv.of("customs").stream().map(t -> t.file().name() + " " + t.years().first() + " " + t.months()).toList());
        assertEquals(List.of("file:" + zip + "!/2003年/说明.doc: not a table ingest reads (.doc)", "file:" + rar + ": "
                + "RAR archives cannot be read (no open-source Java reader); extract it first, e.g. with Debian's unar: "
                + "unar -o DIR '" + rar + "', and give DIR as --input"),
                inv.skipped().stream().map(k -> k.path() + ": " + k.reason()).toList());
    }

    /** Runs ingest expecting a QuexException on the driver or from a task; nothing may reach the lake. */
    private static QuexException ingestFails(Path tmp, String source, int year, Path input) {
        Path lake = tmp.resolve("lake-" + input.getFileName());
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(SparkTestSession.get(),
                new IngestJob.Settings(source, year, List.of(input.toString()), lake.toString(), null, 20, LOOSE)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(Files.exists(lake.resolve("raw")), "nothing is written");
        return e;
    }

    /** Runs the quex command, returning what it printed; fails unless it exits with {@code status}. */
    private static List<String> command(int status, String... args) {
        org.quex.CommandRun run = org.quex.CommandRun.of(args);
        List<String> printed = run.out().lines().toList();
        assertEquals(status, run.status(), String.join("\n", printed) + run.err());
        return printed;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
