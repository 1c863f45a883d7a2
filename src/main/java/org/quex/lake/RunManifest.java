package org.quex.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.FileWrites;
import org.quex.QuexException;

/**
 * The record of one stage run, written as JSON to lake/_manifests/: what ran (stage, code version,
 * configuration), on which inputs (path, size, checksum), and the row accounting per source and
 * year (rows in = out + rejected + quarantined). Later stages add their own sections with {@link #put}.
 */
public final class RunManifest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String stage;
    private final Instant started = Instant.now();
    private final Map<String, Object> configuration;
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Map<String, Object>> counts = new ArrayList<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();

    public RunManifest(String stage, Map<String, Object> configuration) {
        this.stage = stage;
        this.configuration = new LinkedHashMap<>(configuration);
    }

    /** An input: path, bytes and sha256 at least; a stage may add what it learnt about the file. */
    public void addInput(String path, long bytes, String sha256, Map<String, Object> details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        m.putAll(details);
        inputs.add(m);
    }

    /** Row accounting of a source and year; fails if rows in != out + rejected + quarantined. */
    public void addCounts(String source, int year, long rowsIn, long rowsOut, long rejected, long quarantined) {
        if (rowsIn != rowsOut + rejected + quarantined) {
            throw new QuexException(stage + " " + source + " " + year + ": rows in " + rowsIn + " != out " + rowsOut
                    + " + rejected " + rejected + " + quarantined " + quarantined);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("year", year);
        m.put("rows_in", rowsIn);
        m.put("rows_out", rowsOut);
        m.put("rows_rejected", rejected);
        m.put("rows_quarantined", quarantined);
        counts.add(m);
    }

    public void put(String section, Object value) {
        sections.put(section, value);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("started", started.toString());
        m.put("finished", Instant.now().toString());
        m.put("code_version", org.quex.QuexVersion.describe());
        m.put("configuration", configuration);
        m.put("inputs", inputs);
        m.put("counts", counts);
        m.putAll(sections);
        return m;
    }

    /** Writes lake/_manifests/&lt;stage&gt;-&lt;label&gt;-&lt;UTC time&gt;.json and returns its path. */
    public Path write(org.apache.hadoop.conf.Configuration hadoop, LakeTables lake, String label) {
        Path path = new Path(lake.manifests(), stage + "-" + label + "-" + STAMP.format(started) + ".json");
        FileSystem fs;
        try {
            fs = path.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new QuexException("cannot write the run manifest " + path + ": " + e.getMessage(), e);
        }
        FileWrites.doing("writing the run manifest", fs, path, () -> {
            try (OutputStream out = fs.create(path, false)) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toMap());
            }
        });
        return path;
    }
}
