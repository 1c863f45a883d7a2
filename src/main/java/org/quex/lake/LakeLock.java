package org.quex.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time on a lake. LAKE/_lock is created if absent (an atomic create on HDFS and local
 * file systems) and removed when the run ends, failed or not. It names its holder (what, host, pid,
 * start) and carries a heartbeat that the holder rewrites every {@link Policy#heartbeat()}.
 *
 * <p>A run that finds the lock takes it over, and says so, when its holder is gone: on the same host
 * with no such process, or silent for longer than {@link Policy#staleAfter()} (a killed run on
 * another machine, or a lock file of an older Quex without heartbeat). Otherwise it stops naming the
 * holder, unless told to break the lock. A take-over first renames the old lock aside (atomic: of
 * two runs taking over at once only one succeeds) and then creates its own.
 */
public final class LakeLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeLock.class);

    /** When a lock counts as abandoned, and whether to break a live one. */
    public record Policy(Duration staleAfter, boolean breakLock) {
        public static final Policy DEFAULT = new Policy(Duration.ofMinutes(5), false);

        /** How often the holder rewrites its heartbeat: a tenth of the stale time, at least 1 s. */
        public Duration heartbeat() {
            return Duration.ofMillis(Math.max(1000, staleAfter.toMillis() / 10));
        }

        /** The policy of conf key {@code lake.lock.stale_after_seconds} (default 300). */
        public static Policy of(String staleAfterSeconds, boolean breakLock) {
            if (staleAfterSeconds == null || staleAfterSeconds.isBlank()) {
                return new Policy(DEFAULT.staleAfter, breakLock);
            }
            try {
                long seconds = Long.parseLong(staleAfterSeconds.trim());
                if (seconds >= 1) {
                    return new Policy(Duration.ofSeconds(seconds), breakLock);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new QuexException("lake.lock.stale_after_seconds = '" + staleAfterSeconds
                    + "' is not a whole number of seconds >= 1");
        }
    }

    /** Who holds a lock, as its file says. */
    record Holder(String what, String host, long pid, Instant started, Instant heartbeat) {
        static Holder self(String what, Instant now) {
            return new Holder(what, hostName(), ProcessHandle.current().pid(), now, now);
        }

        String text() {
            return "what=" + what.replace('\n', ' ') + "\nhost=" + host + "\npid=" + pid + "\nstarted=" + started
                    + "\nheartbeat=" + heartbeat + "\n";
        }

        /** The lock file's text; a lock written before heartbeats ("X pid N since T") has none. */
        static Holder parse(String text, Instant modified) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (p.getProperty("pid") == null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*) pid (\\d+) since (\\S+)").matcher(text.trim());
                return m.matches() ? new Holder(m.group(1), null, Long.parseLong(m.group(2)), instant(m.group(3)), modified)
                        : new Holder(text.trim(), null, -1, null, modified);
            }
            Instant beat = instant(p.getProperty("heartbeat"));
            if (beat == null || (modified != null && modified.isAfter(beat))) {
                beat = modified;
            }
            return new Holder(p.getProperty("what", "?"), p.getProperty("host"), parsePid(p.getProperty("pid")),
                    instant(p.getProperty("started")), beat);
        }

        String describe(Instant now) {
            return what + " pid " + pid + (host == null ? "" : " on " + host)
                    + (heartbeat == null ? ", no heartbeat" : ", last heartbeat "
                    + Duration.between(heartbeat, now).toSeconds() + " s ago");
        }

        boolean sameOwner(Holder other) {
            return other.pid == pid && java.util.Objects.equals(other.host, host)
                    && java.util.Objects.equals(other.started, started);
        }
    }

    /**
     * Why the holder of a lock is gone, or null when it may be alive: a process of this host that no
     * longer exists, or no heartbeat for longer than the policy allows.
     */
    static String abandoned(Holder h, Instant now, Duration staleAfter, String thisHost) {
        if (h.host != null && h.host.equals(thisHost) && h.pid > 0 && ProcessHandle.of(h.pid).isEmpty()) {
            return "no process " + h.pid + " on " + h.host;
        }
        if (h.heartbeat == null) {
            return null;
        }
        Duration silent = Duration.between(h.heartbeat, now);
        return silent.compareTo(staleAfter) > 0
                ? "no heartbeat for " + silent.toSeconds() + " s (stale after " + staleAfter.toSeconds() + " s)" : null;
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder self;
    private final ScheduledExecutorService beat;
    private final String takeover;
    private volatile boolean lost;

    private LakeLock(FileSystem fs, Path path, Holder self, Policy policy, String takeover) {
        this.fs = fs;
        this.path = path;
        this.self = self;
        this.takeover = takeover;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quex-lake-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = policy.heartbeat().toMillis();
        beat.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    public static LakeLock acquire(Configuration hadoop, LakeTables lake, String what) {
        return acquire(hadoop, lake, what, Policy.DEFAULT);
    }

    public static LakeLock acquire(Configuration hadoop, LakeTables lake, String what, Policy policy) {
        Path path = new Path(lake.root(), "_lock");
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            String takeover = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                Holder self = Holder.self(what, Instant.now());
                if (create(fs, path, self)) {
                    LakeLock lock = new LakeLock(fs, path, self, policy, takeover);
                    if (takeover != null) {
                        LOG.warn(takeover);
                        System.err.println("quex: " + takeover);
                    }
                    return lock;
                }
                Holder holder = read(fs, path);
                if (holder == null) {
                    continue; // released between our create and our read
                }
                Instant now = Instant.now();
                String gone = abandoned(holder, now, policy.staleAfter(), hostName());
                if (gone == null && !policy.breakLock()) {
                    throw new QuexException("the lake " + lake.root() + " is locked by another run ("
                            + holder.describe(now) + "); wait for it to end, or if it is dead pass --break-lock"
                            + " (a lock without heartbeat for " + policy.staleAfter().toSeconds() + " s is taken over)");
                }
                Path aside = new Path(lake.root(), "_lock.taken-" + now.toEpochMilli() + "-" + self.pid);
                if (!fs.rename(path, aside)) {
                    continue; // another run took it over first: try again against its lock
                }
                fs.delete(aside, false);
                takeover = (gone == null ? "broke" : "took over") + " the lake lock of " + holder.describe(now)
                        + (gone == null ? " (--break-lock)" : ": " + gone);
            }
            throw new QuexException("cannot lock the lake " + lake.root() + ": other runs keep taking " + path);
        } catch (IOException e) {
            throw new QuexException("cannot lock the lake " + lake.root() + ": " + e.getMessage() + " (" + path + ")", e);
        }
    }

    /** What the acquisition had to do to a lock left by another run, or null. */
    public String takeover() {
        return takeover;
    }

    private static boolean create(FileSystem fs, Path path, Holder h) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            out.write(h.text().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // some file systems report an existing file without the specific exception
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    private static Holder read(FileSystem fs, Path path) throws IOException {
        try {
            FileStatus st = fs.getFileStatus(path);
            try (InputStream in = fs.open(path)) {
                return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        Instant.ofEpochMilli(st.getModificationTime()));
            }
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    /**
     * Advances the heartbeat while the lock is still ours; stops if another run took it. The beat is
     * the file's modification time (an atomic touch, so a reader never sees a half-written lock);
     * where the file system ignores it (object stores), the lock is rewritten whole, which a PUT is.
     */
    private void heartbeat() {
        try {
            Holder now = read(fs, path);
            if (now == null || !now.sameOwner(self)) {
                lost = true;
                LOG.error("the lake lock {} was taken by another run ({}); this run no longer holds it", path,
                        now == null ? "removed" : now.describe(Instant.now()));
                beat.shutdown();
                return;
            }
            long time = System.currentTimeMillis();
            fs.setTimes(path, time, -1);
            if (fs.getFileStatus(path).getModificationTime() < time - 1000) {
                Holder next = new Holder(self.what, self.host, self.pid, self.started, Instant.ofEpochMilli(time));
                try (OutputStream out = fs.create(path, true)) {
                    out.write(next.text().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the heartbeat of {}: {}", path, e.toString());
        }
    }

    @Override
    public void close() {
        beat.shutdown();
        try {
            beat.awaitTermination(10, TimeUnit.SECONDS);
            Holder now = read(fs, path);
            if (!lost && now != null && now.sameOwner(self)) {
                fs.delete(path, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new QuexException("cannot remove the lake lock " + path + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown-host";
        }
    }
}
