package org.quex.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Rows of an Excel, Access or Stata output as staged by the tasks: one UTF-8 line per row, values
 * separated by the unit separator U+001F (generated values hold neither it nor a line break), read
 * back by the driver in chunk order to fill the container.
 */
final class StagedRecords implements Iterator<String[]>, AutoCloseable {
    static final char SEPARATOR = '\u001F';
    private static final String SPLIT = String.valueOf(SEPARATOR);

    static String line(String[] values) {
        StringBuilder b = new StringBuilder(values.length * 8);
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v.indexOf(SEPARATOR) >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a generated value holds a separator or line break: " + v);
            }
            if (i > 0) {
                b.append(SEPARATOR);
            }
            b.append(v);
        }
        return b.toString();
    }

    static String[] split(String line) {
        return line.split(SPLIT, -1); // a one-character pattern: String.split's fast path, no regex
    }

    private final FileSystem fs;
    private final FileStatus[] staged;
    private int nextFile;
    private BufferedReader reader;
    private String next;

    /** The rows staged under {@code dir} (none if it does not exist), in chunk order. */
    StagedRecords(FileSystem fs, Path dir) throws IOException {
        this.fs = fs;
        this.staged = stagedFiles(fs, dir);
        advance();
    }

    /** The staged chunk files of an output in name (chunk) order. */
    static FileStatus[] stagedFiles(FileSystem fs, Path dir) throws IOException {
        FileStatus[] files = fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
        Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        return files;
    }

    private void advance() {
        try {
            while (true) {
                if (reader != null) {
                    next = reader.readLine();
                    if (next != null) {
                        return;
                    }
                    reader.close();
                    reader = null;
                }
                if (nextFile == staged.length) {
                    next = null;
                    return;
                }
                reader = new BufferedReader(new InputStreamReader(fs.open(staged[nextFile++].getPath()),
                        StandardCharsets.UTF_8), 1 << 16);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read staged rows", e);
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String[] next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        String[] values = split(next);
        advance();
        return values;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
