package org.quex.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;

/**
 * Refuses two input files with the same bytes (a month copied under another name): their rows would
 * be counted twice. Files are compared by size and a digest of their first megabyte, and only files
 * alike in both are read in full, so a delivery of distinct files costs one megabyte each.
 */
final class ContentCopies {
    /** A file and the file system it is on. */
    record Found(FileSystem fs, FileStatus status) {
    }

    private ContentCopies() {
    }

    static void refuse(List<Found> files) throws IOException {
        Map<String, Found> seen = new LinkedHashMap<>();
        for (Found f : files) {
            String key = f.status().getLen() + ":" + digest(f, EncodingDetector.SAMPLE_BYTES);
            Found twin = seen.putIfAbsent(key, f);
            if (twin != null && twin.status().getPath().equals(f.status().getPath())) {
                throw new QuexException(f.status().getPath() + " is given twice (as a file and inside a directory?): "
                        + "its rows would be counted twice");
            }
            if (twin != null && digest(twin, Long.MAX_VALUE).equals(digest(f, Long.MAX_VALUE))) {
                throw new QuexException(f.status().getPath() + " has the same content as " + twin.status().getPath()
                        + ": its rows would be counted twice; remove one of them");
            }
        }
    }

    private static String digest(Found f, long limit) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        long left = limit;
        Path path = f.status().getPath();
        try (InputStream in = RawInput.open(f.fs(), path)) {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                sha.update(buffer, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
