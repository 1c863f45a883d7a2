package org.quex.ingest.archive;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;

/**
 * The entries of one archive in stored order, each with a stream of its bytes. The driver (listing
 * and sampling) and a task (reading one member) read an archive through this same class, so both
 * see the same entry names. ZIP, tar and gzip are read as streams from the file's start (a task
 * reads its member as it comes by, and the rest of the file only for the checksum); 7z needs
 * random access: the file itself when it is local, otherwise a temporary local copy deleted on close.
 */
public abstract class ArchiveEntries implements Closeable {
    /**
     * @param name       the entry's path inside the archive, decoded
     * @param notAFile   "directory", "symbolic link", … or null for a file
     * @param unreadable why the entry's bytes cannot be read (encryption, compression method), or null
     */
    public record Entry(String name, String notAFile, String unreadable) {
    }

    /** The archive file, for messages. */
    protected final String path;
    private Entry current;

    protected ArchiveEntries(String path) {
        this.path = path;
    }

    /**
     * Opens {@code in}, the archive file's bytes from its start. {@code in} stays open (and unread
     * past the archive's reads) when this is closed: its owner may still read it to the end.
     */
    public static ArchiveEntries open(ArchiveFormat format, String path, InputStream in) throws IOException {
        InputStream own = new KeepOpen(in);
        return switch (format) {
            case ZIP -> new Zip(path, new ZipArchiveInputStream(zipSigned(own), StandardCharsets.UTF_8.name(), true, true));
            case TAR -> new Tar(path, new TarArchiveInputStream(own, StandardCharsets.UTF_8.name()));
            case TAR_GZIP -> new Tar(path, new TarArchiveInputStream(gunzip(own), StandardCharsets.UTF_8.name()));
            case GZIP -> new Gzip(path, gunzip(own));
            case SEVEN_Z -> SevenZ.open(path, own);
        };
    }

    /** The next entry, or null after the last. */
    public final Entry next() throws IOException {
        current = advance();
        return current;
    }

    /**
     * The bytes of the entry {@link #next} returned last. A read error names the entry (a damaged
     * archive shows in a task only when the damage is reached); closing the stream leaves the archive open.
     */
    public final InputStream content() {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        return new EntryStream(raw(), path + "!/" + current.name());
    }

    protected abstract Entry advance() throws IOException;

    protected abstract InputStream raw();

