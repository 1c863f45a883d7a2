package org.quex.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;
import org.quex.ingest.archive.ArchiveFormat;
import org.quex.ingest.archive.SkippedEntry;
import org.quex.ingest.catalogue.ColumnCatalogue;
import org.quex.lake.schema.SourceSchema;

/**
 * What a directory of raw deliveries holds, found by content rather than by names or layout: every
 * file is inspected on the driver (format, charset, header), its header is tried against each
 * source's column catalogue (the source is the one whose required columns it has), and its first
 * rows are typed to see which years and months it holds. Runs before any Spark job, so a year
 * without its ASIF or Customs input, a file no scheme fits, or one delivery copied twice is said
 * before an hour of work.
 */
public final class RawInventory {
    /** Records typed per table to see its years and months. */
    static final int SAMPLE_RECORDS = 1000;
    public static final List<String> SOURCES = List.of("asif", "customs", "honours");

    /**
     * One table of the delivery and what its content says.
     *
     * @param nameYear    the year its name carries, or null
     * @param years       years of its first {@link #SAMPLE_RECORDS} records (by their year column or date, else the name)
     * @param months      Customs months of those records
     * @param hasYearColumn whether its rows carry their year (a pooled file may hold more years than its first rows)
     */
    public record Table(InputFile file, String source, Integer nameYear, SortedSet<Integer> years,
                        SortedSet<Integer> months, boolean hasYearColumn) {
        /** A table that may hold any year: rows that say their year, and no year in the name (the pooled 1998–2007 file). */
        public boolean pooled() {
            return hasYearColumn && nameYear == null;
        }

        /** Whether it may hold rows of {@code year}. */
        public boolean covers(int year) {
            return pooled() || years.contains(year) || (years.isEmpty() && nameYear != null && nameYear == year);
        }

        /** Source, years, format and scheme: what tables of one delivery share. */
        String kind() {
            return String.format(Locale.ROOT, "%-8s %-9s %-9s %-28s", source, yearsText(),
                    file.format().name().toLowerCase(Locale.ROOT), file.scheme());
        }

        private String folder() {
            return new Path(file.path()).getParent().toString();
        }

        private String yearsText() {
            String y = years.isEmpty() ? "?" : years.first().equals(years.last()) ? years.first().toString()
                    : years.first() + "-" + years.last();
            return pooled() ? y + "+" : y;
        }
    }

    /** A file that is not an input: why (no scheme fits, not a data file, unreadable). */
    public record Skipped(String path, String reason) {
    }

    public record Inventory(List<Table> tables, List<Skipped> skipped) {
        public List<Table> of(String source) {
            return tables.stream().filter(t -> t.source().equals(source)).toList();
        }

        /** The tables of a source that may hold rows of {@code year}. */
        public List<Table> of(String source, int year) {
            return tables.stream().filter(t -> t.source().equals(source) && t.covers(year)).toList();
        }

