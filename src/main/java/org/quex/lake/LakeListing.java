package org.quex.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.quex.QuexException;

/**
 * What a lake holds, from its catalogue and the Parquet footers alone (no Spark job, no data page
 * read): every table under the directories of {@link LakeTables#TABLE_DIRECTORIES}, the year=Y
 * directories its current catalogue names with their rows (and months where a table is partitioned by month too), and for
 * a raw table what the year's latest ingest manifest says about the files it came from.
 */
public final class LakeListing {
    /** The label of the rows of a table that is not partitioned by year. */
    public static final String ALL_YEARS = "all";

    /** A table: its name (raw/asif), location and the rows per year partition, years ascending. */
    public record Table(String name, Path path, List<YearRows> years) {
        public long rows() {
            return years.stream().mapToLong(YearRows::rows).sum();
        }

        /** Whether the table's rows live in year=Y partitions (and nowhere else). */
        public boolean byYear() {
            return !years.isEmpty() && years.stream().allMatch(y -> y.year() != null);
        }

        /** The years of the year=Y partitions, ascending. */
        public List<Integer> yearNumbers() {
            return years.stream().map(YearRows::year).filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * One year partition ({@code year} null: the rows of a table not partitioned by year, or a
     * partition whose year is not a number, named by {@code label}) and the directory holding it.
     */
    public record YearRows(Integer year, String label, long rows, int files, SortedSet<Integer> months,
                           Ingest ingest, Path directory) {
    }

    /** What the latest ingest manifest of a raw table's year says: the manifest and its inputs. */
    public record Ingest(String manifest, List<IngestInput> inputs) {
        public Set<String> schemes() {
            Set<String> s = new LinkedHashSet<>();
            inputs.forEach(i -> s.add(i.scheme()));
            return s;
        }

        public Set<String> formats() {
            Set<String> s = new LinkedHashSet<>();
            inputs.forEach(i -> s.add(i.format()));
            return s;
        }
    }

    /** One input file of an ingest run, as its manifest names it ("-" where an older manifest says nothing). */
    public record IngestInput(String path, String scheme, String format, long rowsRead, long rowsWritten,
                              long rowsQuarantined) {
    }

    private LakeListing() {
    }

    /** Every table of the lake, in the order of {@link LakeTables#TABLE_DIRECTORIES}, then by name. */
    public static List<Table> of(Configuration hadoop, LakeTables lake) {
        Path root = new Path(lake.root());
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                throw new QuexException("lake '" + lake.root() + "' does not exist");
            }
            Path manifestDir = lake.manifests();
            FileStatus[] manifestFiles = fs.exists(manifestDir) ? fs.listStatus(manifestDir) : new FileStatus[0];
            // the tables and years the lake's current catalogue names (its directories, in the old layout)
            LakeCatalogue catalogue = LakeCatalogue.current(hadoop, lake);
            List<Table> tables = new ArrayList<>();
            for (String dir : LakeTables.TABLE_DIRECTORIES) {
                for (String name : catalogue.tables()) {
                    if (name.startsWith(dir + "/")) {
                        String source = name.substring(dir.length() + 1);
                        tables.add(table(fs, hadoop, name, new Path(root, name), catalogue.parts(name),
                                dir.equals("raw") ? source : null, manifestFiles));
                    }
                }
            }
            return tables;
        } catch (IOException e) {
            throw new QuexException("cannot list the lake " + lake.root() + ": " + e.getMessage(), e);
        }
    }

