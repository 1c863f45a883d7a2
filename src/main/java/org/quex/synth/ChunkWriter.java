package org.quex.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Simulates a run of consecutive chunks of firms (fixed ranges of firm numbers) and streams their
 * lines, already encoded, into one staging file per output file, named by the first chunk:
 * {@code STAGING/<output path>/<first chunk>}. Concatenating the staging files in name order gives
 * the firms in order, however the chunks were grouped. Memory is one firm's history plus a buffer
 * per open file.
 */
public final class ChunkWriter implements AutoCloseable {
    public static final String GONGMAO_LABEL = "gongmao_manufacturer_rows";
    private static final int BUFFER = 1 << 16;

    private record Target(OutputStream out, Charset charset, byte[] eol) {
    }

    private final FileSystem fs;
    private final Path staging;
    private final String chunkName;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final ChunkReport report = ChunkReport.empty();

    ChunkWriter(FileSystem fs, Path staging, int chunk) {
        this.fs = fs;
        this.staging = staging;
        this.chunkName = chunkFileName(chunk);
    }

    public static String chunkFileName(int chunk) {
        return String.format("%07d", chunk);
    }

    /** Generates and stages chunks {@code firstChunk} to {@code lastChunk} (inclusive); returns what it wrote. */
    public static ChunkReport write(int firstChunk, int lastChunk, FirmSimulator sim, GenerateSettings s,
                                    RawLayouts layouts, ReferenceData ref, Path staging, FileSystem fs) throws IOException {
        Map<String, RawRowFormatter> formatters = new HashMap<>();
        int from = firstChunk * s.firmsPerChunk();
        int to = (int) Math.min(s.firms(), (long) (lastChunk + 1) * s.firmsPerChunk());
        try (ChunkWriter w = new ChunkWriter(fs, staging, firstChunk)) {
            for (int firm = from; firm < to; firm++) {
                FirmHistory h = sim.simulate(firm);
                for (FirmHistory.AsifRow row : h.asif) {
                    RawRowFormatter f = formatter("asif", row.year(), layouts, ref, formatters);
                    w.line(f.file(), f.file().path(row.year(), 0), f.asif(row));
                    if (row.defect() != null) {
                        w.countDefect("asif", row.year(), row.defect().label());
                    }
                }
                for (FirmHistory.CustomsRow row : h.customs) {
                    RawRowFormatter f = formatter("customs", row.year(), layouts, ref, formatters);
                    w.line(f.file(), f.file().path(row.year(), row.month()), f.customs(row));
                    if (row.defect() != null) {
                        w.countDefect("customs", row.year(), row.defect().label());
                    }
                    if (row.gongmaoManufacturer()) {
                        w.countDefect("customs", row.year(), GONGMAO_LABEL);
                    }
                }
                for (FirmHistory.HonourRow row : h.honours) {
                    RawRowFormatter f = formatter("honours", row.yearObtained(), layouts, ref, formatters);
                    w.line(f.file(), f.file().path(row.yearObtained(), 0), f.honour(row));
                }
                for (FirmHistory.FirmYearTruth t : h.firmYears) {
                    w.utf8Line(TruthRows.FIRM_YEARS, TruthRows.firmYear(t));
                }
                for (FirmHistory.Link l : h.links) {
                    w.utf8Line(TruthRows.LINKS, TruthRows.link(l));
                }
            }
            return w.report;
        }
    }

    private static RawRowFormatter formatter(String source, int year, RawLayouts layouts, ReferenceData ref,
                                             Map<String, RawRowFormatter> cache) {
        return cache.computeIfAbsent(source + year, k -> {
            RawLayouts.RawFile file = layouts.fileFor(source, year);
            if (file == null) {
                throw new IllegalStateException("no " + source + " layout for " + year);
            }
            return new RawRowFormatter(layouts, file, ref);
        });
    }

    void line(RawLayouts.RawFile file, String relPath, String text) {
        write(relPath, file.charset(), file.lineEnding(), text);
    }

    void utf8Line(String relPath, String text) {
        write(relPath, StandardCharsets.UTF_8, "\n", text);
    }

    private void write(String relPath, Charset charset, String eol, String text) {
        try {
            Target t = targets.get(relPath);
            if (t == null) {
                OutputStream out = new BufferedOutputStream(fs.create(new Path(new Path(staging, relPath), chunkName), true), BUFFER);
                t = new Target(out, charset, eol.getBytes(StandardCharsets.US_ASCII));
                targets.put(relPath, t);
            }
            t.out().write(text.getBytes(t.charset()));
            t.out().write(t.eol());
            report.rowsByFile().merge(relPath, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write staging file for " + relPath, e);
        }
    }

    private void countDefect(String source, int year, String label) {
        report.defectRows().merge(ChunkReport.defectKey(source, year, label), 1L, Long::sum);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Target t : targets.values()) {
            try {
                t.out().close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
