package org.quex.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.quex.ingest.dta.StataDta;

/**
 * Looks at every input on the driver before any Spark job: expands directories, rejects formats
 * ingest cannot read, chooses the charset, and maps the header through the column catalogue. An input that is
 * wrong fails here with its name, before anything is written.
 */
public final class InputInspector {
    /** Annual average first, as the NBS yearbooks and the paper's employment measure; year-end count as fallback. */
    public static final List<String> EMPLOYEES_ORDER = List.of("average", "year_end");

    private InputInspector() {
    }

    /** The tables found in the inputs, and the archive entries that are not read (with why). */
    public record Inspection(List<InputFile> files, List<SkippedEntry> skipped) {
    }

    public static List<InputFile> inspect(Configuration hadoop, List<String> inputs, String encoding,
                                          ColumnCatalogue catalogue) {
        return inspectInputs(hadoop, inputs, encoding, catalogue).files();
    }

    public static Inspection inspectInputs(Configuration hadoop, List<String> inputs, String encoding,
                                           ColumnCatalogue catalogue) {
        List<InputFile> files = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        try {
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
                                        st.getLen(), encoding, catalogue));
                        files.addAll(listing.files());
                        skipped.addAll(listing.skipped());
                    } else {
                        files.addAll(inspect(fs, st, encoding, catalogue));
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
        return new Inspection(files, skipped);
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
                                           ColumnCatalogue catalogue) throws IOException {
        String path = st.getPath().toString();
        RawFormat format = RawFormat.ofName(st.getPath().getName());
        if (format == null) {
            throw unsupported(path);
        }
        return switch (format) {
            case STATA -> {
                try (InputStream in = fs.open(st.getPath())) {
                    yield List.of(inspectStata(in, path, null, st.getLen(), encoding, catalogue));
                }
            }
            case DELIMITED -> {
                byte[] sample;
                try (InputStream in = fs.open(st.getPath())) {
                    sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
                }
                yield List.of(inspectDelimited(sample, path, null, st.getLen(), encoding, catalogue));
            }
        };
    }

    /** The tables of an archive member, from its bytes; {@code bytes} is the archive's size. */
    private static List<InputFile> inspectMember(InputStream in, RawFormat format, String path, String member,
                                                 long bytes, String encoding, ColumnCatalogue catalogue)
            throws IOException {
        return switch (format) {
            case STATA -> List.of(inspectStata(in, path, member, bytes, encoding, catalogue));
            case DELIMITED -> List.of(inspectDelimited(in.readNBytes(EncodingDetector.SAMPLE_BYTES), path, member, bytes,
                    encoding, catalogue));
        };
    }

    static InputFile inspectStata(InputStream in, String path, String member, long bytes, String encoding,
                                  ColumnCatalogue catalogue) {
        // 113-117 store strings in a local code page: --encoding, else GB18030 (Chinese deliveries)
        Charset codePage = encoding == null ? EncodingDetector.GB18030 : EncodingDetector.named(encoding);
        String name = member == null ? path : path + "!/" + member;
        StataDta dta = new StataDta(in, name, codePage);
        HeaderMapping mapping = HeaderMapping.of(dta.variableNames(), catalogue, name, EMPLOYEES_ORDER, true);
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
        HeaderMapping mapping = HeaderMapping.of(header, catalogue, name, EMPLOYEES_ORDER, true);
        if (encoding != null || !charset.equals(StandardCharsets.UTF_8)) {
            // detected UTF-8 has been decoded strictly already
            decodeSample(sample, sample.length >= EncodingDetector.SAMPLE_BYTES, name, charset);
        }
        return new InputFile(path, member, null, bytes, RawFormat.DELIMITED, charset.name(),
                encoding == null ? "detected" : "given", delimiter, mapping, header);
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
        return new QuexException(path + ": ingest reads CSV, TSV (.csv, .tsv, .tab, .txt) and Stata .dta files, "
                + "also inside .zip, .gz, .tar, .tar.gz/.tgz and .7z archives; "
                + "extension " + ext + " is not supported" + (ext.equals(".xlsx") || ext.equals(".xls")
                ? " yet: export the file to CSV (UTF-8 or GB18030) first" : ""));
    }
}
