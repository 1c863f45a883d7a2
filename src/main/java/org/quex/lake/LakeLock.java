package org.quex.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;

/**
 * One run at a time on a lake: LAKE/_lock is created if absent (an atomic create on HDFS and local
 * file systems) and removed when the run ends, failed or not. A run that finds it stops, naming
 * who holds it; a lock left by a killed run is removed by hand.
 */
public final class LakeLock implements AutoCloseable {
    private final FileSystem fs;
    private final Path path;

    private LakeLock(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    public static LakeLock acquire(Configuration hadoop, LakeTables lake, String holder) {
        Path path = new Path(lake.root(), "_lock");
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (OutputStream out = fs.create(path, false)) {
                out.write((holder + " pid " + ManagementFactory.getRuntimeMXBean().getPid() + " since " + Instant.now() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                throw new QuexException("the lake " + lake.root() + " is locked by another run (" + read(fs, path)
                        + "); if that run is dead, remove " + path);
            }
            return new LakeLock(fs, path);
        } catch (IOException e) {
            throw new QuexException("cannot lock the lake " + lake.root() + ": " + e.getMessage(), e);
        }
    }

    private static String read(FileSystem fs, Path path) {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            throw new QuexException("cannot remove the lake lock " + path + ": " + e.getMessage(), e);
        }
    }
}
