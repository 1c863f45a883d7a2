package org.quex.ingest;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens a raw delivery file. On the local file system it bypasses Hadoop's checksum layer: raw
 * files never have the ".NAME.crc" sidecar it would verify, and it builds that sidecar's path as a
 * URI, which fails for a file named like "customs 2007:01.csv" (URISyntaxException).
 */
public final class RawInput {
    private RawInput() {
    }

    public static FSDataInputStream open(FileSystem fs, Path file) throws IOException {
        return open(fs, file, 1 << 16);
    }

    public static FSDataInputStream open(FileSystem fs, Path file, int buffer) throws IOException {
        return (fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs).open(file, buffer);
    }
}
