package org.quex;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's small writes (results, fit and TFP outputs, year states, manifests) on any Hadoop
 * file system. A failure is one line that says what happened, the operation and the path
 * ("no space left on device while writing /results/run-1/table3.csv"): the file system's own
 * exception names neither reliably (Java's says "No space left on device" and nothing else).
 */
public final class FileWrites {
    private FileWrites() {
    }

    /** A write on a file system. */
    public interface Action {
        void run() throws IOException;
    }

    /** Runs {@code action}, an {@code operation} ("writing") on {@code path}; a failure becomes the one line. */
    public static void doing(String operation, FileSystem fs, Path path, Action action) {
        try {
            action.run();
        } catch (IOException e) {
            throw failure(operation, fs, path, e);
        } catch (FSError e) { // Hadoop's local file system throws a full disk as an Error
            throw failure(operation, fs, path, e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** Writes (replaces) {@code path} with {@code bytes}; parents are created. */
    public static void write(FileSystem fs, Path path, byte[] bytes) {
        doing("writing", fs, path, () -> {
            try (OutputStream out = fs.create(path, true)) {
                out.write(bytes);
            }
        });
    }

    /** Creates {@code dir} and its parents. */
    public static void mkdirs(FileSystem fs, Path dir) {
        doing("creating the directory", fs, dir, () -> {
            if (!fs.mkdirs(dir)) {
                throw new IOException("mkdirs returned false");
            }
        });
    }

    /** "REASON while OPERATION PATH", one line; the reason in plain words where it is known. */
    public static QuexException failure(String operation, FileSystem fs, Path path, IOException e) {
        return new QuexException(reason(fs, path, e) + " while " + operation + " " + path, e);
    }

    static String reason(FileSystem fs, Path path, IOException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left on device")) {
            return "no space left on device";
        }
        if (lower.contains("disk quota exceeded")) {
            return "disk quota exceeded";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system";
        }
        if (e instanceof java.nio.file.AccessDeniedException || e instanceof org.apache.hadoop.security.AccessControlException
                || lower.contains("permission denied") || lower.contains("access denied")) {
            return "permission denied";
        }
        String file = fileInTheWay(fs, path);
        if (file != null) {
            return "a path component is a file (" + file + ")";
        }
        return e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }

    /** The deepest existing ancestor of {@code path} when it is a file (what stops a mkdir), or null. */
    private static String fileInTheWay(FileSystem fs, Path path) {
        try {
            for (Path p = path.getParent(); p != null; p = p.getParent()) {
                if (fs.exists(p)) {
                    FileStatus st = fs.getFileStatus(p);
                    return st.isFile() ? p.toString() : null;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the diagnosis is a courtesy: the failure itself is reported anyway
        }
        return null;
    }
}
