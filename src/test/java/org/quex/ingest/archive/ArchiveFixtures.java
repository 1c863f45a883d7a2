package org.quex.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes archives for tests with Commons Compress's writers, as delivery tools write them. Entries
 * are written in the map's order (use a LinkedHashMap); a name ending in '/' is a directory.
 */
final class ArchiveFixtures {
    private ArchiveFixtures() {
    }

    /**
     * A ZIP whose names are stored in {@code names}; with {@code utf8Flag} false and GBK names this
     * is what Chinese Windows' "send to compressed folder" and WinRAR's zip writer produce.
     */
    static Path zip(Path out, Charset names, boolean utf8Flag, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(out))) {
            z.setEncoding(names.name());
            z.setUseLanguageEncodingFlag(utf8Flag);
            z.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) {
                    z.write(e.getValue());
                }
                z.closeArchiveEntry();
            }
        }
        return out;
    }

    static Path gzip(Path out, byte[] content) throws IOException {
        try (OutputStream g = new GZIPOutputStream(Files.newOutputStream(out))) {
            g.write(content);
        }
        return out;
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(b)) {
            g.write(content);
        }
        return b.toByteArray();
    }

    /** A tar (gzipped if {@code gz}); names in UTF-8 with PAX headers where needed, as GNU tar writes them. */
    static Path tar(Path out, boolean gz, Map<String, byte[]> entries) throws IOException {
        OutputStream file = Files.newOutputStream(out);
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(gz ? new GZIPOutputStream(file) : file, "UTF-8")) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setAddPaxHeadersForNonAsciiNames(true);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                if (!e.getKey().endsWith("/")) {
                    entry.setSize(e.getValue().length);
                }
                t.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    t.write(e.getValue());
                }
                t.closeArchiveEntry();
            }
        }
        return out;
    }

    /** A tar with a symbolic link entry {@code link} → {@code target} after the entries. */
    static Path tarWithLink(Path out, Map<String, byte[]> entries, String link, String target) throws IOException {
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(out), "UTF-8")) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setAddPaxHeadersForNonAsciiNames(true);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                t.putArchiveEntry(entry);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
            TarArchiveEntry l = new TarArchiveEntry(link, TarArchiveEntry.LF_SYMLINK);
            l.setLinkName(target);
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
        }
        return out;
    }

    /** A 7z (LZMA2, solid), as 7-Zip writes by default. */
    static Path sevenZ(Path out, Map<String, byte[]> entries) throws IOException {
        try (SevenZOutputFile s = new SevenZOutputFile(out.toFile())) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                boolean dir = e.getKey().endsWith("/");
                entry.setName(dir ? e.getKey().substring(0, e.getKey().length() - 1) : e.getKey());
                entry.setDirectory(dir);
                s.putArchiveEntry(entry);
                if (!dir) {
                    s.write(e.getValue());
                }
                s.closeArchiveEntry();
            }
        }
        return out;
    }
}