    /** The table called {@code name} (raw/asif), or one line naming the tables the lake holds. */
    public static Table find(List<Table> tables, LakeTables lake, String name) {
        String wanted = name.replaceAll("^/+|/+$", "");
        for (Table t : tables) {
            if (t.name().equals(wanted)) {
                return t;
            }
        }
        throw new QuexException("lake " + lake.root() + " has no table '" + name + "'; it holds "
                + (tables.isEmpty() ? "none" : String.join(", ", tables.stream().map(Table::name).toList())));
    }

    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    private static Table table(FileSystem fs, Configuration hadoop, String name, Path path,
                               java.util.SortedMap<String, Path> parts, String rawSource, FileStatus[] manifests)
            throws IOException {
        List<YearRows> years = new ArrayList<>();
        for (Map.Entry<String, Path> part : parts.entrySet()) {
            String value = part.getKey();
            Counted c = count(fs, hadoop, part.getValue());
            if (value.equals(LakeCatalogue.WHOLE)) {
                if (c.files > 0) {
                    years.add(new YearRows(null, ALL_YEARS, c.rows, c.files, c.months, null, part.getValue()));
                }
                continue;
            }
            Integer year = value.matches("\\d{1,4}") ? Integer.valueOf(value) : null;
            Ingest ingest = rawSource != null && year != null ? latestIngest(fs, manifests, rawSource, year) : null;
            years.add(new YearRows(year, label(value), c.rows, c.files, c.months, ingest, part.getValue()));
        }
        years.sort(Comparator.comparing((YearRows y) -> y.year() == null ? Integer.MAX_VALUE : y.year())
                .thenComparing(YearRows::label));
        return new Table(name, path, List.copyOf(years));
    }

    /** year=__HIVE_DEFAULT_PARTITION__ is where Spark puts rows whose year is null. */
    private static String label(String value) {
        return value.equals("__HIVE_DEFAULT_PARTITION__") ? "null" : value;
    }

    /** Rows, Parquet files and month=M sub-partitions under a directory. */
    private static final class Counted {
        long rows;
        int files;
        final SortedSet<Integer> months = new TreeSet<>();

        void add(FileSystem fs, Configuration hadoop, FileStatus s) throws IOException {
            String name = s.getPath().getName();
            if (hidden(name)) {
                return;
            }
            if (s.isDirectory()) {
                if (name.matches("month=\\d{1,2}")) {
                    months.add(Integer.parseInt(name.substring(6)));
                }
                for (FileStatus child : fs.listStatus(s.getPath())) {
                    add(fs, hadoop, child);
                }
                return;
            }
            files++;
            rows += footerRows(hadoop, s.getPath());
        }
    }

    private static Counted count(FileSystem fs, Configuration hadoop, Path dir) throws IOException {
        Counted c = new Counted();
        for (FileStatus child : fs.listStatus(dir)) {
            c.add(fs, hadoop, child);
        }
        return c;
    }

