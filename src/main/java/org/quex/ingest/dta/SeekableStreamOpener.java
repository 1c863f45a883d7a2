package org.quex.ingest.dta;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Opens a file's bytes from any position: what the Stata reader needs besides the stream of its
 * rows, because value labels and strLs lie after the data yet are needed to read it, and because a
 * slice of a large file starts in the middle of it. Made where it is used (a Spark task makes its
 * own from the file's path): a Hadoop configuration does not serialize.
 */
@FunctionalInterface
public interface SeekableStreamOpener {
    /**
     * A new stream over the file's bytes from byte {@code position} on; the caller closes it. A
     * position after the end is an {@link java.io.EOFException} (as Hadoop's seek has it).
     */
    InputStream openAt(long position) throws IOException;

    /** A local file, through a positioned channel. */
    static SeekableStreamOpener of(java.nio.file.Path file) {
        String name = file.toString();
        return position -> {
            FileChannel ch = FileChannel.open(java.nio.file.Path.of(name), StandardOpenOption.READ);
            if (position > ch.size()) {
                ch.close();
                throw new EOFException("position " + position + " lies after the end of " + name);
            }
            ch.position(position);
            return new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
        };
    }

    /** A file of any Hadoop file system (local, HDFS, S3): open and seek. */
    static SeekableStreamOpener hadoop(String path, Configuration conf) {
        return position -> {
            Path p = new Path(path);
            FSDataInputStream in = org.quex.ingest.RawInput.open(p.getFileSystem(conf), p, 1 << 16);
            try {
                in.seek(position);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            return in;
        };
    }

    /** Bytes in memory (tests, small archive members). */
    static SeekableStreamOpener of(byte[] bytes) {
        return position -> {
            if (position > bytes.length) {
                throw new EOFException("position " + position + " lies after the end");
            }
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            in.skipNBytes(position);
            return in;
        };
    }
}
