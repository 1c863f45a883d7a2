package org.quex.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;

/** Archives read by ArchiveEntries as the driver and the tasks read them, without Spark. */
class ArchiveEntriesTest {
    private static final Charset GBK = Charset.forName("GBK");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Entry name → (what kind of non-file, or its content as UTF-8 text). */
    private static Map<String, String> read(ArchiveFormat format, String path, InputStream in) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ArchiveEntries entries = ArchiveEntries.open(format, path, in)) {
            for (ArchiveEntries.Entry e = entries.next(); e != null; e = entries.next()) {
                out.put(e.name(), e.notAFile() != null ? "<" + e.notAFile() + ">"
                        : new String(entries.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> read(ArchiveFormat format, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(format, "file:" + file.toAbsolutePath(), in);
        }
    }

    private static Map<String, byte[]> delivery() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("海关数据2007/", new byte[0]);
        m.put("海关数据2007/进出口2007年1月.csv", utf8("_企业编码,_金额\n1201910123,1250.5\n"));
        m.put("海关数据2007/说明.txt", utf8("一月\n"));
        return m;
    }

    /** What every format must list for {@link #delivery()}. */
    private static final Map<String, String> LISTED = Map.of("海关数据2007/", "<directory>",
            "海关数据2007/进出口2007年1月.csv", "_企业编码,_金额\n1201910123,1250.5\n", "海关数据2007/说明.txt", "一月\n");

    @Test
    void zipNamesInGbkWithoutTheUtf8FlagDecodeAsChinese(@TempDir Path tmp) throws IOException {
        Path gbk = ArchiveFixtures.zip(tmp.resolve("gbk.zip"), GBK, false, delivery());
        assertEquals(LISTED, read(ArchiveFormat.ZIP, gbk));
        // the premise: the stored bytes are GBK, which the UTF-8 default would garble
        byte[] bytes = Files.readAllBytes(gbk);
        assertTrue(indexOf(bytes, "说明".getBytes(GBK)) >= 0 && indexOf(bytes, utf8("说明")) < 0);
    }

    @Test
    void zipNamesInUtf8DecodeWithAndWithoutTheFlag(@TempDir Path tmp) throws IOException {
        assertEquals(LISTED, read(ArchiveFormat.ZIP, ArchiveFixtures.zip(tmp.resolve("flag.zip"), StandardCharsets.UTF_8,
                true, delivery())));
        // Info-ZIP on Linux and macOS's ditto store UTF-8 without setting the flag
        assertEquals(LISTED, read(ArchiveFormat.ZIP, ArchiveFixtures.zip(tmp.resolve("noflag.zip"),
                StandardCharsets.UTF_8, false, delivery())));
    }

    @Test
    void everyFormatListsTheSameEntriesAndBytes(@TempDir Path tmp) throws IOException {
        assertEquals(LISTED, read(ArchiveFormat.TAR, ArchiveFixtures.tar(tmp.resolve("d.tar"), false, delivery())));
        assertEquals(LISTED, read(ArchiveFormat.TAR_GZIP, ArchiveFixtures.tar(tmp.resolve("d.tgz"), true, delivery())));
        assertEquals(LISTED, read(ArchiveFormat.SEVEN_Z, ArchiveFixtures.sevenZ(tmp.resolve("d.7z"), delivery())));
        assertEquals(Map.of("进出口2007年1月.csv", "a,b\n1,2\n"), read(ArchiveFormat.GZIP,
                ArchiveFixtures.gzip(tmp.resolve("进出口2007年1月.csv.gz"), utf8("a,b\n1,2\n"))));
        Path link = ArchiveFixtures.tarWithLink(tmp.resolve("l.tar"), Map.of("a.csv", utf8("x\n")), "b.csv", "a.csv");
        assertEquals(Map.of("a.csv", "x\n", "b.csv", "<symbolic link>"), read(ArchiveFormat.TAR, link));
    }

    /**
     * A task reads its member and then drains the file through the same digest: the checksum must be
     * the file's, whatever the archive reader skipped or read ahead.
     */
    @Test
    void aTaskThatReadsOneMemberStillDigestsEveryByteOfTheFile(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 1; i <= 3; i++) {
            byte[] noise = new byte[300_000]; // incompressible: skipping it is real work
            random.nextBytes(noise);
            entries.put("part" + i + ".bin", noise);
        }
        entries.put("part4.csv", utf8("a,b\n1,2\n"));
        List<Path> archives = List.of(ArchiveFixtures.zip(tmp.resolve("p.zip"), StandardCharsets.UTF_8, true, entries),
                ArchiveFixtures.tar(tmp.resolve("p.tgz"), true, entries), ArchiveFixtures.sevenZ(tmp.resolve("p.7z"), entries));
        for (Path archive : archives) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // as a non-local path, the 7z goes through a temporary copy
            String path = archive.toString().endsWith(".7z") ? "hdfs://nn/p.7z" : "file:" + archive;
            try (InputStream in = new DigestInputStream(Files.newInputStream(archive), sha)) {
                ArchiveFormat format = ArchiveFormat.ofName(archive.getFileName().toString());
                try (ArchiveEntries e = ArchiveEntries.open(format, path, in)) {
                    while (!e.next().name().equals("part4.csv")) {
                        // skip to the member
                    }
                    assertEquals("a,b\n1,2\n", new String(e.content().readAllBytes(), StandardCharsets.UTF_8));
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive))),
                    HexFormat.of().formatHex(sha.digest()), archive.getFileName().toString());
        }
    }

    @Test
    void aNonLocal7zIsCopiedToATemporaryFileDeletedOnClose(@TempDir Path tmp) throws IOException {
        Path archive = ArchiveFixtures.sevenZ(tmp.resolve("d.7z"), delivery());
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = copies(temp);
        try (InputStream in = Files.newInputStream(archive);
             ArchiveEntries e = ArchiveEntries.open(ArchiveFormat.SEVEN_Z, "s3a://bucket/d.7z", in)) {
            assertEquals(1, copies(temp).size() - before.size(), "one copy while open");
            assertEquals("海关数据2007/", e.next().name());
        }
        assertEquals(before, copies(temp));
        assertNull(ArchiveEntries.localFile("hdfs://nn/data/d.7z"));
        assertEquals(archive, ArchiveEntries.localFile("file:" + archive));
        assertEquals(archive, ArchiveEntries.localFile(archive.toString()));
    }

    private static List<Path> copies(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("quex-archive-")).sorted().toList();
        }
    }

    @Test
    void aDamagedEntryFailsNamingItWhenItsBytesAreRead(@TempDir Path tmp) throws IOException {
        byte[] text = utf8("a,b\n" + "1,2\n".repeat(50_000));
        byte[] gz = ArchiveFixtures.gzip(text);
        Path cut = Files.write(tmp.resolve("c.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        try (InputStream in = Files.newInputStream(cut);
             ArchiveEntries e = ArchiveEntries.open(ArchiveFormat.GZIP, "c.csv.gz", in)) {
            assertEquals("c.csv", e.next().name());
            InputStream content = e.content();
            QuexException x = assertThrows(QuexException.class, content::readAllBytes);
            assertTrue(x.getMessage().startsWith("c.csv.gz!/c.csv: the archive entry cannot be read ("), x.getMessage());
            assertTrue(x.getMessage().endsWith("); is the archive damaged or cut short?"), x.getMessage());
        }
    }

    @Test
    void entriesThatAreNotTablesAreSkippedWithTheirReason() {
        assertEquals("directory", ArchiveInspector.skipReason("a/", "directory"));
        assertEquals("macOS metadata (__MACOSX/)", ArchiveInspector.skipReason("__MACOSX/a/._b.csv", null));
        assertEquals("macOS metadata (__MACOSX/)", ArchiveInspector.skipReason("d/__MACOSX/b.csv", null));
        assertEquals("macOS metadata (.DS_Store)", ArchiveInspector.skipReason("d/.DS_Store", null));
        assertEquals("macOS metadata (AppleDouble ._ file)", ArchiveInspector.skipReason("d/._b.csv", null));
        assertEquals("Windows metadata (Thumbs.db)", ArchiveInspector.skipReason("d/Thumbs.db", null));
        assertEquals("Office lock file (~$)", ArchiveInspector.skipReason("d/~$b.xlsx", null));
        assertNull(ArchiveInspector.skipReason("d/_b.csv", null));
        assertNull(ArchiveInspector.skipReason("海关数据2007/进出口.csv", null));
    }

    @Test
    void archiveFormatsByName() {
        assertEquals(ArchiveFormat.TAR_GZIP, ArchiveFormat.ofName("A.TAR.GZ"));
        assertEquals(ArchiveFormat.TAR_GZIP, ArchiveFormat.ofName("a.tgz"));
        assertEquals(ArchiveFormat.GZIP, ArchiveFormat.ofName("a.csv.gz"));
        assertEquals(ArchiveFormat.ZIP, ArchiveFormat.ofName("a.Zip"));
        assertEquals(ArchiveFormat.TAR, ArchiveFormat.ofName("a.tar"));
        assertEquals(ArchiveFormat.SEVEN_Z, ArchiveFormat.ofName("a.7z"));
        assertNull(ArchiveFormat.ofName("a.rar"));
        assertTrue(ArchiveFormat.isArchive("a.rar"));
        assertEquals("a.csv", ArchiveFormat.gzipMember("a.csv.gz"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
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