    /** The row count a Parquet file's footer records: a read of its last bytes, not of its data. */
    public static long footerRows(Configuration hadoop, Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
            return reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw new QuexException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /**
     * The inputs of the latest manifest named ingest-&lt;source&gt;-&lt;year&gt;-&lt;UTC time&gt;.json, or
     * ingest-&lt;source&gt;-&lt;first&gt;-&lt;last year&gt;-&lt;UTC time&gt;.json for a run that wrote several years
     * (a pooled file), whose years include {@code year} (the time sorts as text); null where there is none.
     */
    private static Ingest latestIngest(FileSystem fs, FileStatus[] manifests, String source, int year) {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                "ingest-" + java.util.regex.Pattern.quote(source) + "-(\\d{4})(?:-(\\d{4}))?-(\\d{8}T[^/]*)\\.json");
        Path latest = null;
        String latestTime = null;
        for (FileStatus s : manifests) {
            java.util.regex.Matcher m = named.matcher(s.getPath().getName());
            if (!m.matches()) {
                continue;
            }
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            if (first <= year && year <= last && (latestTime == null || m.group(3).compareTo(latestTime) > 0)) {
                latest = s.getPath();
                latestTime = m.group(3);
            }
        }
        if (latest == null) {
            return null;
        }
        Map<?, ?> json;
        try (InputStream in = fs.open(latest)) {
            json = new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new QuexException("run manifest " + latest + " is not readable JSON: " + e.getMessage(), e);
        }
        List<IngestInput> inputs = new ArrayList<>();
        if (json.get("inputs") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    inputs.add(new IngestInput(text(m.get("path")), text(m.get("scheme")), text(m.get("format")),
                            number(m.get("rows_read")), number(m.get("rows_written")), number(m.get("rows_quarantined"))));
                }
            }
        }
        return new Ingest(latest.toString(), inputs);
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? "-" : o.toString();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    // ---- output ----

    /** The listing as a fixed-width table, one line per table and year, for a terminal. */
    public static List<String> text(LakeTables lake, List<Table> tables) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"table", "year", "rows", "months", "schemes", "formats", "inputs"});
        for (Table t : tables) {
            if (t.years().isEmpty()) {
                rows.add(new String[] {t.name(), "-", "0", "", "", "", ""});
            }
            for (YearRows y : t.years()) {
                Ingest in = y.ingest();
                rows.add(new String[] {t.name(), y.label(), Long.toString(y.rows()), ranges(y.months()),
                    in == null ? "" : String.join(",", in.schemes()),
                    in == null ? "" : String.join(",", in.formats()),
                    in == null ? "" : inputNames(in)});
            }
        }
        int[] width = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("lake " + lake.root() + ": " + tables.size() + " tables");
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = i == 2 ? " ".repeat(width[i] - r[i].length()) + r[i] // rows right-aligned
                        : i == r.length - 1 ? r[i] : r[i] + " ".repeat(width[i] - r[i].length());
                b.append(cell).append(i == r.length - 1 ? "" : "  ");
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    /** Up to three input names (without their directories); more are counted. */
    private static String inputNames(Ingest in) {
        List<String> names = in.inputs().stream().map(i -> shortName(i.path())).toList();
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 2)) + ", … (" + names.size() + " files)";
    }

    /** data/asif/asif_2007.zip!/asif_2007.csv → asif_2007.zip!/asif_2007.csv. */
    static String shortName(String path) {
        int bang = path.indexOf('!');
        String outer = bang < 0 ? path : path.substring(0, bang);
        return outer.substring(outer.lastIndexOf('/') + 1) + (bang < 0 ? "" : path.substring(bang));
    }

    /** 1,2,3,5 → "1-3,5". */
    public static String ranges(SortedSet<Integer> values) {
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int v : values) {
            if (previous != null && v == previous + 1) {
                previous = v;
                continue;
            }
            if (start != null) {
                parts.add(start.equals(previous) ? start.toString() : start + "-" + previous);
            }
            start = v;
            previous = v;
        }
        if (start != null) {
            parts.add(start.equals(previous) ? start.toString() : start + "-" + previous);
        }
        return String.join(",", parts);
    }

    /** The listing as JSON: per table its years with rows, Parquet files, months and ingest inputs. */
    public static String json(LakeTables lake, List<Table> tables) {
        List<Object> out = new ArrayList<>();
        for (Table t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.name());
            m.put("path", t.path().toString());
            m.put("by_year", t.byYear());
            m.put("rows", t.rows());
            List<Object> years = new ArrayList<>();
            for (YearRows y : t.years()) {
                Map<String, Object> ym = new LinkedHashMap<>();
                ym.put("year", y.year() != null ? y.year() : y.label());
                ym.put("rows", y.rows());
                ym.put("parquet_files", y.files());
                ym.put("directory", y.directory().toString()); // where the current catalogue has the rows
                if (!y.months().isEmpty()) {
                    ym.put("months", y.months());
                }
                if (y.ingest() != null) {
                    Map<String, Object> im = new LinkedHashMap<>();
                    im.put("manifest", y.ingest().manifest());
                    im.put("schemes", y.ingest().schemes());
                    im.put("formats", y.ingest().formats());
                    List<Object> inputs = new ArrayList<>();
                    for (IngestInput i : y.ingest().inputs()) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("path", i.path());
                        f.put("scheme", i.scheme());
                        f.put("format", i.format());
                        f.put("rows_read", i.rowsRead());
                        f.put("rows_written", i.rowsWritten());
                        f.put("rows_quarantined", i.rowsQuarantined());
                        inputs.add(f);
                    }
                    im.put("inputs", inputs);
                    ym.put("ingest", im);
                }
                years.add(ym);
            }
            m.put("years", years);
            out.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("lake", lake.root());
        root.put("tables", out);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
