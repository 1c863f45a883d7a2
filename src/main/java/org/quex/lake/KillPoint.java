package org.quex.lake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named places in a lake commit where a fault test stops the JVM as a {@code kill -9} would
 * ({@link Runtime#halt}: no shutdown hooks, no finally blocks, no lock released). Inert unless the
 * system property {@code quex.kill_at} names the point, as {@code point} (its first passage) or
 * {@code point@n} (its n-th passage). Points: {@code table.written} (a table-year's new version is
 * on disk, before the next table), {@code catalogue.half} (half of the new catalogue written to its
 * temporary file), {@code catalogue.temp} (the temporary file whole, not yet renamed),
 * {@code catalogue.published} (after the swap, before old versions are collected),
 * {@code gc.deleted} (one old version deleted, others left).
 */
public final class KillPoint {
    public static final String PROPERTY = "quex.kill_at";
    private static final Map<String, Integer> PASSED = new ConcurrentHashMap<>();

    private KillPoint() {
    }

    public static void reach(String point) {
        String at = System.getProperty(PROPERTY);
        if (at == null || !at.startsWith(point)) {
            return;
        }
        int wanted = at.equals(point) ? 1 : at.startsWith(point + "@") ? Integer.parseInt(at.substring(point.length() + 1)) : -1;
        if (wanted > 0 && PASSED.merge(point, 1, Integer::sum) == wanted) {
            System.err.println("quex: halted at " + at);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
