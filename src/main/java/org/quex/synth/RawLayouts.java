package org.quex.synth;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quex.CsvTable;
import org.quex.QuexException;

/**
 * The generator's own description of the real raw deliveries, from data-schemas/raw on the
 * classpath: which scheme, container (CSV/TSV text, Excel .xlsx, Access .mdb, Stata .dta),
 * encoding and path the files of a source have in a year (and month), and for each scheme its
 * header names in file order, what each column holds (a canonical field or an extra column real
 * files carry) and how its values are written. Each scheme cites the real header list it follows
 * (shared/reference/real_layouts). Ingest does not read these tables: it maps headers with its own
 * catalogue, so neither side can hide the other's mistake.
 */
public final class RawLayouts implements Serializable {
    public static final String DIR = "data-schemas/raw/";

    /** The containers files come in. */
    public enum Format { CSV, XLSX, MDB, DTA }

    /** Storage type of a column: Stata types; Access TEXT/LONG/DOUBLE/DATE; Excel text or number cells. */
    public enum Storage {
        TEXT, BYTE, INT, LONG, DOUBLE, DATE;

        public boolean numeric() {
            return this != TEXT && this != DATE;
        }
    }

    /**
     * One row of raw_files.csv: how the files of a source look in a range of years and months.
     * {@code pathPattern} and {@code tablePattern} hold {year}, {month} (two digits) and {part};
     * files of different years with one path are one file holding those years (the pooled .dta).
     */
    public record RawFile(String source, int yearFrom, int yearTo, int monthFrom, int monthTo, String scheme,
                          Format format, char delimiter, String encoding, String lineEnding, boolean bom,
                          String pathPattern, String tablePattern, int parts, int release, String realLayout,
                          String note) implements Serializable {
        public Charset charset() {
            // GBK is a subset of GB18030: Java's GB18030 encoder writes GBK bytes for GBK characters.
            return Charset.forName(encoding.isEmpty() || encoding.equals("GBK") ? "GB18030" : encoding);
        }

        public boolean covers(int year, int month) {
            return year >= yearFrom && year <= yearTo && (month == 0 || month >= monthFrom && month <= monthTo);
        }

        /** Relative path of the file for a year and month (the month is ignored by yearly patterns). */
        public String path(int year, int month) {
            if (parts > 1) {
                throw new IllegalStateException(pathPattern + " is cut into parts: give the part");
            }
            return fill(pathPattern, year, month, 1);
        }

        public String path(int year, int month, int part) {
            return fill(pathPattern, year, month, part);
        }

        /** Table (Access) or sheet (Excel) name. */
        public String table(int year, int month) {
            return fill(tablePattern, year, month, 1);
        }

        /**
         * The key the rows of one output are staged under: the path, with the part left open for
         * files cut into parts (the driver cuts the year's rows into parts once it knows their count).
         */
        public String stagingKey(int year, int month) {
            return pathPattern.replace("{year}", Integer.toString(year))
                    .replace("{month}", String.format("%02d", month)).replace("{part}", "parts");
        }

        public boolean monthly() {
            return pathPattern.contains("{month}");
        }

        private static String fill(String pattern, int year, int month, int part) {
            return pattern.replace("{year}", Integer.toString(year)).replace("{month}", String.format("%02d", month))
                    .replace("{part}", Integer.toString(part));
        }
    }

    /**
     * One column of a scheme. {@code canonical} is the field it holds, blank for an extra column;
     * {@code value} says how it is written (e.g. 0=export;1=import, hs8_number, label_cied,
     * year_end) or, for an extra column, how it is filled (share:sales:0.7:0.9, pick:a|b, …);
     * {@code unit} is the money unit (千元 or 元) of an amount.
     */
    public record RawColumn(int position, String rawName, String canonical, String value, String unit,
                            Storage storage, String source) implements Serializable {
        public boolean extra() {
            return canonical.isEmpty();
        }
    }

    private final List<RawFile> files;
    private final Map<String, List<RawColumn>> schemes;