    /**
     * {@code in}, after checking that it starts like a ZIP file: the stream reader takes a file too
     * short for a header (a cut download, an HTML error page) for an archive without entries.
     */
    private static InputStream zipSigned(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 4);
        byte[] head = p.readNBytes(4);
        p.unread(head);
        boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6 || head[2] == 7 && head[3] == 8);
        if (!zip) {
            throw new IOException("it does not start with a ZIP header");
        }
        return p;
    }

    /** An I/O error's message for a user (some, such as EOFException, have none). */
    static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e instanceof java.io.EOFException ? "unexpected end of data"
                : e.getClass().getSimpleName();
    }

    private static GzipCompressorInputStream gunzip(InputStream in) throws IOException {
        // concatenated members are one stream, as gzip -d reads them
        return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
    }

    /** The local file a path names (a file: URI or a plain path that exists), or null for other file systems. */
    static java.nio.file.Path localFile(String path) {
        java.net.URI uri = new Path(path).toUri();
        if ("file".equals(uri.getScheme())) {
            return java.nio.file.Path.of(uri.getPath());
        }
        if (uri.getScheme() == null && Files.isRegularFile(java.nio.file.Path.of(uri.getPath()))) {
            return java.nio.file.Path.of(uri.getPath());
        }
        return null;
    }

    /**
     * A ZIP entry's name. The UTF-8 flag or an Info-ZIP Unicode path field say the charset; without
     * them the bytes are in the zipping machine's code page: Chinese Windows writes GBK, other tools
     * UTF-8. Strict UTF-8 decoding tells them apart (GBK names are practically never valid UTF-8),
     * as {@code EncodingDetector} does for file contents.
     */
    static String zipName(ZipArchiveEntry e) {
        byte[] raw = e.getRawName();
        if (e.getNameSource() != ZipArchiveEntry.NameSource.NAME || raw == null) {
            return e.getName();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, GB18030);
        }
    }

    private static final Charset GB18030 = Charset.forName("GB18030");

    private static final class Zip extends ArchiveEntries {
        private final ZipArchiveInputStream zip;

        Zip(String path, ZipArchiveInputStream zip) {
            super(path);
            this.zip = zip;
        }

        @Override
        protected Entry advance() throws IOException {
            ZipArchiveEntry e = zip.getNextEntry();
            if (e == null) {
                return null;
            }
            String name = zipName(e);
            String notAFile = e.isDirectory() ? "directory" : e.isUnixSymlink() ? "symbolic link" : null;
            String unreadable = null;
            if (!zip.canReadEntryData(e)) {
                unreadable = e.getGeneralPurposeBit().usesEncryption()
                        ? "the entry is encrypted; extract the archive with its password first"
                        : "compression method " + ZipMethod.getMethodByCode(e.getMethod()) + " (" + e.getMethod()
                        + ") cannot be read; extract the archive first";
            }
            return new Entry(name, notAFile, unreadable);
        }

        @Override
        protected InputStream raw() {
            return zip;
        }

        @Override
        public void close() throws IOException {
            zip.close(); // ends the inflater; the file stream is kept open by KeepOpen
        }
    }

    private static final class Tar extends ArchiveEntries {
        private final TarArchiveInputStream tar;

        Tar(String path, TarArchiveInputStream tar) {
            super(path);
            this.tar = tar;
        }

        @Override
        protected Entry advance() throws IOException {
            TarArchiveEntry e = tar.getNextEntry();
            if (e == null) {
                return null;
            }
            String notAFile = e.isDirectory() ? "directory" : e.isSymbolicLink() ? "symbolic link"
                    : e.isLink() ? "hard link" : !e.isFile() ? "not a regular file" : null;
            return new Entry(e.getName(), notAFile, null);
        }

        @Override
        protected InputStream raw() {
            return tar;
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    private static final class Gzip extends ArchiveEntries {
        private final GzipCompressorInputStream gzip;
        private boolean given;

        Gzip(String path, GzipCompressorInputStream gzip) {
            super(path);
            this.gzip = gzip;
        }

        @Override
        protected Entry advance() {
            if (given) {
                return null;
            }
            given = true;
            return new Entry(ArchiveFormat.gzipMember(new Path(path).getName()), null, null);
        }

        @Override
        protected InputStream raw() {
            return gzip;
        }

        @Override
        public void close() throws IOException {
            gzip.close();
        }
    }

    private static final class SevenZ extends ArchiveEntries {
        private final SevenZFile file;
        private final java.nio.file.Path copy;
        private SevenZArchiveEntry entry;

        private SevenZ(String path, SevenZFile file, java.nio.file.Path copy) {
            super(path);
            this.file = file;
            this.copy = copy;
        }

        static SevenZ open(String path, InputStream in) throws IOException {
            java.nio.file.Path local = localFile(path);
            java.nio.file.Path copy = null;
            if (local == null) {
                copy = Files.createTempFile("quex-archive-", ".7z");
                copy.toFile().deleteOnExit(); // in case a failing task never closes it
                try (OutputStream out = Files.newOutputStream(copy)) {
                    in.transferTo(out);
                } catch (IOException e) {
                    Files.deleteIfExists(copy);
                    throw e;
                }
                local = copy;
            }
            String name = new Path(path).getName();
            try {
                return new SevenZ(path, SevenZFile.builder().setPath(local).setUseDefaultNameForUnnamedEntries(true)
                        .setDefaultName(name.substring(0, name.length() - ".7z".length())).get(), copy);
            } catch (IOException | RuntimeException e) {
                if (copy != null) {
                    Files.deleteIfExists(copy);
                }
                throw e;
            }
        }

        @Override
        protected Entry advance() throws IOException {
            entry = file.getNextEntry();
            if (entry == null) {
                return null;
            }
            String notAFile = entry.isDirectory() ? "directory" : entry.isAntiItem() ? "deletion marker (anti-item)" : null;
            // 7z stores directory names without the trailing '/' the other formats have
            String name = entry.isDirectory() && !entry.getName().endsWith("/") ? entry.getName() + "/" : entry.getName();
            return new Entry(name, notAFile, null);
        }

        @Override
        protected InputStream raw() {
            if (!entry.hasStream()) {
                return InputStream.nullInputStream(); // an empty file
            }
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    return file.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return file.read(b, off, len);
                }
            };
        }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                if (copy != null) {
                    Files.deleteIfExists(copy);
                }
            }
        }
    }

    /**
     * The file's stream as the archive readers see it: closing leaves it open, and skipping reads,
     * so that a digest computed on it still covers every byte.
     */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public void close() {
        }
    }

    /** An entry's bytes: read errors name the entry; closing leaves the archive open. */
    private static final class EntryStream extends FilterInputStream {
        private final String name;

        EntryStream(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        private QuexException damaged(IOException e) {
            return new QuexException(name + ": the archive entry cannot be read (" + reason(e)
                    + "); is the archive damaged or cut short?", e);
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public long skip(long n) {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
