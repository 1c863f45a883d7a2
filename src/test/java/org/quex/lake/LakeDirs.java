package org.quex.lake;

import java.nio.file.Path;

/** For tests that look at a local lake's files: the directory its current catalogue names for a table-year. */
public final class LakeDirs {
    private LakeDirs() {
    }

    /** The directory of year {@code year} of {@code table} (raw/customs) in the lake at {@code root}, or null. */
    public static Path year(Object root, String table, int year) {
        org.apache.hadoop.fs.Path dir = LakeCatalogue.current(new org.apache.hadoop.conf.Configuration(),
                new LakeTables(root.toString())).yearDirectory(table, year);
        return dir == null ? null : Path.of(dir.toUri().getPath());
    }
}
