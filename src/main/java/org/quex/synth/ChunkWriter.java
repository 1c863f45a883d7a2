package org.quex.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Simulates a run of consecutive chunks of firms (fixed ranges of firm numbers) and streams their
 * rows into one staging file per output, named by the first chunk:
 * {@code STAGING/<staging key>/<first chunk>}. Rows of text files are staged as their encoded
 * lines; rows of Excel, Access and Stata files as {@link StagedRecords} (values, UTF-8), which the
 * driver writes into the container; for Stata files the chunk also reports the widest value of each
 * text column, since a .dta declares its string widths before its rows. Concatenating the staging
 * files in name order gives the firms in order, however the chunks were grouped. Memory is one
 * firm's history plus a buffer per open file.
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
    /** Per Stata staging key: the widest encoded value of each text column so far (0 for numbers). */
    private final Map<String, int[]> widths = new HashMap<>();
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
                    RawRowFormatter f = formatter("asif", row.year(), 0, layouts, ref, s.seed(), formatters);
                    w.row(f, f.file().stagingKey(row.year(), 1), f.asif(row));
                    if (row.defect() != null) {
                        w.countDefect("asif", row.year(), row.defect().label());
                    }
                }
                for (FirmHistory.CustomsRow row : h.customs) {
                    RawRowFormatter f = formatter("customs", row.year(), row.month(), layouts, ref, s.seed(), formatters);
                    w.row(f, f.file().stagingKey(row.year(), row.month()), f.customs(row));
                    if (row.defect() != null) {
                        w.countDefect("customs", row.year(), row.defect().label());
                    }
                    if (row.gongmaoManufacturer()) {
                        w.countDefect("customs", row.year(), GONGMAO_LABEL);
                    }
                }
                for (FirmHistory.HonourRow row : h.honours) {
                    RawRowFormatter f = formatter("honours", row.yearObtained(), 0, layouts, ref, s.seed(), formatters);
                    w.row(f, f.file().stagingKey(row.yearObtained(), 1), f.honour(row));
                }
                for (FirmHistory.FirmYearTruth t : h.firmYears) {
                    w.utf8Line(TruthRows.FIRM_YEARS, TruthRows.firmYear(t));
                }
                for (FirmHistory.Link l : h.links) {
                    w.utf8Line(TruthRows.LINKS, TruthRows.link(l));
                }
            }
            w.reportWidths();
            return w.report;
        }
    }

    private static RawRowFormatter formatter(String source, int year, int month, RawLayouts layouts, ReferenceData ref,
                                             long seed, Map<String, RawRowFormatter> cache) {
        RawLayouts.RawFile file = layouts.fileFor(source, year, month);
        if (file == null) {
            throw new IllegalStateException("no " + source + " file for " + year + "-" + month);
        }
        // one formatter per scheme row of raw_files.csv (its path and table name depend on the year only)
        return cache.computeIfAbsent(source + "|" + file.scheme() + "|" + file.yearFrom() + "|" + file.monthFrom(),
                k -> new RawRowFormatter(layouts, file, ref, seed));
    }

    void row(RawRowFormatter f, String key, String[] values) {
        RawLayouts.RawFile file = f.file();
        if (file.format() == RawLayouts.Format.CSV) {
            write(key, file.charset(), file.lineEnding(), f.line(values));
            return;
        }
        if (file.format() == RawLayouts.Format.DTA) {
            int[] w = widths.computeIfAbsent(key, k -> new int[f.width()]);
            List<RawLayouts.RawColumn> cols = f.columns();
            for (int i = 0; i < values.length; i++) {
                if (cols.get(i).storage() == RawLayouts.Storage.TEXT) {
                    w[i] = Math.max(w[i], values[i].getBytes(file.charset()).length);
                }
            }
        }
        write(key, StandardCharsets.UTF_8, "\n", StagedRecords.line(values));
    }

    void utf8Line(String relPath, String text) {
        write(relPath, StandardCharsets.UTF_8, "\n", text);
    }

    private void write(String key, Charset charset, String eol, String text) {
        try {
            Target t = targets.get(key);
            if (t == null) {
                OutputStream out = new BufferedOutputStream(fs.create(new Path(new Path(staging, key), chunkName), true), BUFFER);
                t = new Target(out, charset, eol.getBytes(StandardCharsets.US_ASCII));
                targets.put(key, t);
            }
            t.out().write(text.getBytes(t.charset()));
            t.out().write(t.eol());
            report.rowsByFile().merge(key, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write staging file for " + key, e);
        }
    }

    private void countDefect(String source, int year, String label) {
        report.defectRows().merge(ChunkReport.defectKey(source, year, label), 1L, Long::sum);
    }

    private void reportWidths() {
        widths.forEach((key, w) -> {
            for (int i = 0; i < w.length; i++) {
                report.widths().merge(ChunkReport.widthKey(key, i), w[i], Math::max);
            }
        });
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
