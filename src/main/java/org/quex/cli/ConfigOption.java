package org.quex.cli;

import com.beust.jcommander.Parameter;

/** {@code --config}, shared by the commands that read conf/quex.conf (clean, panel, run). */
final class ConfigOption {
    @Parameter(names = "--config", description = "Configuration file (default: the packed conf/quex.conf)")
    String path;

    /** The file as the stage reports name it: the path, or "packed conf/quex.conf". */
    String label() {
        return path == null ? "packed conf/quex.conf" : path;
    }
}
