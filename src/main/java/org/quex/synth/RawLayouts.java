package org.quex.synth;

import org.quex.CsvTable;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;

/**
 * The raw file layouts of data-schemas/raw (on the classpath): which layout, delimiter, encoding
 * and line ending a source uses in a year, and the raw column names of each layout in file order.
 * The generator writes exactly these headers; ingest reads the same tables to map them back.
 */
public final class RawLayouts implements Serializable {
    public static final String DIR = "data-schemas/raw/";

    /** One row of raw_files.csv: how the files of a source look in a range of years. */
    public record RawFile(String source, int yearFrom, int yearTo, String layout, char delimiter,
                          String encoding, String lineEnding, String pathPattern) implements Serializable {
        public Charset charset() {
            // GBK is a subset of GB18030: Java's GB18030 encoder writes GBK bytes for GBK characters.
            return Charset.forName(encoding.equals("GBK") ? "GB18030" : encoding);
        }

        /** Relative path of the file for a year (and month, for monthly sources). */
        public String path(int year, int month) {
            return pathPattern.replace("{year}", Integer.toString(year))
                    .replace("{month}", String.format("%02d", month));
        }

        public boolean covers(int year) {
            return year >= yearFrom && year <= yearTo;
        }
    }

    /** One column of a layout: its raw header, canonical name, type, unit and value format. */
    public record RawColumn(int position, String rawName, String canonical, String type, String unit,
                            String format) implements Serializable {
    }

    private final List<RawFile> files;
    private final Map<String, List<RawColumn>> layouts;

    private RawLayouts(List<RawFile> files, Map<String, List<RawColumn>> layouts) {
        this.files = files;
        this.layouts = layouts;
    }

    private static volatile RawLayouts shared;

    /** The tables loaded once per JVM (they are immutable classpath data). */
    public static RawLayouts shared() {
        RawLayouts t = shared;
        if (t == null) {
            synchronized (RawLayouts.class) {
                if (shared == null) {
                    shared = load();
                }
                t = shared;
            }
        }
        return t;
    }

    public static RawLayouts load() {
        List<RawFile> files = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "raw_files.csv").rows()) {
            String delimiter = r.get("delimiter");
            char d = switch (delimiter) {
                case "comma" -> ',';
                case "tab" -> '\t';
                default -> throw new QuexException("raw_files.csv: unknown delimiter " + delimiter);
            };
            files.add(new RawFile(r.get("source"), Integer.parseInt(r.get("year_from")),
                    Integer.parseInt(r.get("year_to")), r.get("layout"), d, r.get("encoding"),
                    r.get("line_ending").equals("CRLF") ? "\r\n" : "\n", r.get("path")));
        }
        Map<String, List<RawColumn>> layouts = new LinkedHashMap<>();
        for (String table : List.of("asif_layouts.csv", "customs_layouts.csv", "honours_layout.csv")) {
            for (Map<String, String> r : CsvTable.resource(DIR + table).rows()) {
                layouts.computeIfAbsent(r.get("layout"), k -> new ArrayList<>()).add(new RawColumn(
                        Integer.parseInt(r.get("position")), r.get("raw_name"), r.get("canonical_name"),
                        r.get("type"), r.get("unit"), r.getOrDefault("format", "")));
            }
        }
        for (RawFile f : files) {
            if (!layouts.containsKey(f.layout())) {
                throw new QuexException("raw_files.csv names layout " + f.layout() + ", which no layout table defines");
            }
        }
        return new RawLayouts(List.copyOf(files), layouts);
    }

    /** The file description of a source in a year, or null if the source has no files that year. */
    public RawFile fileFor(String source, int year) {
        for (RawFile f : files) {
            if (f.source().equals(source) && f.covers(year)) {
                return f;
            }
        }
        return null;
    }

    public List<RawColumn> columns(String layout) {
        List<RawColumn> cols = layouts.get(layout);
        if (cols == null) {
            throw new QuexException("no raw layout " + layout + " in " + DIR);
        }
        return cols;
    }

    /** The header line of a layout, without line ending. */
    public String header(RawFile file) {
        StringBuilder b = new StringBuilder();
        for (RawColumn c : columns(file.layout())) {
            if (b.length() > 0) {
                b.append(file.delimiter());
            }
            b.append(c.rawName());
        }
        return b.toString();
    }

    public List<RawFile> files() {
        return files;
    }
}
