package org.quex.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.quex.QuexException;
import org.quex.lake.LakeTables;

/**
 * What a year's lake tables were built from: every raw input file with its size and modification
 * time. Stored as LAKE/_state/year=Y.txt once the year is ingested, cleaned and matched; an
 * incremental run reuses a year whose stored inputs equal the current ones, so running it twice
 * does nothing the second time, and a year whose run failed half-way (no state) is redone.
 */
record YearInputs(int year, List<String> files) {

    static YearInputs of(Configuration hadoop, int year, List<String> inputs) {
        List<String> files = new ArrayList<>();
        try {
            for (String input : inputs) {
                Path p = new Path(input);
                FileSystem fs = p.getFileSystem(hadoop);
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    files.add(f.getPath().toUri().getPath() + " " + f.getLen() + " " + f.getModificationTime());
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot list the raw inputs of " + year + " " + inputs + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return new YearInputs(year, files);
    }

    static Path stateFile(LakeTables lake, int year) {
        return new Path(lake.root(), "_state/year=" + year + ".txt");
    }

    /** Whether the lake holds this year built from exactly these inputs. */
    boolean builtIn(Configuration hadoop, LakeTables lake) {
        Path state = stateFile(lake, year);
        try {
            FileSystem fs = state.getFileSystem(hadoop);
            if (!fs.exists(state) || !fs.exists(LakeTables.yearPartition(lake.matchLinks(), year))) {
                return false;
            }
            try (InputStream in = fs.open(state)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(text());
            }
        } catch (IOException e) {
            throw new QuexException("cannot read " + state + ": " + e.getMessage(), e);
        }
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
        Path state = stateFile(lake, year);
        try (OutputStream out = state.getFileSystem(hadoop).create(state, true)) {
            out.write(text().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new QuexException("cannot write " + state + ": " + e.getMessage(), e);
        }
    }

    private String text() {
        return String.join("\n", files) + "\n";
    }
}
