package org.quex.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables one run writes into a lake, made visible together by one new {@link LakeCatalogue}.
 * Writers ask for a new version directory per table ({@link #newVersion}), write it, and name its
 * years ({@link #putYears}); {@link #publish} writes the catalogue and then deletes the versions no
 * retained catalogue names. A commit begun while another is open on the same lake in this JVM joins
 * it (a stage inside a run: the run's commit publishes, once), and the stages of the commit read
 * through {@link #view()} what the earlier ones wrote. A commit closed unpublished (a failure) leaves
 * the catalogue as it was and deletes what it wrote.
 *
 * <p>Writers are kept apart by {@link LakeLock}; the catalogue's atomicity needs from the file
 * system only that a new file appear whole: a rename of a finished temporary file (atomic on HDFS
 * and local disks), or on object stores (s3a, gs…), where rename is a copy, one PUT of the new name.
 */
public final class LakeCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeCommit.class);
    /** Open commits of this JVM by qualified lake root. */
    private static final Map<String, LakeCommit> OPEN = new ConcurrentHashMap<>();
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cos", "cosn", "obs");

    private final Configuration hadoop;
    private final FileSystem fs;
    private final LakeTables lake;
    private final String root;
    private final String what;
    private final int keepPrevious;
    private final LakeCatalogue base;
    private final String id;
    private final SortedMap<String, SortedMap<String, String>> changes = new TreeMap<>();
    private final List<Path> written = new ArrayList<>();
    private int depth = 1;
    private boolean published;

    private LakeCommit(Configuration hadoop, FileSystem fs, LakeTables lake, String root, String what, int keepPrevious,
                       LakeCatalogue base) {
        this.hadoop = hadoop;
        this.fs = fs;
        this.lake = lake;
        this.root = root;
        this.what = what;
        this.keepPrevious = keepPrevious;
        this.base = base;
        this.id = String.format(java.util.Locale.ROOT, "c%07d-%s", base.commit() + 1,
                java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /** A commit on {@code lake} keeping one previous catalogue's versions; joins one already open here. */
    public static LakeCommit begin(Configuration hadoop, LakeTables lake, String what) {
        return begin(hadoop, lake, what, 1);
    }

    /**
     * @param keepPrevious how many catalogues before the new one keep their versions on disk (for a
     *                     reader still on them), from conf key {@code lake.catalogue.keep_previous}
     */
    public static synchronized LakeCommit begin(Configuration hadoop, LakeTables lake, String what, int keepPrevious) {
        try {
            Path r = new Path(lake.root());
            FileSystem fs = r.getFileSystem(hadoop);
            String root = LakeCatalogue.qualified(hadoop, r);
            LakeCommit open = OPEN.get(root);
            if (open != null) {
                open.depth++;
                return open;
            }
            LakeCommit c = new LakeCommit(hadoop, fs, lake, root, what, keepPrevious, LakeCatalogue.current(hadoop, lake));
            OPEN.put(root, c);
            return c;
        } catch (IOException e) {
            throw new QuexException("cannot open the lake " + lake.root() + ": " + e.getMessage(), e);
        }
    }

    /** The commit open in this JVM on the lake holding {@code table}, or null. */
    static LakeCommit holding(Configuration hadoop, Path table) {
        if (OPEN.isEmpty()) {
            return null;
        }
        try {
            String t = LakeCatalogue.qualified(hadoop, table);
            for (Map.Entry<String, LakeCommit> e : OPEN.entrySet()) {
                if (t.startsWith(e.getKey() + "/")) {
                    return e.getValue();
                }
            }
            return null;
        } catch (IOException e) {
            throw new QuexException("cannot resolve " + table + ": " + e.getMessage(), e);
        }
    }

    /** The open commit {@code table} must be written in; a write outside one is a bug. */
    static LakeCommit required(Configuration hadoop, Path table) {
        LakeCommit c = holding(hadoop, table);
        if (c == null) {
            throw new IllegalStateException("write of " + table + " outside a lake commit (LakeCommit.begin)");
        }
        return c;
    }

    /** The lake as this commit would publish it now. */
    public LakeCatalogue view() {
        SortedMap<String, SortedMap<String, String>> t = new TreeMap<>();
        base.entries().forEach((k, v) -> t.put(k, new TreeMap<>(v)));
        changes.forEach((table, parts) -> {
            SortedMap<String, String> m = t.computeIfAbsent(table, k -> new TreeMap<>());
            parts.forEach((k, v) -> {
                if (v == null) {
                    m.remove(k);
                } else {
                    m.put(k, v);
                }
            });
            if (m.isEmpty()) {
                t.remove(table);
            }
        });
        return new LakeCatalogue(lake, base.commit() + 1, t);
    }

    /** A new, empty-to-be directory for a version of {@code table}: TABLE/_v/&lt;commit id&gt;[-n]. */
    public Path newVersion(Path table) {
        Path versions = new Path(table, LakeCatalogue.VERSIONS);
        Path v = new Path(versions, id);
        try {
            for (int n = 2; fs.exists(v); n++) {
                v = new Path(versions, id + "-" + n);
            }
        } catch (IOException e) {
            throw new QuexException("cannot write " + table + ": " + e.getMessage(), e);
        }
        written.add(v);
        return v;
    }

    /**
     * Names {@code version}/year=Y as year Y of {@code table} for each of {@code years}; a year whose
     * directory the version lacks (no rows), or a null version, removes the year from the table.
     */
    public void putYears(Path table, Path version, Collection<Integer> years) {
        String name = name(table);
        try {
            Set<String> present = new HashSet<>();
            if (version != null && fs.exists(version)) {
                for (FileStatus s : fs.listStatus(version)) {
                    present.add(s.getPath().getName());
                }
            }
            SortedMap<String, String> m = changes.computeIfAbsent(name, k -> new TreeMap<>());
            for (int year : years) {
                String dir = LakeTables.yearPartition(version == null ? table : version, year).getName();
                m.put(Integer.toString(year), present.contains(dir) ? name(LakeTables.yearPartition(version, year)) : null);
            }
        } catch (IOException e) {
            throw new QuexException("cannot list " + version + ": " + e.getMessage(), e);
        }
        KillPoint.reach("table.written");
    }

    /** Names {@code version} as the whole of {@code table} (a table not partitioned by year). */
    public void putWhole(Path table, Path version) {
        SortedMap<String, String> m = new TreeMap<>();
        m.put(LakeCatalogue.WHOLE, name(version));
        changes.put(name(table), m);
        KillPoint.reach("table.written");
    }

    private String name(Path p) {
        String n = base.nameOf(hadoop, p);
        if (n == null) {
            throw new IllegalStateException(p + " is not in the lake " + lake.root());
        }
        return n;
    }

    /**
     * Makes what the commit wrote visible, in one step: writes catalogue N+1, then collects old
     * versions. Inside a commit that another joined, only the outermost publishes.
     */
    public void publish() {
        if (depth > 1 || published) {
            return;
        }
        LakeCatalogue next = view();
        Path file = LakeCatalogue.commitFile(lake, next.commit());
        byte[] text = next.json(what).getBytes(StandardCharsets.UTF_8);
        try {
            fs.mkdirs(LakeCatalogue.directory(lake));
            if (fs.exists(file)) {
                throw new QuexException("cannot commit to the lake " + lake.root() + ": " + file
                        + " exists (another run wrote the lake without its lock)");
            }
            if (OBJECT_STORES.contains(String.valueOf(fs.getUri().getScheme()))) {
                // the object appears whole when the stream closes: one PUT of a new name
                try (OutputStream out = fs.create(file, false)) {
                    out.write(text);
                }
            } else {
                Path temp = new Path(LakeCatalogue.directory(lake), "." + file.getName() + "." + id + ".tmp");
                try (OutputStream out = fs.create(temp, true)) {
                    out.write(text, 0, text.length / 2);
                    out.flush();
                    KillPoint.reach("catalogue.half");
                    out.write(text, text.length / 2, text.length - text.length / 2);
                }
                KillPoint.reach("catalogue.temp");
                if (!fs.rename(temp, file)) {
                    throw new QuexException("cannot commit to the lake " + lake.root() + ": cannot rename " + temp
                            + " to " + file);
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot write the lake catalogue " + file + ": " + e.getMessage(), e);
        }
        published = true;
        KillPoint.reach("catalogue.published");
        collect(next.commit());
    }

    /**
     * Deletes what no retained catalogue names: catalogues older than the last {@code keepPrevious + 1},
     * then under each table the versions (and old-layout year=Y directories and files) none of the
     * retained ones points into, including those of runs killed before their commit, and what
     * killed ingests left in _staging/.
     */
    private void collect(long current) {
        try {
            List<Long> commits = LakeCatalogue.commits(fs, lake);
            List<Long> retained = commits.stream().filter(n -> n > current - 1 - keepPrevious && n <= current).toList();
            Set<String> kept = new HashSet<>();
            Set<String> tables = new HashSet<>();
            for (long n : retained) {
                LakeCatalogue c = n == current ? view() : LakeCatalogue.read(fs, lake, n);
                c.entries().forEach((t, parts) -> {
                    tables.add(t);
                    parts.values().forEach(kept::add);
                });
            }
            if (retained.size() < keepPrevious + 1 && base.commit() == 0) {
                // the old layout counts as the catalogue before the first
                base.entries().forEach((t, parts) -> {
                    tables.add(t);
                    parts.values().forEach(kept::add);
                });
            }
            for (long n : commits) {
                if (!retained.contains(n)) {
                    fs.delete(LakeCatalogue.commitFile(lake, n), false);
                }
            }
            for (FileStatus s : fs.listStatus(LakeCatalogue.directory(lake))) {
                if (s.getPath().getName().endsWith(".tmp")) {
                    fs.delete(s.getPath(), false); // a killed commit's temporary file
                }
            }
            Path staging = new Path(lake.root(), "_staging");
            if (fs.exists(staging)) {
                for (FileStatus s : fs.listStatus(staging)) {
                    fs.delete(s.getPath(), true); // left by a killed ingest: writers hold the lock, none is running
                }
            }
            tables.addAll(changes.keySet());
            for (String t : tables) {
                Path table = new Path(lake.root(), t);
                if (!fs.exists(table) || kept.contains(t)) {
                    continue;
                }
                for (FileStatus s : fs.listStatus(table)) {
                    String child = s.getPath().getName();
                    if (child.equals(LakeCatalogue.VERSIONS)) {
                        for (FileStatus v : fs.listStatus(s.getPath())) {
                            drop(v.getPath(), t + "/" + LakeCatalogue.VERSIONS + "/" + v.getPath().getName(), kept);
                        }
                    } else if (!LakeCatalogue.hidden(child)) {
                        drop(s.getPath(), t + "/" + child, kept);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the commit stands; what is left is collected by the next one
            LOG.warn("lake {}: old versions not collected: {}", lake.root(), e.toString());
        }
    }

    private void drop(Path path, String name, Set<String> kept) throws IOException {
        for (String k : kept) {
            if (k.equals(name) || k.startsWith(name + "/")) {
                return;
            }
        }
        fs.delete(path, true);
        KillPoint.reach("gc.deleted");
    }

    @Override
    public synchronized void close() {
        if (--depth > 0) {
            return;
        }
        OPEN.remove(root);
        if (!published) {
            for (Path v : written) {
                try {
                    fs.delete(v, true);
                } catch (IOException e) {
                    LOG.warn("cannot remove {} of an unfinished commit: {}", v, e.toString());
                }
            }
        }
    }
}
