package org.quex.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;

/**
 * Which directory holds each table-year of a lake: one commit of LAKE/_catalogue/. A run writes
 * every table-year into a new directory (TABLE/_v/&lt;commit id&gt;/year=Y) that no reader looks at,
 * then writes the next catalogue, commit-N.json, naming the new directories and every unchanged one:
 * the tables of the commit become visible together, when that one file appears (a rename of a
 * finished temporary file; on object stores one PUT of the new name). Readers take the highest N, so
 * a run killed at any point leaves the previous catalogue, and every directory it names, whole.
 *
 * <p>A lake written before catalogues existed (TABLE/year=Y directories, no _catalogue) reads as
 * commit 0, listed from its directories; its first commit names those directories as they are, and
 * later commits replace them one by one (no conversion step).
 */
public final class LakeCatalogue {
    public static final String DIRECTORY = "_catalogue";
    /** The directory of a table holding its versions, one subdirectory per commit that wrote it. */
    public static final String VERSIONS = "_v";
    /** The key of a table not partitioned by year (its one version holds all its rows). */
    public static final String WHOLE = "all";
    private static final Pattern COMMIT = Pattern.compile("commit-(\\d{10})\\.json");

    private final LakeTables lake;
    private final long commit;
    /** table name (raw/customs) → year (or {@link #WHOLE}) → directory relative to the lake root */
    private final SortedMap<String, SortedMap<String, String>> tables;

    LakeCatalogue(LakeTables lake, long commit, SortedMap<String, SortedMap<String, String>> tables) {
        this.lake = lake;
        this.commit = commit;
        this.tables = tables;
    }

