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
import org.quex.ingest.catalogue.HeaderMapping;

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

    public static List<InputFile> inspect(Configuration hadoop, List<String> inputs, String encoding,
                                          ColumnCatalogue catalogue) {
        List<InputFile> files = new ArrayList<>();
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
                for (FileStatus st : found) {
                    files.add(inspect(fs, st, encoding, catalogue));
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot read the inputs: " + e.getMessage(), e);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (InputFile f : files) {
            if (!seen.add(f.path())) {
                throw new QuexException(f.path() + " is given twice (as a file and inside a directory?): its rows "
                        + "would be counted twice");
            }
        }
        return files;
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

    private static InputFile inspect(FileSystem fs, FileStatus st, String encoding,
                                     ColumnCatalogue catalogue) throws IOException {
        String path = st.getPath().toString();
        if (path.toLowerCase(Locale.ROOT).endsWith(".dta")) {
            // 117 stores strings in a local code page: --encoding, else GB18030 (Chinese deliveries)
            Charset codePage = encoding == null ? EncodingDetector.GB18030 : EncodingDetector.named(encoding);
            StataDta dta;
            try (InputStream in = fs.open(st.getPath())) {
                dta = new StataDta(in, path, codePage);
            }
            HeaderMapping mapping = HeaderMapping.of(dta.variableNames(), catalogue, path, EMPLOYEES_ORDER, true);
            String origin = !dta.charset().equals(codePage) ? "format" : encoding == null ? "default" : "given";
            return new InputFile(path, st.getLen(), dta.charset().name(), origin, InputFile.STATA, mapping,
                    dta.variableNames());
        }
        byte[] sample;
        try (InputStream in = fs.open(st.getPath())) {
            sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
        }
        Charset charset = encoding == null ? EncodingDetector.detect(sample, sample.length)
                : EncodingDetector.named(encoding);
        PhysicalLineReader lines = new PhysicalLineReader(new ByteArrayInputStream(sample), path, charset);
        char delimiter = delimiterOf(path, sample);
        List<String> header = FileIngestion.readHeader(lines, path, delimiter);
        HeaderMapping mapping = HeaderMapping.of(header, catalogue, path, EMPLOYEES_ORDER, true);
        if (encoding != null || !charset.equals(StandardCharsets.UTF_8)) {
            decodeSample(sample, st.getLen(), path, charset); // detected UTF-8 has been decoded strictly already
        }
        return new InputFile(path, st.getLen(), charset.name(), encoding == null ? "detected" : "given", delimiter,
                mapping, header);
    }

    /**
     * Decodes every complete line of the sample strictly, so that a wrong charset fails here, before
     * any job, for all but the rare file whose first bad byte lies beyond the sample.
     */
    private static void decodeSample(byte[] sample, long fileLength, String path, Charset charset) {
        int end = sample.length;
        if (fileLength > sample.length) {
            while (end > 0 && sample[end - 1] != '\n') {
                end--; // the last line may be cut by the sample: leave it to the job
            }
        }
        PhysicalLineReader lines = new PhysicalLineReader(new ByteArrayInputStream(sample, 0, end), path, charset);
        lines.forEachRemaining(l -> { });
    }

    /** Comma for .csv, tab for .tsv/.tab; .txt by its first line. Other formats are refused by name. */
    static char delimiterOf(String path, byte[] sample) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return ',';
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return '\t';
        }
        if (name.endsWith(".txt")) {
            for (byte b : sample) {
                if (b == '\n') {
                    break;
                }
                if (b == '\t') {
                    return '\t';
                }
            }
            return ',';
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "(none)" : name.substring(dot);
        throw new QuexException(path + ": ingest reads CSV, TSV (.csv, .tsv, .tab, .txt) and Stata .dta files; extension "
                + ext + " is not supported" + (ext.equals(".xlsx") || ext.equals(".xls")
                ? " yet: export the file to CSV (UTF-8 or GB18030) first" : ""));
    }
}
