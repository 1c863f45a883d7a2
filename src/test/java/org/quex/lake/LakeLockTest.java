package org.quex.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;

/** The lake's lock on the local file system: refusal, take-over of dead holders, heartbeat, --break-lock. */
class LakeLockTest {
    private static final Configuration HADOOP = new Configuration();
    private static final LakeLock.Policy FIVE_MINUTES = LakeLock.Policy.DEFAULT;

    @TempDir
    Path tmp;

    private LakeTables lake() {
        return new LakeTables(tmp.resolve("lake").toString());
    }

    private Path lockFile() {
        return tmp.resolve("lake/_lock");
    }

    private void writeLock(String text, Instant modified) throws Exception {
        Files.createDirectories(lockFile().getParent());
        Files.writeString(lockFile(), text);
        Files.setLastModifiedTime(lockFile(), FileTime.from(modified));
    }

    private static String holder(String what, String host, long pid, Instant beat) {
        return "what=" + what + "\nhost=" + host + "\npid=" + pid + "\nstarted=" + beat + "\nheartbeat=" + beat + "\n";
    }

    @Test
    void aLiveHolderIsNamedAndTheLockIsFreedOnClose() {
        try (LakeLock first = LakeLock.acquire(HADOOP, lake(), "quex run A", FIVE_MINUTES)) {
            assertNull(first.takeover());
            QuexException e = assertThrows(QuexException.class,
                    () -> LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES));
            assertTrue(e.getMessage().startsWith("the lake " + lake().root() + " is locked by another run (quex run A pid "
                    + ProcessHandle.current().pid() + " on " + LakeLock.hostName() + ", last heartbeat "), e.getMessage());
            assertTrue(e.getMessage().endsWith("wait for it to end, or if it is dead pass --break-lock"
                    + " (a lock without heartbeat for 300 s is taken over)"), e.getMessage());
        }
        assertFalse(Files.exists(lockFile()));
        try (LakeLock again = LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES)) {
            assertNull(again.takeover());
        }
    }

    @Test
    void aLockOfAProcessKilledOnThisHostIsTakenOver() throws Exception {
        // a real JVM takes the lock and is killed with SIGKILL: no close, no shutdown hook
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lake().root())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("locked")) {
                // log lines of the child
            }
            assertEquals("locked", line, "the child JVM took the lock");
        }
        long pid = holder.pid();
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.readString(lockFile()).contains("pid=" + pid + "\n"), "the killed run's lock is still there");

        try (LakeLock lock = LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES)) {
            assertTrue(lock.takeover().startsWith("took over the lake lock of quex run by a test pid " + pid + " on "
                    + LakeLock.hostName() + ", last heartbeat "), lock.takeover());
            assertTrue(lock.takeover().endsWith(": no process " + pid + " on " + LakeLock.hostName()), lock.takeover());
            assertTrue(Files.readString(lockFile()).contains("pid=" + ProcessHandle.current().pid() + "\n"));
        }
        assertEquals(List.of(), listLake(), "no lock and no renamed lock is left behind");
    }

    @Test
    void aSilentLockOfAnotherHostIsTakenOverOnlyAfterTheStaleTime() throws Exception {
        Instant now = Instant.now();
        writeLock(holder("quex run on node-7", "node-7", 4242, now.minusSeconds(30)), now.minusSeconds(30));
        QuexException e = assertThrows(QuexException.class,
                () -> LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES));
        // seconds are counted when the message is made: a loaded machine may add one or two
        assertTrue(e.getMessage().matches(".*\\(quex run on node-7 pid 4242 on node-7, last heartbeat 3[0-3] s ago\\).*"),
                e.getMessage());

        writeLock(holder("quex run on node-7", "node-7", 4242, now.minusSeconds(900)), now.minusSeconds(900));
        try (LakeLock lock = LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES)) {
            assertTrue(lock.takeover().matches(".*: no heartbeat for 90[0-3] s \\(stale after 300 s\\)"), lock.takeover());
        }
    }

    @Test
    void theFileTimeCountsAsAHeartbeatSoALockWithoutOneStillExpires() throws Exception {
        // the one-line lock of Quex before heartbeats: its modification time is all there is
        Instant now = Instant.now();
        writeLock("quex run on app-1 pid 42 since 2026-01-01T00:00:00Z\n", now.minusSeconds(10));
        QuexException e = assertThrows(QuexException.class,
                () -> LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES));
        assertTrue(e.getMessage().matches(".*\\(quex run on app-1 pid 42, last heartbeat 1[0-3] s ago\\).*"), e.getMessage());

        writeLock("quex run on app-1 pid 42 since 2026-01-01T00:00:00Z\n", now.minusSeconds(3600));
        try (LakeLock lock = LakeLock.acquire(HADOOP, lake(), "quex run B", FIVE_MINUTES)) {
            assertTrue(lock.takeover().matches("took over the lake lock of quex run on app-1 pid 42, last heartbeat"
                    + " 360[0-3] s ago: no heartbeat for 360[0-3] s \\(stale after 300 s\\)"), lock.takeover());
        }
    }

    @Test
    void breakLockTakesALiveLockAndItsHolderThenLeavesTheNewLockAlone() throws Exception {
        LakeLock.Policy quick = new LakeLock.Policy(Duration.ofSeconds(600), false);
        LakeLock first = LakeLock.acquire(HADOOP, lake(), "quex run A", quick);
        try (LakeLock second = LakeLock.acquire(HADOOP, lake(), "quex run B", new LakeLock.Policy(quick.staleAfter(), true))) {
            assertTrue(second.takeover().startsWith("broke the lake lock of quex run A pid "), second.takeover());
            assertTrue(second.takeover().endsWith(" (--break-lock)"), second.takeover());
            first.close(); // the broken holder ends: it must not remove the lock it no longer holds
            assertTrue(Files.readString(lockFile()).contains("what=quex run B\n"));
        }
        assertFalse(Files.exists(lockFile()));
    }

    @Test
    void theHolderKeepsItsHeartbeatGoing() throws Exception {
        LakeLock.Policy policy = new LakeLock.Policy(Duration.ofSeconds(2), false); // heartbeat every 1 s
        try (LakeLock lock = LakeLock.acquire(HADOOP, lake(), "quex run A", policy)) {
            // no heartbeat for 3 s would make the lock stale; the holder's beats keep it fresh
            Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minusSeconds(3)));
            Thread.sleep(2500);
            QuexException e = assertThrows(QuexException.class, () -> LakeLock.acquire(HADOOP, lake(), "quex run B", policy));
            assertTrue(e.getMessage().contains("is locked by another run (quex run A pid "), e.getMessage());
            assertTrue(Files.getLastModifiedTime(lockFile()).toInstant().isAfter(Instant.now().minusSeconds(2)));
        }
    }

    @Test
    void aBadStaleTimeIsOneLine() {
        assertEquals(Duration.ofSeconds(300), LakeLock.Policy.of(null, false).staleAfter());
        assertEquals(Duration.ofSeconds(45), LakeLock.Policy.of(" 45 ", true).staleAfter());
        assertEquals(Duration.ofMillis(4500), LakeLock.Policy.of("45", false).heartbeat());
        QuexException e = assertThrows(QuexException.class, () -> LakeLock.Policy.of("5m", false));
        assertEquals("lake.lock.stale_after_seconds = '5m' is not a whole number of seconds >= 1", e.getMessage());
    }

    private List<String> listLake() throws Exception {
        try (var s = Files.list(lockFile().getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** The child JVM of the kill test: takes the lock, says so, and waits to be killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            LakeLock.acquire(new Configuration(), new LakeTables(args[0]), "quex run by a test", LakeLock.Policy.DEFAULT);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
