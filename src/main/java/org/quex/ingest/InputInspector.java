package org.quex.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;
import org.quex.ingest.catalogue.ColumnCatalogue;
import org.quex.ingest.archive.ArchiveFormat;
import org.quex.ingest.archive.ArchiveInspector;
import org.quex.ingest.archive.SkippedEntry;
import org.quex.ingest.catalogue.HeaderMapping;
import org.quex.ingest.access.AccessRecords;
import org.quex.ingest.dta.StataDta;
import org.quex.ingest.excel.ExcelRecords;
import org.quex.lake.schema.CanonicalColumn;
import org.quex.lake.schema.SourceSchema;

/**
 * Looks at every input on the driver before any Spark job: expands directories, rejects formats
 * ingest cannot read, chooses the charset, and maps the header through the column catalogue. An input that is
 * wrong fails here with its name, before anything is written.
 */
public final class InputInspector {
    private InputInspector() {
    }

    /**
     * The tables found in the inputs, the archive entries that are not read (with why), and the
     * sheets and database tables that are not read (with why).
     */
    public record Inspection(List<InputFile> files, List<SkippedEntry> skipped, List<SkippedTable> skippedTables) {
    }

    /** A sheet of a workbook or a table of a database that holds no table of the source: path[!/member]#table and why. */
    public record SkippedTable(String name, String reason) implements java.io.Serializable {
    }

    public static List<InputFile> inspect(Configuration hadoop, List<String> inputs, String encoding,
                                          ColumnCatalogue catalogue) {
        return inspectInputs(hadoop, inputs, encoding, catalogue).files();
    }

