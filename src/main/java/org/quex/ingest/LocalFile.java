package org.quex.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;

/**
 * A raw input as a file on the local disk, for readers that need random access (a workbook's zip
 * directory, an Access database's pages): the file itself when it is local, otherwise a temporary
 * copy that {@link #close()} deletes.
 */
public final class LocalFile implements AutoCloseable {
    private final Path path;
    private final boolean temporary;
    private boolean closed;

    private LocalFile(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** The file in place when {@code fs} is the local file system, else a temporary copy. */
    public static LocalFile of(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            return new LocalFile(Path.of(fs.makeQualified(file).toUri()), false);
        }
        try (InputStream in = RawInput.open(fs, file)) {
            return copyOf(in, file.getName());
        }
    }

    /** Copies {@code in} to its end into a temporary file that keeps the extension of {@code name}. */
    public static LocalFile copyOf(InputStream in, String name) throws IOException {
        var ext = java.util.regex.Pattern.compile("\\.[A-Za-z0-9]{1,6}$").matcher(name);
        String suffix = ext.find() ? ext.group() : ".tmp";
        Path tmp = Files.createTempFile("quex-input-", suffix);
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new LocalFile(tmp, true);
    }

    /**
     * Copies {@code in} (a {@code what}: workbook, database) to a temporary file and opens it with
     * {@code reader}, which owns the copy from then on (it deletes it on close); a reader that fails
     * to open deletes nothing left behind either.
     */
    public static <T> T openCopy(InputStream in, String name, String what,
                                 java.util.function.Function<LocalFile, T> reader) {
        LocalFile local;
        try {
            local = copyOf(in, name);
        } catch (IOException e) {
            throw new org.quex.QuexException(name + ": cannot copy the " + what + " to a local file: " + e.getMessage(), e);
        }
        try {
            return reader.apply(local);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes a temporary copy (once; later calls do nothing). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the temporary copy " + path, e);
            }
        }
    }
}
