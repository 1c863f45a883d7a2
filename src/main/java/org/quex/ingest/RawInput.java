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

    /** The SHA-256 (hex) of the file's first {@code limit} bytes (Long.MAX_VALUE: the whole file). */
    public static String sha256(FileSystem fs, Path file, long limit) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        long left = limit;
        try (java.io.InputStream in = open(fs, file)) {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                sha.update(buffer, 0, n);
                left -= n;
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
