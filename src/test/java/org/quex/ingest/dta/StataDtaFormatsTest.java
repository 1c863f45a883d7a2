package org.quex.ingest.dta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.stata.DtaWriter;
import org.quex.stata.DtaWriter.Layout;
import org.quex.stata.DtaWriter.Missing;
import org.quex.stata.DtaWriter.Type;
import org.quex.stata.DtaWriter.Variable;

/** The reader on every release, value labels, strLs, extended missing values, slices and damaged files (no Spark). */
class StataDtaFormatsTest {
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Coded variables as deliveries label them: direction and trade mode (Customs), registration type (ASIF). */
    private static final Map<String, Map<Integer, String>> LABELS = Map.of(
            "dir", Map.of(1, "进口", 0, "出口"),
            "mode", Map.of(10, "一般贸易", 14, "来料加工装配贸易"),
            "regtype", Map.of(110, "国有企业", 330, "外资（独资）企业"));

    static List<String> records(StataDta d) {
        List<String> out = new ArrayList<>();
        d.forEachRemaining(r -> out.add(r.line() + ":" + String.join("|", ((AssembledRecord.Record) r).fields())));
        return out;
    }

    static StataDta open(byte[] dta, Charset codePage) {
        return new StataDta(new ByteArrayInputStream(dta), "f.dta", codePage, SeekableStreamOpener.of(dta));
    }

    private static final List<String> CUSTOMS_NAMES = List.of("_进口或出口", "_企业编码", "_经营单位", "_税号编码", "_金额",
            "_数量", "_贸易方式", "_日期");
    private static final List<Object[]> CUSTOMS_ROWS = List.of(
            new Object[] {1, "1201910123", "天津力达橡胶厂", 1012100, 1250.5, 10f, 10, 200703},
            new Object[] {0, "3302240456", "宁波某进出口公司", 84091000, 99.0, 'a', 99, 200711},
            new Object[] {null, "", "", null, 'z', null, 'b', null});
    private static final List<String> CUSTOMS_RECORDS = List.of(
            "2:进口|1201910123|天津力达橡胶厂|1012100|1250.5|10|一般贸易|200703",
            "3:出口|3302240456|宁波某进出口公司|84091000|99||99|200711",
            "4:|||||||");

    static byte[] oldCustoms(int release, ByteOrder order) {
        return OldDtaTestFile.write(release, order, GB18030, CUSTOMS_NAMES,
                new int[] {OldDtaTestFile.BYTE, 10, 40, OldDtaTestFile.LONG, OldDtaTestFile.DOUBLE, OldDtaTestFile.FLOAT,
                        OldDtaTestFile.INT, OldDtaTestFile.LONG},
                new String[] {"dir", null, null, null, null, null, "mode", null}, LABELS, CUSTOMS_ROWS);
    }