    public static Inspection inspectInputs(Configuration hadoop, List<String> inputs, String encoding,
                                           ColumnCatalogue catalogue) {
        List<InputFile> files = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        List<SkippedTable> tablesSkipped = new ArrayList<>();
        try {
            // every file first, so that one delivery copied under two names fails before any reading
            Map<String, List<FileStatus>> byInput = new java.util.LinkedHashMap<>();
            List<ContentCopies.Found> all = new ArrayList<>();
            for (String input : inputs) {
                Path path = new Path(input);
                FileSystem fs = path.getFileSystem(hadoop);
                if (!fs.exists(path)) {
                    throw new QuexException("input '" + input + "' does not exist");
                }
                List<FileStatus> found = new ArrayList<>();
                collect(fs, fs.getFileStatus(path), found);
                if (found.isEmpty()) {
                    throw new QuexException("input directory '" + input + "' holds no files");
                }
                found.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
                byInput.put(input, found);
                found.forEach(st -> all.add(new ContentCopies.Found(fs, st)));
            }
            ContentCopies.refuse(all);
            for (Map.Entry<String, List<FileStatus>> given : byInput.entrySet()) {
                String input = given.getKey();
                List<FileStatus> found = given.getValue();
                FileSystem fs = new Path(input).getFileSystem(hadoop);
                int before = files.size();
                int skippedBefore = skipped.size();
                for (FileStatus st : found) {
                    String fileName = st.getPath().getName();
                    if (ArchiveFormat.isRar(fileName)) {
                        throw ArchiveFormat.rarRefusal(st.getPath().toString());
                    }
                    ArchiveFormat archive = ArchiveFormat.ofName(fileName);
                    if (archive != null) {
                        ArchiveInspector.Listing listing = ArchiveInspector.inspect(fs, st, archive,
                                (in, format, member) -> inspectMember(in, format, st.getPath().toString(), member,
                                        st.getLen(), encoding, catalogue, tablesSkipped));
                        files.addAll(listing.files());
                        skipped.addAll(listing.skipped());
                    } else {
                        files.addAll(inspect(fs, st, encoding, catalogue, tablesSkipped));
                    }
                }
                if (files.size() == before) {
                    int n = skipped.size() - skippedBefore;
                    throw new QuexException("input '" + input + "' holds no table ingest reads: " + (n == 0
                            ? "its archive is empty" : (n == 1 ? "its one archive entry is" : "its " + n
                            + " archive entries are") + " skipped ("
                            + skipped.get(skippedBefore).name() + ": " + skipped.get(skippedBefore).reason()
                            + (n > 1 ? ", …" : "") + ")"));
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot read the inputs: " + e.getMessage(), e);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (InputFile f : files) {
            if (!seen.add(f.name())) {
                throw new QuexException(f.name() + " is given twice (as a file and inside a directory?): its rows "
                        + "would be counted twice");
            }
        }
        return new Inspection(files, skipped, tablesSkipped);
    }

    private static void collect(FileSystem fs, FileStatus st, List<FileStatus> out) throws IOException {
        if (st.isFile()) {
            out.add(st);
            return;
        }
        for (FileStatus child : fs.listStatus(st.getPath())) {
            String name = child.getPath().getName();
            if (!name.startsWith(".") && !name.startsWith("_")) {
                collect(fs, child, out);
            }
        }
    }

    /** The tables of one file: one for text and Stata; more for containers that hold several. */
    private static List<InputFile> inspect(FileSystem fs, FileStatus st, String encoding,
                                           ColumnCatalogue catalogue, List<SkippedTable> skipped) throws IOException {
        String path = st.getPath().toString();
        RawFormat format = RawFormat.ofName(st.getPath().getName());
        if (format == null) {
            throw unsupported(path);
        }
        return switch (format) {
            case STATA -> {
                try (InputStream in = RawInput.open(fs, st.getPath())) {
                    yield List.of(inspectStata(in, path, null, st.getLen(), encoding, catalogue));
                }
            }
            case DELIMITED -> {
                byte[] sample;
                try (InputStream in = RawInput.open(fs, st.getPath())) {
                    sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
                }
                yield List.of(inspectDelimited(sample, path, null, st.getLen(), encoding, catalogue));
            }
            case EXCEL, ACCESS -> {
                try (LocalFile local = LocalFile.of(fs, st.getPath())) {
                    yield inspectTables(local.path(), path, null, st.getLen(), format, catalogue, skipped);
                }
            }
        };
    }

    /** The tables of an archive member, from its bytes; {@code bytes} is the archive's size. */
    private static List<InputFile> inspectMember(InputStream in, RawFormat format, String path, String member,
                                                 long bytes, String encoding, ColumnCatalogue catalogue,
                                                 List<SkippedTable> skipped) throws IOException {
        return switch (format) {
            case STATA -> List.of(inspectStata(in, path, member, bytes, encoding, catalogue));
            case DELIMITED -> List.of(inspectDelimited(in.readNBytes(EncodingDetector.SAMPLE_BYTES), path, member, bytes,
                    encoding, catalogue));
            case EXCEL, ACCESS -> {
                try (LocalFile local = LocalFile.copyOf(in, member)) {
                    yield inspectTables(local.path(), path, member, bytes, format, catalogue, skipped);
                }
            }
        };
    }

    static InputFile inspectStata(InputStream in, String path, String member, long bytes, String encoding,
                                  ColumnCatalogue catalogue) {
        // 113-117 store strings in a local code page: --encoding, else GB18030 (Chinese deliveries)
        Charset codePage = encoding == null ? EncodingDetector.GB18030 : EncodingDetector.named(encoding);
        String name = member == null ? path : path + "!/" + member;
        StataDta dta = new StataDta(in, name, codePage);
        HeaderMapping mapping = HeaderMapping.of(dta.variableNames(), catalogue, name, catalogue.employeesOrder(), true);
        String origin = !dta.charset().equals(codePage) ? "format" : encoding == null ? "default" : "given";
        return new InputFile(path, member, null, bytes, RawFormat.STATA, dta.charset().name(), origin, (char) 0,
                mapping, dta.variableNames());
    }

    /** {@code sample}: the first {@link EncodingDetector#SAMPLE_BYTES} of the text (all of it if shorter). */
    static InputFile inspectDelimited(byte[] sample, String path, String member, long bytes, String encoding,
                                      ColumnCatalogue catalogue) {
        String name = member == null ? path : path + "!/" + member;
        Charset charset = encoding == null ? EncodingDetector.detect(sample, sample.length)
                : EncodingDetector.named(encoding);
        PhysicalLineReader lines = new PhysicalLineReader(new ByteArrayInputStream(sample), name, charset);
        char delimiter = delimiterOf(name, sample, charset);
        List<String> header = FileIngestion.readHeader(lines, name, delimiter);
        HeaderMapping mapping = HeaderMapping.of(header, catalogue, name, catalogue.employeesOrder(), true);
        if (encoding != null || !charset.equals(StandardCharsets.UTF_8)) {
            // detected UTF-8 has been decoded strictly already
            decodeSample(sample, sample.length >= EncodingDetector.SAMPLE_BYTES, name, charset);
        }
        return new InputFile(path, member, null, bytes, RawFormat.DELIMITED, charset.name(),
                encoding == null ? "detected" : "given", delimiter, mapping, header);
    }

    /**
     * The tables of a workbook or database ({@code local}: the file, or a copy of an archive
     * member), one per sheet or table, each named path[!/member]#table. A sheet or table that maps
     * none of the columns a {@code catalogue.source()} table needs (a notes sheet, a lookup table) is
     * skipped with its reason in {@code skipped}; one that maps some but not all of them fails naming
     * it. Values are text or typed cells, so no charset applies.
     */
    static List<InputFile> inspectTables(java.nio.file.Path local, String path, String member, long bytes,
                                         RawFormat format, ColumnCatalogue catalogue, List<SkippedTable> skipped) {
        String name = member == null ? path : path + "!/" + member;
        List<TableHeader> tables = format == RawFormat.EXCEL ? ExcelRecords.tables(local, name)
                : AccessRecords.tables(local, name);
        List<InputFile> files = new ArrayList<>();
        List<SkippedTable> notes = new ArrayList<>();
        QuexException firstRefusal = null;
        for (TableHeader t : tables) {
            String where = name + "#" + t.table();
            if (t.skipped() != null) {
                notes.add(new SkippedTable(where, t.skipped()));
                continue;
            }
            try {
                HeaderMapping mapping = HeaderMapping.of(t.header(), catalogue, where, catalogue.employeesOrder(), true);
                files.add(new InputFile(path, member, t.table(), bytes, format, StandardCharsets.UTF_8.name(), "format",
                        (char) 0, mapping, t.header()));
            } catch (QuexException e) {
                if (mapsANeededColumn(t.header(), catalogue)) {
                    throw e;
                }
                notes.add(new SkippedTable(where, "none of its " + t.header().size() + " columns is one a "
                        + catalogue.source() + " table needs (not a table of " + catalogue.source() + "?)"));
                firstRefusal = firstRefusal == null ? e : firstRefusal;
            }
        }
        if (files.isEmpty()) {
            // nothing to read: say why as for a one-table file
            throw firstRefusal != null ? firstRefusal
                    : new QuexException(name + ": no " + (format == RawFormat.EXCEL ? "sheet" : "table") + " holds a "
                    + "table (" + String.join("; ", notes.stream().map(n -> n.name() + ": " + n.reason()).toList()) + ")");
        }
        skipped.addAll(notes);
        return files;
    }

    /** Whether a header names at least one column a table of the catalogue's source needs (year is given). */
    private static boolean mapsANeededColumn(List<String> header, ColumnCatalogue catalogue) {
        SourceSchema schema = SourceSchema.of(catalogue.source());
        for (String h : header) {
            List<ColumnCatalogue.Alias> found = catalogue.resolve(h).aliases();
            String canonical = found.isEmpty() ? null : found.get(0).canonical();
            if (canonical != null && schema.indexOf(canonical) >= 0 && !canonical.equals(SourceSchema.YEAR)) {
                CanonicalColumn.Need need = schema.column(canonical).need();
                if (need == CanonicalColumn.Need.REQUIRED || need == CanonicalColumn.Need.PARTITION) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Decodes every complete line of the sample strictly, so that a wrong charset fails here, before
     * any job, for all but the rare file whose first bad byte lies beyond the sample.
     */
    private static void decodeSample(byte[] sample, boolean cut, String path, Charset charset) {
        int end = sample.length;
        if (cut) {
            while (end > 0 && sample[end - 1] != '\n') {
                end--; // the last line may be cut by the sample: leave it to the job
            }
        }
        PhysicalLineReader lines = new PhysicalLineReader(new ByteArrayInputStream(sample, 0, end), path, charset);
        lines.forEachRemaining(l -> { });
    }

    /** How many leading lines of the sample the delimiter is sniffed from. */
    private static final int SNIFF_LINES = 100;

    /** Tab for .tsv/.tab; for .csv and .txt sniffed from the sample's first complete lines. */
    static char delimiterOf(String name, byte[] sample, Charset charset) {
        int end = sample.length;
        if (sample.length >= EncodingDetector.SAMPLE_BYTES) {
            while (end > 0 && sample[end - 1] != '\n') {
                end--; // a line cut by the sample would count fewer fields
            }
        }
        List<String> lines = new ArrayList<>();
        PhysicalLineReader reader = new PhysicalLineReader(new ByteArrayInputStream(sample, 0, end), name, charset);
        while (lines.size() < SNIFF_LINES && reader.hasNext()) {
            lines.add(reader.next().text());
        }
        return DelimiterSniffer.sniff(name, lines);
    }

    private static QuexException unsupported(String path) {
        String name = new Path(path).getName().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "(none)" : name.substring(dot);
        return new QuexException(path + ": ingest reads CSV, TSV (.csv, .tsv, .tab, .txt), Stata .dta, Excel "
                + "(.xlsx, .xls) and Access (.mdb, .accdb) files, also inside .zip, .gz, .tar, .tar.gz/.tgz and .7z "
                + "archives; extension " + ext + " is not supported");
    }
}