    private RawLayouts(List<RawFile> files, Map<String, List<RawColumn>> schemes) {
        this.files = files;
        this.schemes = schemes;
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
            String where = "raw_files.csv, " + r.get("source") + " " + r.get("year_from") + "-" + r.get("year_to");
            Format format = enumOf(Format.class, r.get("format"), where);
            char delimiter = switch (r.get("delimiter")) {
                case "comma" -> ',';
                case "tab" -> '\t';
                case "" -> format == Format.CSV ? bad(where, "a text file needs a delimiter") : ',';
                default -> bad(where, "unknown delimiter " + r.get("delimiter"));
            };
            int yearFrom = Integer.parseInt(r.get("year_from"));
            int yearTo = Integer.parseInt(r.get("year_to"));
            String monthFrom = r.get("month_from");
            String parts = r.get("parts");
            String release = r.get("release");
            RawFile f = new RawFile(r.get("source"), yearFrom, yearTo,
                    monthFrom.isEmpty() ? 1 : Integer.parseInt(monthFrom),
                    monthFrom.isEmpty() ? 12 : Integer.parseInt(r.get("month_to")), r.get("scheme"), format, delimiter,
                    r.get("encoding"), r.get("line_ending").equals("CRLF") ? "\r\n" : "\n", r.get("bom").equals("yes"),
                    r.get("path"), r.get("table"), parts.isEmpty() ? 1 : Integer.parseInt(parts),
                    release.isEmpty() ? 0 : Integer.parseInt(release), r.get("real_layout"), r.get("note"));
            if (format == Format.DTA && f.release() != 117 && f.release() != 118) {
                bad(where, "a .dta file needs release 117 or 118");
            }
            if ((format == Format.MDB || format == Format.XLSX) && f.tablePattern().isEmpty()) {
                bad(where, "an Access or Excel file needs a table (sheet) name");
            }
            files.add(f);
        }
        Map<String, List<RawColumn>> schemes = new LinkedHashMap<>();
        for (String table : List.of("asif_schemes.csv", "customs_schemes.csv", "honours_scheme.csv")) {
            for (Map<String, String> r : CsvTable.resource(DIR + table).rows()) {
                String where = table + ", " + r.get("scheme") + " " + r.get("raw_name");
                List<RawColumn> cols = schemes.computeIfAbsent(r.get("scheme"), k -> new ArrayList<>());
                int position = Integer.parseInt(r.get("position"));
                if (position != cols.size() + 1) {
                    bad(where, "positions must count 1, 2, … in file order");
                }
                cols.add(new RawColumn(position, r.get("raw_name"), r.get("canonical_name"), r.get("value"),
                        r.get("unit"), enumOf(Storage.class, r.get("storage"), where), r.get("source")));
            }
        }
        for (RawFile f : files) {
            List<RawColumn> cols = schemes.get(f.scheme());
            if (cols == null) {
                bad("raw_files.csv", "names scheme " + f.scheme() + ", which no scheme table defines");
            }
            for (RawColumn c : cols) {
                if (c.storage() == Storage.DATE && f.format() == Format.DTA) {
                    bad(f.scheme(), c.rawName() + ": a .dta file has no date storage here (write yyyyMM as a long)");
                }
            }
        }
        return new RawLayouts(List.copyOf(files), schemes);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new QuexException(DIR + where + ": unknown " + type.getSimpleName().toLowerCase() + " '" + value + "'");
        }
    }

    private static char bad(String where, String what) {
        throw new QuexException(DIR + where + ": " + what);
    }

    /** The file description of a source in a year and month (0: any month), or null if it has no files then. */
    public RawFile fileFor(String source, int year, int month) {
        for (RawFile f : files) {
            if (f.source().equals(source) && f.covers(year, month)) {
                return f;
            }
        }
        return null;
    }

    /** The file description of a source in a year (its first month's, for monthly sources), or null. */
    public RawFile fileFor(String source, int year) {
        return fileFor(source, year, 1);
    }

    public List<RawColumn> columns(String scheme) {
        List<RawColumn> cols = schemes.get(scheme);
        if (cols == null) {
            throw new QuexException("no raw scheme " + scheme + " in " + DIR);
        }
        return cols;
    }

    public List<String> header(RawFile file) {
        return columns(file.scheme()).stream().map(RawColumn::rawName).toList();
    }

    public List<RawFile> files() {
        return files;
    }

    private static final Set<Defect> LINE_DEFECTS = Set.of(Defect.ASIF_MALFORMED_UNBALANCED_QUOTE,
            Defect.ASIF_MALFORMED_SHORT_ROW, Defect.CUSTOMS_MALFORMED_UNBALANCED_QUOTE, Defect.CUSTOMS_MALFORMED_SHORT_ROW);

    /**
     * Whether a defect can exist in the file of a source, year and month. A broken line (an
     * unbalanced quote, a short row) exists only in delimited text; a letter in a number needs a
     * cell that may hold text: any text or Excel file, or a column stored as text (Access TEXT, a
     * Stata string). Stata and Access numbers are numbers, so their files cannot carry it.
     */
    public boolean carries(Defect defect, int year, int month) {
        RawFile f = fileFor(defect.source() == Defect.Source.ASIF ? "asif" : "customs", year, month);
        if (f == null) {
            return false;
        }
        if (LINE_DEFECTS.contains(defect)) {
            return f.format() == Format.CSV;
        }
        if (defect == Defect.ASIF_MALFORMED_NON_NUMERIC || defect == Defect.CUSTOMS_MALFORMED_NON_NUMERIC) {
            String target = defect == Defect.ASIF_MALFORMED_NON_NUMERIC ? "employees" : "value_usd";
            return f.format() == Format.CSV || f.format() == Format.XLSX || columns(f.scheme()).stream()
                    .filter(c -> c.canonical().equals(target)).allMatch(c -> c.storage() == Storage.TEXT);
        }
        return true;
    }
}