    /** The lake's current catalogue: its highest commit, or its directories when it has none. */
    public static LakeCatalogue current(Configuration hadoop, LakeTables lake) {
        Path root = new Path(lake.root());
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            List<Long> commits = commits(fs, lake);
            return commits.isEmpty() ? legacy(fs, lake) : read(fs, lake, commits.get(commits.size() - 1));
        } catch (IOException e) {
            throw new QuexException("cannot read the catalogue of the lake " + lake.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The catalogue through which {@code table} is read: that of a commit this JVM has open on the
     * table's lake (so a stage reads what an earlier stage of the same commit wrote), else the current
     * catalogue of the lake holding {@code table}; null when no lake around it has a catalogue (a
     * plain directory, or a lake of the old layout read as it is).
     */
    public static LakeCatalogue of(Configuration hadoop, Path table) {
        LakeCommit open = LakeCommit.holding(hadoop, table);
        if (open != null) {
            return open.view();
        }
        try {
            FileSystem fs = table.getFileSystem(hadoop);
            Path dir = table.getParent();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                if (fs.exists(new Path(dir, DIRECTORY))) {
                    LakeTables lake = new LakeTables(dir.toString());
                    LakeCatalogue c = current(hadoop, lake);
                    return c.nameOf(hadoop, table) == null ? null : c;
                }
            }
            return null;
        } catch (IOException e) {
            throw new QuexException("cannot read the catalogue of " + table + ": " + e.getMessage(), e);
        }
    }

    public LakeTables lake() {
        return lake;
    }

    /** The commit number; 0 for a lake of the old layout. */
    public long commit() {
        return commit;
    }

    /** The names of the tables (raw/customs, _quality/ingest/asif, …), sorted. */
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** The directories of a table: year (or {@link #WHOLE}) → directory; empty for an unknown table. */
    public SortedMap<String, Path> parts(String table) {
        SortedMap<String, Path> m = new TreeMap<>();
        tables.getOrDefault(table, Collections.emptySortedMap())
                .forEach((k, v) -> m.put(k, new Path(lake.root(), v)));
        return m;
    }

    /** The directory holding year {@code year} of {@code table}, or null when the table has no such year. */
    public Path yearDirectory(String table, int year) {
        return parts(table).get(Integer.toString(year));
    }

    /** The years of a table partitioned by year, ascending. */
    public List<Integer> years(String table) {
        List<Integer> years = new ArrayList<>();
        for (String k : tables.getOrDefault(table, Collections.emptySortedMap()).keySet()) {
            if (k.matches("\\d{1,4}")) {
                years.add(Integer.parseInt(k));
            }
        }
        years.sort(null);
        return years;
    }

    /** The name of {@code table} in this lake (raw/customs), or null if it lies outside the lake. */
    public String nameOf(Configuration hadoop, Path table) {
        try {
            String root = qualified(hadoop, new Path(lake.root())) + "/";
            String t = qualified(hadoop, table);
            return t.startsWith(root) ? t.substring(root.length()) : null;
        } catch (IOException e) {
            throw new QuexException("cannot resolve " + table + ": " + e.getMessage(), e);
        }
    }

    static String qualified(Configuration hadoop, Path p) throws IOException {
        return p.getFileSystem(hadoop).makeQualified(p).toString().replaceAll("/+$", "");
    }

    SortedMap<String, SortedMap<String, String>> entries() {
        return tables;
    }

    // ---- storage ----

    static Path directory(LakeTables lake) {
        return new Path(lake.root(), DIRECTORY);
    }

    static Path commitFile(LakeTables lake, long n) {
        return new Path(directory(lake), String.format(java.util.Locale.ROOT, "commit-%010d.json", n));
    }

    /** The numbers of the commit files, ascending (temporary files of unfinished commits are not commits). */
    static List<Long> commits(FileSystem fs, LakeTables lake) throws IOException {
        Path dir = directory(lake);
        List<Long> n = new ArrayList<>();
        if (!fs.exists(dir)) {
            return n;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            Matcher m = COMMIT.matcher(s.getPath().getName());
            if (m.matches()) {
                n.add(Long.parseLong(m.group(1)));
            }
        }
        n.sort(null);
        return n;
    }

    static LakeCatalogue read(FileSystem fs, LakeTables lake, long n) throws IOException {
        Path file = commitFile(lake, n);
        Map<?, ?> json;
        try (InputStream in = fs.open(file)) {
            json = new ObjectMapper().readValue(in, Map.class);
        } catch (IOException | RuntimeException e) {
            throw new QuexException("lake catalogue " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        SortedMap<String, SortedMap<String, String>> tables = new TreeMap<>();
        if (json.get("tables") instanceof Map<?, ?> t) {
            for (Map.Entry<?, ?> e : t.entrySet()) {
                SortedMap<String, String> parts = new TreeMap<>();
                if (e.getValue() instanceof Map<?, ?> p) {
                    p.forEach((k, v) -> parts.put(k.toString(), v.toString()));
                }
                tables.put(e.getKey().toString(), parts);
            }
        }
        return new LakeCatalogue(lake, n, tables);
    }

    /** The catalogue's JSON: commit number, who wrote it, and the directory of every table-year. */
    String json(String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", commit);
        m.put("written", java.time.Instant.now().toString());
        m.put("by", by);
        m.put("tables", tables);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Commit 0 of a lake of the old layout: every TABLE/year=Y directory, and TABLE itself for a
     * table whose files lie directly in it, under the stage directories and _quality/&lt;stage&gt;/.
     */
    static LakeCatalogue legacy(FileSystem fs, LakeTables lake) throws IOException {
        SortedMap<String, SortedMap<String, String>> tables = new TreeMap<>();
        List<String> parents = new ArrayList<>(LakeTables.TABLE_DIRECTORIES);
        Path quality = new Path(lake.root(), "_quality");
        if (fs.exists(quality)) {
            for (FileStatus s : fs.listStatus(quality)) {
                if (s.isDirectory() && !hidden(s.getPath().getName())) {
                    parents.add("_quality/" + s.getPath().getName());
                }
            }
        }
        for (String parent : parents) {
            Path dir = new Path(lake.root(), parent);
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus t : fs.listStatus(dir)) {
                if (!t.isDirectory() || hidden(t.getPath().getName())) {
                    continue;
                }
                String name = parent + "/" + t.getPath().getName();
                SortedMap<String, String> parts = new TreeMap<>();
                boolean direct = false;
                for (FileStatus c : fs.listStatus(t.getPath())) {
                    String child = c.getPath().getName();
                    if (hidden(child)) {
                        continue;
                    }
                    if (c.isDirectory() && child.startsWith("year=")) {
                        parts.put(child.substring(5), name + "/" + child);
                    } else {
                        direct = true;
                    }
                }
                if (direct && parts.isEmpty()) {
                    parts.put(WHOLE, name);
                }
                tables.put(name, parts); // an empty one too: lake list shows it with no rows
            }
        }
        return new LakeCatalogue(lake, 0, tables);
    }

    static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