    /** 113–115 (Stata 8–12): GB18030 names and strings, labelled codes as their text, ., .a, .z as "", an expansion field skipped. */
    @Test
    void formats113To115InBothByteOrders() {
        for (int release : new int[] {113, 114, 115}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                StataDta d = open(oldCustoms(release, order), GB18030);
                assertEquals(release, d.release());
                assertEquals(CUSTOMS_NAMES, d.variableNames());
                assertEquals(CUSTOMS_RECORDS, records(d), release + " " + order);
                assertEquals(4, d.linesRead());
            }
        }
    }

    /** The same observations written by DtaWriter as 117 (GB18030), 118 and 119 read the same. */
    @Test
    void formats117To119WithValueLabels() {
        List<Variable> vars = List.of(new Variable("_进口或出口", Type.BYTE, "进出口", "dir"), new Variable("_企业编码", Type.str(10)),
                new Variable("_经营单位", Type.str(40)), new Variable("_税号编码", Type.LONG), new Variable("_金额", Type.DOUBLE),
                new Variable("_数量", Type.FLOAT), new Variable("_贸易方式", Type.INT, null, "mode"), new Variable("_日期", Type.LONG));
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : CUSTOMS_ROWS) {
            Object[] w = r.clone();
            for (int i = 0; i < w.length; i++) {
                if (w[i] instanceof Character c) {
                    w[i] = new Missing(c);
                }
            }
            rows.add(w);
        }
        for (int release : new int[] {117, 118, 119}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                byte[] dta = DtaTestFile.write(new Layout(release, order, GB18030, null, null, vars, 3, LABELS), rows);
                assertEquals(CUSTOMS_RECORDS, records(open(dta, GB18030)), release + " " + order);
            }
        }
    }

    /** 118 with value labels on a float and a double, a label set the file names but does not define, and strLs. */
    static byte[] asif118(Path tmp, int release) throws IOException {
        List<Variable> vars = List.of(new Variable("firm", Type.str(9)), new Variable("name", Type.STRL, "企业名称", null),
                new Variable("type", Type.INT, "登记注册类型", "regtype"), new Variable("typef", Type.FLOAT, null, "regtype"),
                new Variable("typed", Type.DOUBLE, null, "regtype"), new Variable("address", Type.STRL),
                new Variable("c61", Type.BYTE, null, null));
        List<Object[]> rows = List.of(
                new Object[] {"100000001", "天津力达橡胶厂", 110, 110, 330.0, "天津市西青区", 1},
                new Object[] {"100000002", "", 330, 110.5, 159, "", 2},
                new Object[] {"100000003", "杭州东瑞制药集团有限公司" + "很长的名字".repeat(500), 159, null, new Missing('c'),
                        "浙江省杭州市", null});
        Path f = tmp.resolve("asif_" + release + ".dta");
        try (DtaWriter w = DtaWriter.open(f, new Layout(release, GB18030, vars, rows.size(), LABELS))) {
            rows.forEach(w::writeRow);
        }
        return Files.readAllBytes(f);
    }

    static final List<String> ASIF_RECORDS = List.of(
            "2:100000001|天津力达橡胶厂|国有企业|国有企业|外资（独资）企业|天津市西青区|1",
            "3:100000002||外资（独资）企业|110.5|159||2",
            "4:100000003|杭州东瑞制药集团有限公司" + "很长的名字".repeat(500) + "|159|||浙江省杭州市|");

    @Test
    void strLsAndValueLabelsOf117To119(@TempDir Path tmp) throws IOException {
        for (int release : new int[] {117, 118, 119}) {
            byte[] dta = asif118(tmp, release);
            assertEquals(ASIF_RECORDS, records(open(dta, GB18030)), "format " + release);
            // from a file through its own opener, too
            Path f = tmp.resolve("asif_" + release + ".dta");
            try (StataDta d = new StataDta(Files.newInputStream(f), f.toString(), GB18030, SeekableStreamOpener.of(f))) {
                assertEquals(ASIF_RECORDS, records(d));
            }
        }
    }

    /** dta §5.11.1: a strL may point at an earlier GSO (a shared string); the reader must follow it. */
    @Test
    void aSharedStrLIsFollowed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("shared.dta");
        try (DtaWriter w = DtaWriter.open(f, new Layout(118, GB18030, List.of(new Variable("n", Type.BYTE),
                new Variable("mode", Type.STRL)), 3, null))) {
            w.writeRow(new Object[] {1, "一般贸易"});
            w.writeRow(new Object[] {2, "另一个"});
            w.writeRow(new Object[] {3, "进料加工贸易"});
        }
        byte[] dta = Files.readAllBytes(f);
        StataDta d = open(dta, GB18030);
        // observation 2's (v,o) = (2,2) becomes (2,1): variable 2 of observation 1 (2 + 6 bytes, LSF)
        int at = (int) (d.dataOffset() + d.rowWidth() + 1);
        assertEquals("0200020000000000", java.util.HexFormat.of().formatHex(dta, at, at + 8));
        dta[at + 2] = 1;
        assertEquals(List.of("2:1|一般贸易", "3:2|一般贸易", "4:3|进料加工贸易"), records(open(dta, GB18030)));
        // a (v,o) that no GSO defines fails naming the observation and variable
        dta[at + 2] = 9;
        StataDta bad = open(dta, GB18030);
        bad.next();
        QuexException e = assertThrows(QuexException.class, bad::next);
        assertEquals("f.dta, observation 2, variable mode: its strL (2,9) is not among the file's strLs", e.getMessage());
    }

    @Test
    void withoutAWayToReopenTheFileLabelsAndStrLsFailByName(@TempDir Path tmp) throws IOException {
        byte[] old = oldCustoms(115, ByteOrder.LITTLE_ENDIAN);
        StataDta d = new StataDta(new ByteArrayInputStream(old), "c.dta", GB18030);
        assertEquals(CUSTOMS_NAMES, d.variableNames(), "the header alone needs no second look");
        assertEquals("c.dta: the value labels are stored after the data, and this input cannot be read again "
                + "from a position", assertThrows(QuexException.class, d::next).getMessage());
        byte[] strl = asif118(tmp, 118);
        StataDta s = new StataDta(new ByteArrayInputStream(strl), "s.dta", GB18030);
        assertEquals("s.dta: the values of strL variable name are stored after the data, and this input cannot be "
                + "read again from a position", assertThrows(QuexException.class, s::next).getMessage());
    }

    /** Slices: the records of [c0,c1), [c1,c2), … concatenated are the file's records, for cuts at 0 and N too. */
    @Test
    void slicesConcatenatedAreTheWholeFile(@TempDir Path tmp) throws IOException {
        List<Variable> vars = List.of(new Variable("id", Type.LONG), new Variable("dir", Type.BYTE, null, "dir"),
                new Variable("name", Type.STRL), new Variable("firm", Type.str(24)), new Variable("v", Type.DOUBLE));
        Path f = tmp.resolve("big.dta");
        int n = 23;
        try (DtaWriter w = DtaWriter.open(f, new Layout(118, GB18030, vars, n, LABELS))) {
            for (int i = 0; i < n; i++) {
                w.writeRow(new Object[] {i * 1000 + 7, i % 3 == 2 ? null : i % 2, i % 4 == 0 ? "" : "名称" + i,
                        "企业" + i, i / 4.0});
            }
        }
        byte[] old = oldCustoms(115, ByteOrder.BIG_ENDIAN);
        Path o = Files.write(tmp.resolve("old.dta"), old);
        for (Path file : List.of(f, o)) {
            SeekableStreamOpener opener = SeekableStreamOpener.of(file);
            List<String> whole;
            long observations;
            try (StataDta d = new StataDta(Files.newInputStream(file), "big.dta", GB18030, opener)) {
                observations = d.observations();
                whole = records(d);
            }
            assertEquals(observations, whole.size());
            long[][] cutSets = {{0, observations}, {0, 0, observations, observations}, {0, 1, observations},
                    {0, observations - 1, observations}, StataDta.cuts(observations, 2), StataDta.cuts(observations, 5),
                    {0, 7 % observations, 8 % observations + 1, observations}};
            for (long[] cuts : cutSets) {
                Arrays.sort(cuts);
                List<String> joined = new ArrayList<>();
                for (int i = 0; i + 1 < cuts.length; i++) {
                    try (StataDta s = StataDta.slice(opener, "big.dta", GB18030, cuts[i], cuts[i + 1])) {
                        List<String> part = records(s);
                        assertEquals(cuts[i + 1] - cuts[i], part.size());
                        assertEquals(1 + part.size(), s.linesRead(), "a slice accounts for its own records");
                        joined.addAll(part);
                    }
                }
                assertEquals(whole, joined, file.getFileName() + " cut at " + Arrays.toString(cuts));
            }
        }
        assertEquals("[0, 4, 9, 13, 18, 23]", Arrays.toString(StataDta.cuts(23, 5)));
        try (StataDta s = StataDta.slice(SeekableStreamOpener.of(f), "big.dta", GB18030, 21, 23)) {
            assertEquals(List.of("23:21007|进口|名称21|企业21|5.25", "24:22007|出口|名称22|企业22|5.5"), records(s));
        }
    }

    @Test
    void releasesThatAreNotReadAreSaid() {
        byte[] f116 = oldCustoms(115, ByteOrder.LITTLE_ENDIAN);
        f116[0] = 116;
        assertEquals("f.dta: Stata format 116 was never released (it was internal to StataCorp); the file is damaged "
                + "or not a .dta file", assertThrows(QuexException.class, () -> open(f116, GB18030)).getMessage());
        byte[] f110 = f116.clone();
        f110[0] = 110;
        assertEquals("f.dta: Stata format 110 (Stata 7 or older) is not supported (113, 114, 115, 117, 118, 119); save "
                + "it again in a newer Stata", assertThrows(QuexException.class, () -> open(f110, GB18030)).getMessage());
        byte[] csv = "firm,year\n1,2000\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("f.dta: not a Stata .dta file (it starts neither with <stata_dta> nor with a format number 113–115)",
                assertThrows(QuexException.class, () -> open(csv, GB18030)).getMessage());
        byte[] f120 = DtaTestFile.write(118, ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, List.of("a"),
                new int[] {DtaTestFile.BYTE}, List.<Object[]>of(new Object[] {1}));
        f120[29] = '2';
        f120[30] = '0';
        assertEquals("f.dta: Stata format 120 is not supported (113, 114, 115, 117, 118, 119)",
                assertThrows(QuexException.class, () -> open(f120, GB18030)).getMessage());
    }

    @Test
    void aDamagedFileFailsInOneLineNamingTheFile() {
        byte[] old = oldCustoms(114, ByteOrder.LITTLE_ENDIAN);
        StataDta whole = open(old, GB18030);
        long dataEnd = whole.dataOffset() + 3L * whole.rowWidth();
        byte[] cut = Arrays.copyOf(old, (int) dataEnd - 5);
        StataDta d = new StataDta(new ByteArrayInputStream(cut), "f.dta", GB18030, SeekableStreamOpener.of(cut));
        assertEquals("f.dta: the file ends before its value labels (it is cut short)",
                assertThrows(QuexException.class, d::next).getMessage());
        byte[] cutLabels = Arrays.copyOf(old, old.length - 3);
        StataDta l = new StataDta(new ByteArrayInputStream(cutLabels), "f.dta", GB18030, SeekableStreamOpener.of(cutLabels));
        assertEquals("f.dta: the value labels end before their definition does (the file is cut short)",
                assertThrows(QuexException.class, l::next).getMessage());
        byte[] noLabels = OldDtaTestFile.write(115, ByteOrder.LITTLE_ENDIAN, GB18030, List.of("a", "b"),
                new int[] {OldDtaTestFile.INT, 8}, null, Map.of(), List.of(new Object[] {1, "x"}, new Object[] {2, "y"}));
        byte[] cutRows = Arrays.copyOf(noLabels, noLabels.length - 3);
        StataDta r = open(cutRows, GB18030);
        assertEquals("2:1|x", records(List.of(r.next())).get(0));
        assertEquals("f.dta: the file ends within observation 2 of 2 (it is cut short)",
                assertThrows(QuexException.class, r::next).getMessage());
        assertEquals("f.dta: not a readable Stata .dta file (it ends within its header)",
                assertThrows(QuexException.class, () -> open(Arrays.copyOf(old, 200), GB18030)).getMessage());
        // GB18030 strings read as UTF-8: the observation and variable are named
        byte[] gb = OldDtaTestFile.write(115, ByteOrder.LITTLE_ENDIAN, GB18030, List.of("firm"), new int[] {20}, null,
                Map.of(), List.<Object[]>of(new Object[] {"长沙嘉通"}));
        assertEquals("f.dta, observation 1, variable firm: bytes that are not valid UTF-8; give the file's code page "
                + "with --encoding UTF-8|GBK|GB18030",
                assertThrows(QuexException.class, () -> open(gb, StandardCharsets.UTF_8).next()).getMessage());
    }

    private static List<String> records(List<AssembledRecord> rs) {
        List<String> out = new ArrayList<>();
        rs.forEach(r -> out.add(r.line() + ":" + String.join("|", ((AssembledRecord.Record) r).fields())));
        return out;
    }

    /** The missing codes of dta §4 read as "" in every numeric type, also in float/double in-between values. */
    @Test
    void everyMissingCodeIsEmpty() {
        List<Variable> vars = List.of(new Variable("b", Type.BYTE), new Variable("i", Type.INT), new Variable("l", Type.LONG),
                new Variable("f", Type.FLOAT), new Variable("d", Type.DOUBLE));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[5]);
        for (char c = 'a'; c <= 'z'; c++) {
            Object[] r = new Object[5];
            Arrays.fill(r, new Missing(c));
            rows.add(r);
        }
        rows.add(new Object[] {100, 32740, 2147483620, 1.7e38f, 8.9e307});
        byte[] dta = DtaTestFile.write(new Layout(118, ByteOrder.LITTLE_ENDIAN, null, null, null, vars, rows.size(), null), rows);
        List<String> got = records(open(dta, GB18030));
        for (int i = 0; i < 27; i++) {
            assertEquals((i + 2) + ":||||", got.get(i));
        }
        assertEquals("29:100|32740|2147483620|" + new java.math.BigDecimal(Float.toString(1.7e38f)).toPlainString() + "|"
                + new java.math.BigDecimal("8.9e307").toPlainString(), got.get(27));
        // a double between .a and .b (".a_") is missing too
        StataDta d = open(dta, GB18030);
        int at = (int) (d.dataOffset() + 1 + 2 + 4 + 4);
        ByteBuffer.wrap(dta, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x7fe0018000000000L);
        assertEquals("2:||||", records(open(dta, GB18030)).get(0));
    }
}
