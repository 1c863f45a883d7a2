package org.quex.cli;

import com.beust.jcommander.Parameter;
import org.quex.lake.LakeTables;

/** {@code --lake}, shared by the commands that read or write one lake (the stages and lake list/export). */
final class LakeOption {
    @Parameter(names = "--lake", description = "Lake root (local path, hdfs:// or s3a://)")
    String root = "lake";

    LakeTables tables() {
        return new LakeTables(root);
    }
}
