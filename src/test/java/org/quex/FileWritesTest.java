package org.quex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.tfp.TfpOutput;

/**
 * Real failures of the file system (the kernel's, no mocks) come back as one line: what happened,
 * the operation and the path. Run as root too, where permissions do not stop a write: a full
 * device is /dev/full, a refused create is sysfs, a broken path is a file where a directory goes.
 */
class FileWritesTest {
    private static FileSystem raw() throws Exception {
        return FileSystem.getLocal(new Configuration()).getRawFileSystem(); // no .crc beside a device file
    }

    @Test
    void aFullDeviceIsNamedWithTheFile() throws Exception {
        QuexException e = assertThrows(QuexException.class, () -> FileWrites.write(raw(),
                new org.apache.hadoop.fs.Path("/dev/full"), "year,firm\n".repeat(10_000).getBytes(StandardCharsets.UTF_8)));
        assertEquals("no space left on device while writing /dev/full", e.getMessage());
    }

    @Test
    void aPathThroughAFileIsNamedWithTheFileInTheWay(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("results");
        Files.writeString(file, "a file where the results directory should be");
        String target = file + "/run-1/table3.csv";
        QuexException e = assertThrows(QuexException.class, () -> FileWrites.write(raw(),
                new org.apache.hadoop.fs.Path(target), new byte[] {1}));
        assertEquals("a path component is a file (" + file + ") while writing " + target, e.getMessage());
    }

    @Test
    void aWriterOfResultsNamesTheDirectoryItCouldNotCreate(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tfp");
        Files.writeString(file, "x");
        QuexException e = assertThrows(QuexException.class, () -> TfpOutput.write(Map.of(), file + "/by-industry",
                new Configuration()));
        assertEquals("a path component is a file (" + file + ") while creating the directory " + file + "/by-industry",
                e.getMessage());
    }

    @Test
    void aCreateTheKernelRefusesIsNamed() throws Exception {
        // sysfs takes no new files, not even from root: EACCES, or EROFS where /sys is mounted read-only
        QuexException e = assertThrows(QuexException.class, () -> FileWrites.write(raw(),
                new org.apache.hadoop.fs.Path("/sys/quex-results.csv"), new byte[] {1}));
        assertTrue(e.getMessage().equals("permission denied while writing /sys/quex-results.csv")
                || e.getMessage().equals("read-only file system while writing /sys/quex-results.csv"), e.getMessage());
    }
}
