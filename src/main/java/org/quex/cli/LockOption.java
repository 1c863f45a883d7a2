package org.quex.cli;

import com.beust.jcommander.Parameter;

/** {@code --break-lock}, shared by the commands that write to the lake (they hold its lock). */
final class LockOption {
    @Parameter(names = "--break-lock", description = "Take the lake's lock even from a run that seems alive (a lock"
            + " whose run is gone is taken over without it: same host and no such process, or no heartbeat for"
            + " lake.lock.stale_after_seconds)")
    boolean breakLock;
}
