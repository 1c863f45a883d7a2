package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;

class PhysicalLineReaderTest {
    private static final Charset GB18030 = EncodingDetector.GB18030;

    private static List<String> read(byte[] bytes, Charset cs) {
        PhysicalLineReader r = new PhysicalLineReader(new ByteArrayInputStream(bytes), "f.csv", cs);
        List<String> out = new ArrayList<>();
        r.forEachRemaining(l -> out.add(l.number() + ":" + l.text()));
        return out;
    }

    @Test
    void crlfIsStrippedAndAFinalLineWithoutNewlineCounts() {
        assertEquals(List.of("1:a,b", "2:c,d", "3:e"), read("a,b\r\nc,d\r\ne".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }

    @Test
    void aTrailingNewlineStartsNoLineButABlankLineInsideIsKept() {
        assertEquals(List.of("1:a", "2:", "3:b"), read("a\n\nb\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void gbkBytesDecodeWithGb18030() {
        byte[] gbk = "企业名称,年份\r\n长沙嘉通,2000\r\n".getBytes(Charset.forName("GBK"));
        assertEquals(List.of("1:企业名称,年份", "2:长沙嘉通,2000"), read(gbk, GB18030));
    }

    @Test
    void gbkReadAsUtf8FailsNamingFileLineAndCharset() {
        byte[] bytes = ("a,b\n" + "长沙,1\n").getBytes(Charset.forName("GBK"));
        QuexException e = assertThrows(QuexException.class, () -> read(bytes, StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith("f.csv, line 2: bytes that are not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("--encoding"), e.getMessage());
    }

    /** Byte sequences the JDK's lenient decoding would turn into U+FFFD must still fail. */
    @Test
    void surrogatesOverlongFormsAndCutSequencesAreNotUtf8() {
        byte[][] bad = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE4, (byte) 0xB8}};
        for (byte[] b : bad) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            text.writeBytes("a,b\nx".getBytes(StandardCharsets.UTF_8));
            text.writeBytes(b);
            text.writeBytes(",1\n".getBytes(StandardCharsets.UTF_8));
            QuexException e = assertThrows(QuexException.class, () -> read(text.toByteArray(), StandardCharsets.UTF_8));
            assertTrue(e.getMessage().startsWith("f.csv, line 2: bytes that are not valid UTF-8"), e.getMessage());
        }
    }

    @Test
    void storedReplacementCharactersAreCountedNotFailed() {
        PhysicalLineReader r = new PhysicalLineReader(new ByteArrayInputStream(
                "a\nb\uFFFDc\nd\uFFFD\n".getBytes(StandardCharsets.UTF_8)), "f.csv", StandardCharsets.UTF_8);
        r.forEachRemaining(l -> { });
        assertEquals(2, r.replacementLines());
        assertEquals(2, r.firstReplacementLine());
        assertEquals(3, r.linesRead());
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstName() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'F', 'R', 'D', 'M', '\n'};
        assertEquals(List.of("1:FRDM"), read(bom, StandardCharsets.UTF_8));
    }

    @Test
    void detectionTellsUtf8FromGbkAndToleratesASequenceCutAtTheSampleEnd() {
        byte[] utf8 = "企业名称,年份\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(StandardCharsets.UTF_8, EncodingDetector.detect(utf8, utf8.length));
        assertEquals(StandardCharsets.UTF_8, EncodingDetector.detect(utf8, 2)); // 企 is 3 bytes: cut after 2
        byte[] gbk = "企业名称,年份\n".getBytes(Charset.forName("GBK"));
        assertEquals(GB18030, EncodingDetector.detect(gbk, gbk.length));
    }
}
