package org.quex.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.quex.ConfigFile;
import org.quex.FileWrites;
import org.quex.QuexException;
import org.quex.ingest.RawInput;
import org.quex.lake.LakeTables;

/**
 * What a year's lake tables were built from: the content (sha256) of every raw input file, the
 * settings of each stage (conf keys ingest.*, clean.*, match.*) and the code version. Stored as
 * LAKE/_state/year=Y.properties once the year is ingested, cleaned and matched. An incremental run
 * compares it with the current state and rebuilds exactly the stages that are stale: new or
 * changed content re-ingests (a file corrected in place with the same size and time included),
 * changed cleaning settings re-clean, changed match settings re-match; a year without state (never
 * built, or its rebuild failed half-way) is built whole.
 */
record YearState(int year, Map<String, String> files, String code, Map<String, String> ingest,
                 Map<String, String> clean, Map<String, String> match) {

    /** The first stage to redo, and why; {@code REUSE} when nothing changed. */
    enum Stage { INGEST, CLEAN, MATCH, REUSE }

    record Staleness(Stage from, String reason) {
    }

    static YearState of(Configuration hadoop, int year, List<String> inputs, ConfigFile config, String code) {
        Map<String, String> files = new TreeMap<>();
        try {
            for (String input : inputs) {
                Path p = new Path(input);
                FileSystem fs = p.getFileSystem(hadoop);
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    files.put(f.getPath().toUri().getPath(), RawInput.sha256(fs, f.getPath(), Long.MAX_VALUE));
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot read the raw inputs of " + year + " " + inputs + ": " + e.getMessage(), e);
        }
        return new YearState(year, files, code, config.echo("ingest."), config.echo("clean."), config.echo("match."));
    }

    static Path stateFile(LakeTables lake, int year) {
        return new Path(lake.root(), "_state/year=" + year + ".properties");
    }

    /** Which stages of this year must be redone given what the lake holds, and why. */
    Staleness staleness(Configuration hadoop, LakeTables lake) {
        YearState built = read(hadoop, lake);
        if (built == null) {
            return new Staleness(Stage.INGEST, "not built before (or its last build did not finish)");
        }
        if (!built.files.equals(files)) {
            return new Staleness(Stage.INGEST, difference("raw file", built.files, files));
        }
        if (!built.code.equals(code)) {
            return new Staleness(Stage.INGEST, "code version " + built.code + " -> " + code);
        }
        if (!built.ingest.equals(ingest)) {
            return new Staleness(Stage.INGEST, difference("setting", built.ingest, ingest));
        }
        if (!built.clean.equals(clean)) {
            return new Staleness(Stage.CLEAN, difference("setting", built.clean, clean));
        }
        if (!built.match.equals(match)) {
            return new Staleness(Stage.MATCH, difference("setting", built.match, match));
        }
        return new Staleness(Stage.REUSE, "raw files, settings and code unchanged");
    }

    /** The first difference between two maps, in words: "raw file X changed", "setting k a -> b". */
    static String difference(String what, Map<String, String> before, Map<String, String> now) {
        List<String> changes = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(union(before, now))) {
            String a = before.get(key);
            String b = now.get(key);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (what.equals("raw file")) {
                changes.add(what + " " + key + (a == null ? " is new" : b == null ? " is gone" : " changed content"));
            } else {
                changes.add(what + " " + key + " " + (a == null ? "(unset)" : a) + " -> " + (b == null ? "(unset)" : b));
            }
        }
        return changes.size() == 1 ? changes.get(0) : changes.get(0) + " (and " + (changes.size() - 1) + " more)";
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private YearState read(Configuration hadoop, LakeTables lake) {
        Path state = stateFile(lake, year);
        try {
            FileSystem fs = state.getFileSystem(hadoop);
            if (!fs.exists(state) || !linked(hadoop, fs, lake)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = fs.open(state)) {
                p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            return new YearState(year, section(p, "file."), p.getProperty("code_version", ""),
                    section(p, "ingest."), section(p, "clean."), section(p, "match."));
        } catch (IOException e) {
            throw new QuexException("cannot read " + state + ": " + e.getMessage(), e);
        }
    }

    /** Whether the lake's catalogue (or, in the old layout, its directories) holds the year's match links. */
    private boolean linked(Configuration hadoop, FileSystem fs, LakeTables lake) throws IOException {
        org.quex.lake.LakeCatalogue catalogue = org.quex.lake.LakeCatalogue.of(hadoop, lake.matchLinks());
        Path links = catalogue == null ? LakeTables.yearPartition(lake.matchLinks(), year)
                : catalogue.parts(catalogue.nameOf(hadoop, lake.matchLinks())).get(Integer.toString(year));
        return links != null && fs.exists(links);
    }

    private static Map<String, String> section(Properties p, String prefix) {
        Map<String, String> m = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                m.put(prefix.equals("file.") ? key.substring(prefix.length()) : key, p.getProperty(key));
            }
        }
        return m;
    }

    /** Before a year is rebuilt: until it is whole again, no later run may take it as built. */
    void forget(Configuration hadoop, LakeTables lake) {
        Path state = stateFile(lake, year);
        try {
            state.getFileSystem(hadoop).delete(state, false);
        } catch (IOException e) {
            throw new QuexException("cannot remove " + state + ": " + e.getMessage(), e);
        }
    }

    void record(Configuration hadoop, LakeTables lake) {
        Properties p = new Properties();
        p.setProperty("code_version", code);
        files.forEach((path, sha) -> p.setProperty("file." + path, sha));
        ingest.forEach(p::setProperty);
        clean.forEach(p::setProperty);
        match.forEach(p::setProperty);
        Path state = stateFile(lake, year);
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        try {
            p.store(new java.io.OutputStreamWriter(text, StandardCharsets.UTF_8), "inputs of year " + year);
            FileWrites.write(state.getFileSystem(hadoop), state, text.toByteArray());
        } catch (IOException e) {
            throw new QuexException("cannot write " + state + ": " + e.getMessage(), e);
        }
    }
}
