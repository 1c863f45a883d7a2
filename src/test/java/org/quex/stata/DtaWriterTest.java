package org.quex.stata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.dta.StataDta;
import org.quex.stata.DtaWriter.Layout;
import org.quex.stata.DtaWriter.Missing;
import org.quex.stata.DtaWriter.Type;
import org.quex.stata.DtaWriter.Variable;

/** The writer against Stata's format documentation (byte layouts of its examples) and against the reader. */
class DtaWriterTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] MAP_TAGS = {"<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>",
            "<formats>", "<value_label_names>", "<variable_labels>", "<characteristics>", "<data>", "<strls>",
            "<value_labels>", "</stata_dta>"};

    static byte[] write(Layout layout, List<Object[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DtaWriter w = DtaWriter.open(out, layout)) {
            rows.forEach(w::writeRow);
        }
        return out.toByteArray();
    }

    static byte[] writeFile(Path file, Layout layout, List<Object[]> rows) throws IOException {
        try (DtaWriter w = DtaWriter.open(file, layout)) {
            rows.forEach(w::writeRow);
        }
        return Files.readAllBytes(file);
    }

    private static long[] map(byte[] dta, ByteOrder order) {
        int at = indexOf(dta, "<map>".getBytes(StandardCharsets.US_ASCII)) + 5;
        long[] m = new long[14];
        ByteBuffer.wrap(dta, at, 14 * 8).order(order).asLongBuffer().get(m);
        return m;
    }

    /** Every map entry points at its section's tag, and the last one is the file's length. */
    private static void assertMapPointsAtEachSection(byte[] dta, ByteOrder order) {
        long[] m = map(dta, order);
        for (int i = 0; i < MAP_TAGS.length; i++) {
            String tag = MAP_TAGS[i];
            assertEquals(tag, new String(dta, (int) m[i], tag.length(), StandardCharsets.US_ASCII), "map entry " + (i + 1));
        }
        assertEquals(dta.length, m[13], "map entry 14 is the end of the file");
    }

    private static byte[] section(byte[] dta, String open, String close) {
        int from = indexOf(dta, open.getBytes(StandardCharsets.US_ASCII)) + open.length();
        int to = indexOf(dta, close.getBytes(StandardCharsets.US_ASCII));
        byte[] b = new byte[to - from];
        System.arraycopy(dta, from, b, 0, b.length);
        return b;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static List<String> records(byte[] dta, Charset codePage) {
        StataDta d = new StataDta(new ByteArrayInputStream(dta), "t.dta", codePage);
        List<String> out = new ArrayList<>();
        out.add(String.join("|", d.variableNames()));
        d.forEachRemaining(r -> out.add(String.join("|", ((AssembledRecord.Record) r).fields())));
        return out;
    }

    /** dta_117 §5: the header of its example (myfloat, myint, one observation, MSF, 10 Jul 2013 14:23), map at 0x99. */
    @Test
    void theHeaderOfTheDocumentationsExample117() {
        Layout l = new Layout(117, ByteOrder.BIG_ENDIAN, StandardCharsets.US_ASCII, null, LocalDateTime.of(2013, 7, 10, 14, 23),
                List.of(new Variable("myfloat", Type.FLOAT), new Variable("myint", Type.INT)), 1, null);
        byte[] dta = write(l, List.<Object[]>of(new Object[] {0, 0}));
        String expected = "<stata_dta><header><release>117</release><byteorder>MSF</byteorder><K>\u0000\u0002</K>"
                + "<N>\u0000\u0000\u0000\u0001</N><label>\u0000</label><timestamp>\u001110 Jul 2013 14:23</timestamp>"
                + "</header><map>";
        assertEquals(expected, new String(dta, 0, expected.length(), StandardCharsets.ISO_8859_1));
        assertEquals(0x99, map(dta, ByteOrder.BIG_ENDIAN)[1], "the documentation's map gives <map> at 0x99");
        assertEquals("fff7fff9", HEX.formatHex(section(dta, "<variable_types>", "</variable_types>")));
        assertEquals("000000000000", HEX.formatHex(section(dta, "<sortlist>", "</sortlist>")));
        assertEquals("000000000000", HEX.formatHex(section(dta, "<data>", "</data>")));
        byte[] names = section(dta, "<varnames>", "</varnames>");
        assertEquals(66, names.length);
        assertEquals("myfloat", new String(names, 0, 7, StandardCharsets.US_ASCII));
        assertEquals(0, names[7]);
        assertEquals("myint", new String(names, 33, 5, StandardCharsets.US_ASCII));
        assertEquals("%9.0g", new String(section(dta, "<formats>", "</formats>"), 0, 5, StandardCharsets.US_ASCII));
        assertEquals(2 * 33, section(dta, "<value_label_names>", "</value_label_names>").length);
        assertEquals(2 * 81, section(dta, "<variable_labels>", "</variable_labels>").length);
        assertEquals("<characteristics></characteristics><data>", new String(dta, (int) map(dta, ByteOrder.BIG_ENDIAN)[8],
                41, StandardCharsets.US_ASCII));
        assertEquals("<strls></strls><value_labels></value_labels></stata_dta>",
                new String(dta, dta.length - 56, 56, StandardCharsets.US_ASCII));
        assertMapPointsAtEachSection(dta, ByteOrder.BIG_ENDIAN);
    }

    /** dta §5.1: 118's N is 8 bytes, its label a 2-byte length and UTF-8 without \0; names 129, formats 57, labels 321 bytes. */
    @Test
    void theHeaderOf118() {
        Layout l = new Layout(118, ByteOrder.BIG_ENDIAN, null, "Sample Data", LocalDateTime.of(2017, 3, 10, 14, 23),
                List.of(new Variable("myfloat", Type.FLOAT), new Variable("myint", Type.INT)), 1, null);
        byte[] dta = write(l, List.<Object[]>of(new Object[] {0, 0}));
        String expected = "<stata_dta><header><release>118</release><byteorder>MSF</byteorder><K>\u0000\u0002</K>"
                + "<N>\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001</N><label>\u0000\u000bSample Data</label>"
                + "<timestamp>\u001110 Mar 2017 14:23</timestamp></header><map>";
        assertEquals(expected, new String(dta, 0, expected.length(), StandardCharsets.ISO_8859_1));
        assertEquals(2 * 129, section(dta, "<varnames>", "</varnames>").length);
        assertEquals(2 * 57, section(dta, "<formats>", "</formats>").length);
        assertEquals(2 * 129, section(dta, "<value_label_names>", "</value_label_names>").length);
        assertEquals(2 * 321, section(dta, "<variable_labels>", "</variable_labels>").length);
        assertMapPointsAtEachSection(dta, ByteOrder.BIG_ENDIAN);
        byte[] dta119 = write(new Layout(119, ByteOrder.LITTLE_ENDIAN, null, null, null, l.variables(), 1, null),
                List.<Object[]>of(new Object[] {0, 0}));
        assertEquals("<K>\u0002\u0000\u0000\u0000</K>", new String(dta119, 67, 11, StandardCharsets.ISO_8859_1),
                "119's K is 4 bytes");
        assertEquals(3 * 4, section(dta119, "<sortlist>", "</sortlist>").length, "119's sort list has K+1 4-byte entries");
        assertMapPointsAtEachSection(dta119, ByteOrder.LITTLE_ENDIAN);
    }

    /** dta §5.10: V1 float, V2 byte, V3 double, V4 str6; "first" ends in \0, "second" fills its field. */
    @Test
    void theDataOfTheDocumentationsExample() {
        List<Variable> vars = List.of(new Variable("V1", Type.FLOAT), new Variable("V2", Type.BYTE),
                new Variable("V3", Type.DOUBLE), new Variable("V4", Type.str(6)));
        List<Object[]> rows = List.of(new Object[] {0, 1, 2, "first"}, new Object[] {1, 2, 3, "second"});
        for (int release : new int[] {117, 118, 119}) {
            byte[] dta = write(new Layout(release, ByteOrder.BIG_ENDIAN, StandardCharsets.UTF_8, null, null, vars, 2, null), rows);
            assertEquals("00000000014000000000000000" + HEX.formatHex("first\0".getBytes(StandardCharsets.US_ASCII))
                    + "3f800000024008000000000000" + HEX.formatHex("second".getBytes(StandardCharsets.US_ASCII)),
                    HEX.formatHex(section(dta, "<data>", "</data>")), "format " + release);
        }
    }

    /** dta §5.11: the strL V5 = "third", "fourth": (v,o) 4+4 bytes in 117, 2+6 in 118, 3+5 in 119; GSO o 4 or 8 bytes. */
    @Test
    void strLsAsTheDocumentationLaysThemOut(@TempDir Path tmp) throws IOException {
        List<Variable> vars = List.of(new Variable("V1", Type.FLOAT), new Variable("V2", Type.BYTE),
                new Variable("V3", Type.DOUBLE), new Variable("V4", Type.str(6)), new Variable("V5", Type.STRL));
        List<Object[]> rows = List.of(new Object[] {0, 1, 2, "first", "third"}, new Object[] {1, 2, 3, "second", "fourth"});
        String first = "00000000014000000000000000" + HEX.formatHex("first\0".getBytes(StandardCharsets.US_ASCII));
        String second = "3f800000024008000000000000" + HEX.formatHex("second".getBytes(StandardCharsets.US_ASCII));
        String third = HEX.formatHex("third\0".getBytes(StandardCharsets.US_ASCII));
        String fourth = HEX.formatHex("fourth\0".getBytes(StandardCharsets.US_ASCII));
        String gso = HEX.formatHex("GSO".getBytes(StandardCharsets.US_ASCII));
        Map<Integer, String[]> expected = Map.of(
                117, new String[] {"0000000500000001", "0000000500000002", "00000005" + "00000001", "00000005" + "00000002"},
                118, new String[] {"0005000000000001", "0005000000000002", "00000005" + "0000000000000001", "00000005" + "0000000000000002"},
                119, new String[] {"0000050000000001", "0000050000000002", "00000005" + "0000000000000001", "00000005" + "0000000000000002"});
        for (int release : new int[] {117, 118, 119}) {
            Layout l = new Layout(release, ByteOrder.BIG_ENDIAN, StandardCharsets.UTF_8, null, null, vars, 2, null);
            byte[] dta = writeFile(tmp.resolve(release + ".dta"), l, rows);
            String[] e = expected.get(release);
            assertEquals(first + e[0] + second + e[1], HEX.formatHex(section(dta, "<data>", "</data>")), "format " + release);
            assertEquals(gso + e[2] + "82" + "00000006" + third + gso + e[3] + "82" + "00000007" + fourth,
                    HEX.formatHex(section(dta, "<strls>", "</strls>")), "format " + release);
            assertMapPointsAtEachSection(dta, ByteOrder.BIG_ENDIAN);
        }
        // LSF: each part of (v,o) least significant byte first; an empty strL is (0,0) and has no GSO
        Layout l = new Layout(118, ByteOrder.LITTLE_ENDIAN, null, null, null, List.of(new Variable("s", Type.STRL)), 2, null);
        byte[] dta = writeFile(tmp.resolve("lsf.dta"), l, List.of(new Object[] {""}, new Object[] {"x"}));
        assertEquals("0000000000000000" + "0100" + "020000000000", HEX.formatHex(section(dta, "<data>", "</data>")));
        assertEquals(gso + "01000000" + "0200000000000000" + "82" + "02000000" + "7800",
                HEX.formatHex(section(dta, "<strls>", "</strls>")));
        assertMapPointsAtEachSection(dta, ByteOrder.LITTLE_ENDIAN);
    }

    /** dta §5.12: the value-label table of 1 yes, 2 no in MSF, inside &lt;lbl&gt; with its length, 33/129-byte name and padding. */
    @Test
    void valueLabelsAsTheDocumentationLaysThemOut() {
        Map<String, Map<Integer, String>> labels = Map.of("yesno", Map.of(2, "no", 1, "yes"));
        for (int release : new int[] {117, 118}) {
            Layout l = new Layout(release, ByteOrder.BIG_ENDIAN, StandardCharsets.US_ASCII, null, null,
                    List.of(new Variable("answer", Type.BYTE, "Do you agree?", "yesno")), 1, labels);
            byte[] dta = write(l, List.<Object[]>of(new Object[] {1}));
            int nameWidth = release == 117 ? 33 : 129;
            String table = "00000002" + "00000007" + "00000000" + "00000004" + "00000001" + "00000002"
                    + HEX.formatHex("yes\0no\0".getBytes(StandardCharsets.US_ASCII));
            String name = HEX.formatHex("yesno".getBytes(StandardCharsets.US_ASCII)) + "00".repeat(nameWidth - 5);
            assertEquals(HEX.formatHex("<lbl>".getBytes(StandardCharsets.US_ASCII)) + "0000001f" + name + "000000" + table
                    + HEX.formatHex("</lbl>".getBytes(StandardCharsets.US_ASCII)),
                    HEX.formatHex(section(dta, "<value_labels>", "</value_labels>")), "format " + release);
            byte[] lblNames = section(dta, "<value_label_names>", "</value_label_names>");
            assertEquals("yesno", new String(lblNames, 0, 5, StandardCharsets.US_ASCII));
            assertEquals("Do you agree?", new String(section(dta, "<variable_labels>", "</variable_labels>"), 0, 13,
                    StandardCharsets.US_ASCII));
            assertMapPointsAtEachSection(dta, ByteOrder.BIG_ENDIAN);
        }
    }

    /** dta §4: the codes of ., .a and .z of every numeric type (MSF). */
    @Test
    void missingValuesAreStatasCodes() {
        List<Variable> vars = List.of(new Variable("b", Type.BYTE), new Variable("i", Type.INT), new Variable("l", Type.LONG),
                new Variable("f", Type.FLOAT), new Variable("d", Type.DOUBLE));
        Layout l = new Layout(118, ByteOrder.BIG_ENDIAN, null, null, null, vars, 3, null);
        Object[] a = new Object[5];
        java.util.Arrays.fill(a, new Missing('a'));
        Object[] z = new Object[5];
        java.util.Arrays.fill(z, new Missing('z'));
        byte[] dta = write(l, List.of(new Object[5], a, z));
        assertEquals("65" + "7fe5" + "7fffffe5" + "7f000000" + "7fe0000000000000"
                        + "66" + "7fe6" + "7fffffe6" + "7f000800" + "7fe0010000000000"
                        + "7f" + "7fff" + "7fffffff" + "7f00d000" + "7fe01a0000000000",
                HEX.formatHex(section(dta, "<data>", "</data>")));
        assertEquals(List.of("b|i|l|f|d", "||||", "||||", "||||"), records(dta, StandardCharsets.UTF_8));
    }

    /** Written by the writer, read back by the reader: 117 in GB18030 (Chinese names as the Customs parts have), 118, 119, both orders. */
    @Test
    void theReaderReadsWhatTheWriterWrote() {
        List<Variable> vars = List.of(new Variable("_进口或出口", Type.BYTE), new Variable("_企业编码", Type.str(10)),
                new Variable("_经营单位", Type.str(40)), new Variable("_税号编码", Type.LONG), new Variable("_数量", Type.FLOAT),
                new Variable("_金额", Type.DOUBLE), new Variable("_月份", Type.INT));
        List<Object[]> rows = List.of(
                new Object[] {0, "1201910123", "天津力达橡胶厂", 1012100L, 10.5f, 1250.5, 3},
                new Object[] {1, "3302240456", "宁波某进出口公司", 84091000L, null, -99.25, -32767},
                new Object[] {null, "", "", -2147483647L, 1.5e30, 8.9e307, 32740});
        List<String> expected = List.of("_进口或出口|_企业编码|_经营单位|_税号编码|_数量|_金额|_月份",
                "0|1201910123|天津力达橡胶厂|1012100|10.5|1250.5|3",
                "1|3302240456|宁波某进出口公司|84091000||-99.25|-32767",
                "|||-2147483647|1500000000000000000000000000000|" + new java.math.BigDecimal("8.9e307").toPlainString() + "|32740");
        for (int release : new int[] {117, 118, 119}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                Layout l = new Layout(release, order, Charset.forName("GB18030"), "海关 2007", null, vars, 3, null);
                byte[] dta = write(l, rows);
                assertEquals(expected, records(dta, Charset.forName("GB18030")), release + " " + order);
                assertMapPointsAtEachSection(dta, order);
            }
        }
        byte[] gb = write(new Layout(117, Charset.forName("GB18030"), vars, 3, null), rows);
        assertEquals(-1, indexOfOrMinus(gb, "天津".getBytes(StandardCharsets.UTF_8)), "117 strings are in the code page");
        assertEquals(List.of(expected.get(1)), records(gb, Charset.forName("GB18030")).subList(1, 2));
    }

    private static int indexOfOrMinus(byte[] hay, byte[] needle) {
        try {
            return indexOf(hay, needle);
        } catch (AssertionError e) {
            return -1;
        }
    }

    @Test
    void valuesThatDoNotFitFailNamingTheObservationAndVariable(@TempDir Path tmp) {
        List<Variable> vars = List.of(new Variable("code", Type.BYTE), new Variable("name", Type.str(4)));
        Layout l = new Layout(117, Charset.forName("GBK"), vars, 2, null);
        assertEquals("observation 1, variable code: 101 is out of the range of a Stata byte",
                fails(l, new Object[] {101, "a"}));
        assertEquals("observation 1, variable code: 1.5 is not a whole number; a byte holds integers",
                fails(l, new Object[] {1.5, "a"}));
        assertEquals("observation 1, variable code (byte): expected a number, got String '1'", fails(l, new Object[] {"1", "a"}));
        assertEquals("observation 1, variable name: '天津力达' is 8 bytes in GBK, more than the 4 the field holds",
                fails(l, new Object[] {1, "天津力达"}));
        assertEquals("observation 1, variable name: '\uD83D\uDE00' has characters GBK cannot hold",
                fails(l, new Object[] {1, "\uD83D\uDE00"}));
        assertEquals("observation 1: 1 values for 2 variables", fails(l, new Object[] {1}));
        QuexException few = assertThrows(QuexException.class, () -> write(l, List.<Object[]>of(new Object[] {1, "a"})));
        assertEquals("the file was opened for 2 observations but 1 were written", few.getMessage());
        QuexException strl = assertThrows(QuexException.class, () -> DtaWriter.open(new ByteArrayOutputStream(),
                new Layout(118, null, List.of(new Variable("s", Type.STRL)), 1, null)));
        assertEquals("variable s is a strL: a strL file cannot be written to a stream, its map needs the size of the "
                + "strLs (write it to a file)", strl.getMessage());
        QuexException label = assertThrows(QuexException.class, () -> DtaWriter.open(new ByteArrayOutputStream(),
                new Layout(118, null, List.of(new Variable("d", Type.BYTE, null, "dir")), 1, null)));
        assertEquals("variable d has value label dir, which is not among the value labels given", label.getMessage());
    }

    private static String fails(Layout l, Object[] row) {
        DtaWriter w = DtaWriter.open(new ByteArrayOutputStream(), l);
        return assertThrows(QuexException.class, () -> w.writeRow(row)).getMessage();
    }

    /** A stream and a file give the same bytes when there is no strL. */
    @Test
    void aStreamAndAFileGiveTheSameBytes(@TempDir Path tmp) throws IOException {
        Map<String, Map<Integer, String>> labels = new LinkedHashMap<>();
        labels.put("direction", Map.of(0, "出口", 1, "进口"));
        labels.put("regtype", Map.of(110, "国有企业", 330, "外资（独资）企业"));
        List<Variable> vars = List.of(new Variable("direction", Type.BYTE, "进出口", "direction"),
                new Variable("regtype", Type.INT, null, "regtype"), new Variable("firm", Type.str(30)));
        Layout l = new Layout(118, null, vars, 2, labels).withDataLabel("海关");
        List<Object[]> rows = List.of(new Object[] {1, 110, "天津力达橡胶厂"}, new Object[] {0, 330, "宁波"});
        byte[] stream = write(l, rows);
        assertArrayEquals(stream, writeFile(tmp.resolve("f.dta"), l, rows));
        assertMapPointsAtEachSection(stream, ByteOrder.LITTLE_ENDIAN);
    }
}