        /**
         * The inventory as printed: a line per table, tables of one kind in one folder (a year's
         * monthly files) in one line, then a line per skipped file.
         */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < tables.size(); ) {
                Table first = tables.get(i);
                int j = i + 1;
                while (j < tables.size() && tables.get(j).kind().equals(first.kind())
                        && tables.get(j).folder().equals(first.folder())) {
                    j++;
                }
                lines.add(first.kind() + " " + (j - i == 1 ? first.file().name() : (j - i) + " files: "
                        + first.file().name() + " … " + new Path(tables.get(j - 1).file().name()).getName()));
                i = j;
            }
            skipped.forEach(s -> lines.add(String.format(Locale.ROOT, "%-8s %s: %s", "skipped", s.path(), s.reason())));
            return lines;
        }

        /** For the run manifest. */
        public List<Map<String, Object>> describe() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Table t : tables) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", t.file().name());
                m.put("source", t.source());
                m.put("format", t.file().format().name().toLowerCase(Locale.ROOT));
                m.put("scheme", t.file().scheme());
                m.put("encoding", t.file().charsetName());
                m.put("years_sampled", t.years());
                m.put("pooled", t.pooled());
                if (!t.months().isEmpty()) {
                    m.put("months_sampled", t.months());
                }
                out.add(m);
            }
            for (Skipped s : skipped) {
                out.add(Map.of("file", s.path(), "skipped", s.reason()));
            }
            return out;
        }
    }

    private RawInventory() {
    }

    /**
     * Inspects every file under {@code root} (names starting with "." or "_" and directories in
     * {@code exclude} are left out). Two files with the same bytes stop it, naming both.
     */
    public static Inventory scan(Configuration hadoop, String root, String encoding, List<String> exclude) {
        Map<String, ColumnCatalogue> catalogues = new LinkedHashMap<>();
        for (String source : SOURCES) {
            catalogues.put(source, ColumnCatalogue.load(source, IngestJob.userCatalogue()));
        }
        List<Table> tables = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(hadoop);
            if (!fs.exists(rootPath)) {
                throw new QuexException("raw directory '" + root + "' does not exist");
            }
            List<FileStatus> files = new ArrayList<>();
            collect(fs, fs.getFileStatus(rootPath), exclude, files);
            files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
            ContentCopies.refuse(files.stream().map(st -> new ContentCopies.Found(fs, st)).toList());
            for (FileStatus st : files) {
                inspect(hadoop, fs, st, encoding, catalogues, tables, skipped);
            }
        } catch (IOException e) {
            throw new QuexException("cannot list the raw directory " + root + ": " + e.getMessage(), e);
        }
        return new Inventory(tables, skipped);
    }

    private static void collect(FileSystem fs, FileStatus st, List<String> exclude, List<FileStatus> out)
            throws IOException {
        if (st.isFile()) {
            out.add(st);
            return;
        }
        for (FileStatus child : fs.listStatus(st.getPath())) {
            String name = child.getPath().getName();
            if (!name.startsWith(".") && !name.startsWith("_") && !(child.isDirectory() && exclude.contains(name))) {
                collect(fs, child, exclude, out);
            }
        }
    }

    private static void inspect(Configuration hadoop, FileSystem fs, FileStatus st, String encoding,
                                Map<String, ColumnCatalogue> catalogues, List<Table> tables, List<Skipped> skipped) {
        String path = st.getPath().toString();
        if (ArchiveFormat.isRar(st.getPath().getName())) {
            skipped.add(new Skipped(path, ArchiveFormat.rarReason(path)));
            return;
        }
        Map<String, InputInspector.Inspection> fits = new LinkedHashMap<>();
        Map<String, String> misfits = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnCatalogue> c : catalogues.entrySet()) {
            try {
                fits.put(c.getKey(), InputInspector.inspectInputs(hadoop, List.of(path), encoding, c.getValue()));
            } catch (QuexException e) {
                misfits.put(c.getKey(), e.getMessage());
            }
        }
        if (fits.isEmpty()) {
            String reason = misfits.values().stream().filter(m -> m.contains("is not supported")).findFirst()
                    .map(m -> "not a data file Quex reads")
                    .orElseGet(() -> new java.util.HashSet<>(misfits.values()).size() == 1
                            && !misfits.values().iterator().next().contains("no column for")
                            // refused whatever the source (a damaged archive, an archive inside one): say why
                            ? misfits.values().iterator().next().replaceFirst("^" + java.util.regex.Pattern.quote(path + ": "), "")
                            : "no scheme fits: " + closest(misfits));
            skipped.add(new Skipped(path, reason));
            return;
        }
        String source = fits.keySet().iterator().next();
        if (fits.size() > 1) {
            // the source whose catalogue maps more of the header: an ASIF file names a firm too
            source = fits.entrySet().stream().max((a, b) -> Integer.compare(mapped(a.getValue().files()),
                    mapped(b.getValue().files()))).orElseThrow().getKey();
        }
        for (InputFile f : fits.get(source).files()) {
            tables.add(sample(hadoop, fs, f, source));
        }
        for (SkippedEntry e : fits.get(source).skipped()) {
            skipped.add(new Skipped(e.name(), e.reason())); // archive entries that are not tables
        }
        for (InputInspector.SkippedTable t : fits.get(source).skippedTables()) {
            skipped.add(new Skipped(t.name(), t.reason())); // empty sheets, notes sheets, lookup tables
        }
    }

    private static int mapped(List<InputFile> files) {
        return files.stream().mapToInt(f -> f.mapping().sources().size()).sum();
    }

    /** The misfit message of the source that came closest: the one that names a missing column, ASIF first. */
    private static String closest(Map<String, String> misfits) {
        return misfits.entrySet().stream().filter(e -> e.getValue().contains("no column for"))
                .map(e -> e.getKey() + ": " + e.getValue()).findFirst()
                .orElse(misfits.values().iterator().next());
    }

    private static Table sample(Configuration hadoop, FileSystem fs, InputFile f, String source) {
        Integer nameYear = IngestJob.yearInName(f.name());
        SourceSchema schema = SourceSchema.of(source);
        int yearIndex = schema.indexOf(SourceSchema.YEAR);
        int monthIndex = schema.partitionColumns().contains(SourceSchema.MONTH) ? schema.indexOf(SourceSchema.MONTH) : -1;
        SortedSet<Integer> years = new TreeSet<>();
        SortedSet<Integer> months = new TreeSet<>();
        try (InputStream in = RawInput.open(fs, new Path(f.path())); RawRecords records = RawTables.open(in, f, 20,
                RawTables.reopener(f, hadoop))) {
            FileIngestion rows = new FileIngestion(records, f, schema, nameYear, java.util.Set.of());
            for (int i = 0; i < SAMPLE_RECORDS && rows.hasNext(); i++) {
                IngestOutcome o = rows.next();
                if (o instanceof IngestOutcome.Typed t) {
                    years.add((Integer) t.values()[yearIndex]);
                    if (monthIndex >= 0) {
                        months.add((Integer) t.values()[monthIndex]);
                    }
                } else if (o instanceof IngestOutcome.Quarantined q && q.year() != null) {
                    years.add(q.year());
                }
            }
        } catch (IOException e) {
            throw new QuexException(f.name() + ": cannot read: " + e.getMessage(), e);
        } catch (Exception e) {
            QuexException q = QuexException.findIn(e);
            throw q != null ? q : new QuexException(f.name() + ": cannot read: " + e.getMessage(), e);
        }
        return new Table(f, source, nameYear, years, months, f.mapping().sources().containsKey(SourceSchema.YEAR));
    }
}
