package org.quex.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexException;

/**
 * The Spark edge of the generator. Firms are cut into fixed chunks of firm numbers; each Spark task
 * simulates a run of consecutive chunks and stages one file per output. The driver then writes each
 * output from the staged chunk files in chunk order: a text file as its header followed by the
 * staged lines (a streaming copy), an Excel workbook with POI's streaming writer, an Access file
 * with Jackcess (on a local temporary file, then copied), a Stata file or a year's Stata parts
 * once it knows their row counts and string widths from the tasks' reports; then it writes the
 * truth tables. The bytes depend on the seed and settings only: not on the number of partitions,
 * the chunk size, or which task ran first.
 */
public final class SynthJob {
    public static final String STAGING = "_staging";
    static final List<String> OUTPUT_DIRS = List.of("asif", "customs", "honours", "truth", STAGING);

    /** What a run wrote, for the command's summary. */
    public record Result(Map<String, Long> rowsByFile, Map<String, Long> bytesByFile, Map<String, Long> defectRows,
                         long firmYears) {
    }

    private SynthJob() {
    }

    public static Result run(SparkSession spark, GenerateSettings s, TrueCoefficients truth, String out,
                             boolean overwrite) throws IOException {
        RawLayouts layouts = RawLayouts.shared();
        ReferenceData ref = ReferenceData.shared();
        FirmSimulator sim = new FirmSimulator(s, ref, truth, layouts);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(out);
        FileSystem fs = withoutChecksumFiles(root.getFileSystem(hadoop));
        prepare(fs, root, overwrite);
        Path staging = new Path(root, STAGING);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, String> conf = new HashMap<>();
        hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
        String stagingUri = staging.toString();
        List<Integer> chunks = IntStream.range(0, s.chunks()).boxed().toList();
        int slices = Math.max(1, Math.min(chunks.size(), jsc.defaultParallelism() * 4));
        spark.sparkContext().setJobDescription("quex generate: " + s.firms() + " firms in " + chunks.size() + " chunks");
        // Tasks get only the small settings and coefficients; each executor loads the layouts and
        // reference tables from the jar once (RawLayouts.shared, ReferenceData.shared).
        // parallelize slices a list into contiguous ranges: each partition stages one run of chunks
        ChunkReport report = jsc.parallelize(chunks, slices).mapPartitions(ids -> {
            List<Integer> run = new ArrayList<>();
            ids.forEachRemaining(run::add);
            if (run.isEmpty()) {
                return List.of(ChunkReport.empty()).iterator();
            }
            int first = run.get(0);
            int last = run.get(run.size() - 1);
            if (last - first + 1 != run.size()) {
                throw new IllegalStateException("chunks of a partition are not consecutive: " + run);
            }
            Configuration c = new Configuration(false);
            conf.forEach(c::set);
            Path st = new Path(stagingUri);
            RawLayouts l = RawLayouts.shared();
            ReferenceData r = ReferenceData.shared();
            return List.of(ChunkWriter.write(first, last, new FirmSimulator(s, r, truth, l), s, l, r, st,
                    withoutChecksumFiles(st.getFileSystem(c)))).iterator();
        }).reduce(ChunkReport::merge);

        List<Written> written = assembleAll(fs, root, staging, outputs(s, layouts), report);
        fs.delete(staging, true);
        Map<String, Long> bytes = new TreeMap<>();
        written.forEach(w -> bytes.put(w.path(), w.bytes()));
        TruthFiles.write(fs, root, s, truth, report, sim.intermediaries(), written, layouts);
        TruthFiles.deflators(fs, root, s, ref);
        long firmYears = report.rowsByFile().getOrDefault(TruthRows.FIRM_YEARS, 0L);
        return new Result(report.rowsByFile(), bytes, report.defectRows(), firmYears);
    }

    /**
     * What a run writes from the rows staged under {@code key}: a raw file of {@code file} for a
     * year and month (a year's parts for a Stata file cut into parts; all the years of a pooled
     * file), or a truth table ({@code file} null) with its header line.
     */
    record Output(String key, RawLayouts.RawFile file, int year, int month, String truthHeader) {
    }

    /** A file written: its path, data rows and size in bytes. */
    record Written(String path, long rows, long bytes) {
    }

    /** Every output of a run, including the ones no firm filled (a header only, or an empty table). */
    static List<Output> outputs(GenerateSettings s, RawLayouts layouts) {
        List<Output> list = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int year = s.firstYear(); year <= s.lastYear(); year++) {
            for (String source : List.of("asif", "customs", "honours")) {
                int months = source.equals("customs") ? 12 : 1;
                for (int m = 1; m <= months; m++) {
                    RawLayouts.RawFile f = layouts.fileFor(source, year, m);
                    if (f != null && seen.add(f.stagingKey(year, m))) {
                        list.add(new Output(f.stagingKey(year, m), f, year, m, null));
                    }
                }
            }
        }
        list.add(new Output(TruthRows.FIRM_YEARS, null, 0, 0, TruthRows.FIRM_YEARS_HEADER));
        list.add(new Output(TruthRows.LINKS, null, 0, 0, TruthRows.LINKS_HEADER));
        return list;
    }

    /** Local output without Hadoop's .crc side files: a user's directory should hold the data files only. */
    static FileSystem withoutChecksumFiles(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    private static void prepare(FileSystem fs, Path root, boolean overwrite) throws IOException {
        for (String dir : OUTPUT_DIRS) {
            Path p = new Path(root, dir);
            if (fs.exists(p)) {
                if (!overwrite) {
                    throw new QuexException(root + " already holds generated data (" + dir + "/); pass --overwrite to replace it");
                }
                fs.delete(p, true);
            }
        }
        fs.mkdirs(root);
    }

    /**
     * Writes every output from its staged rows on the driver, several at a time (they are
     * independent: one thread per core), and returns what was written in the order of the outputs.
     */
    private static List<Written> assembleAll(FileSystem fs, Path root, Path staging, List<Output> outputs,
                                             ChunkReport report) throws IOException {
        int threads = Math.max(1, Math.min(outputs.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "quex-generate-assemble");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Written>>> futures = new ArrayList<>();
            for (Output o : outputs) {
                futures.add(pool.submit(() -> assemble(fs, root, staging, o, report)));
            }
            List<Written> written = new ArrayList<>();
            for (Future<List<Written>> f : futures) {
                try {
                    written.addAll(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing the generated files", e);
                }
            }
            return written;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes an output from its staged rows, in chunk order. */
    private static List<Written> assemble(FileSystem fs, Path root, Path staging, Output o, ChunkReport report)
            throws IOException {
        Path parts = new Path(staging, o.key());
        long rows = report.rowsByFile().getOrDefault(o.key(), 0L);
        RawLayouts.RawFile f = o.file();
        if (f == null || f.format() == RawLayouts.Format.CSV) {
            byte[] head;
            if (f == null) {
                head = (o.truthHeader() + "\n").getBytes(StandardCharsets.UTF_8);
            } else {
                String bom = f.bom() ? "\uFEFF" : "";
                head = (bom + String.join(String.valueOf(f.delimiter()), RawLayouts.shared().header(f)) + f.lineEnding())
                        .getBytes(f.charset());
            }
            Path target = new Path(root, o.key());
            try (OutputStream out = fs.create(target, true)) {
                out.write(head);
                for (FileStatus part : StagedRecords.stagedFiles(fs, parts)) {
                    try (InputStream in = fs.open(part.getPath())) {
                        IOUtils.copyBytes(in, out, 1 << 16, false);
                    }
                }
            }
            return List.of(new Written(o.key(), rows, fs.getFileStatus(target).getLen()));
        }
        List<RawLayouts.RawColumn> columns = RawLayouts.shared().columns(f.scheme());
        List<Written> written = new ArrayList<>();
        try (StagedRecords records = new StagedRecords(fs, parts)) {
            switch (f.format()) {
                case XLSX -> {
                    String path = f.path(o.year(), o.month());
                    long n;
                    try (OutputStream out = fs.create(new Path(root, path), true)) {
                        n = XlsxFile.write(out, f.table(o.year(), o.month()), columns, records, o.year());
                    }
                    written.add(checked(fs, root, path, n, rows));
                }
                case MDB -> {
                    // Jackcess writes a random-access local file; it is copied to the output file system
                    java.nio.file.Path local = Files.createTempFile("quex-synth-", ".mdb");
                    try {
                        Files.delete(local);
                        long n = MdbFile.write(local, f.table(o.year(), o.month()), columns, records, o.year(), o.month());
                        String path = f.path(o.year(), o.month());
                        try (OutputStream out = fs.create(new Path(root, path), true)) {
                            Files.copy(local, out);
                        }
                        written.add(checked(fs, root, path, n, rows));
                    } finally {
                        Files.deleteIfExists(local);
                    }
                }
                case DTA -> {
                    int[] widths = new int[columns.size()];
                    for (int i = 0; i < widths.length; i++) {
                        widths[i] = report.width(o.key(), i);
                    }
                    for (int part = 1; part <= f.parts(); part++) {
                        // consecutive runs of rows: part p holds rows [(p-1)N/P, pN/P)
                        long n = rows * part / f.parts() - rows * (part - 1) / f.parts();
                        String path = f.path(o.year(), o.month(), part);
                        try (OutputStream out = fs.create(new Path(root, path), true)) {
                            DtaFile.write(out, f, columns, widths, records, n);
                        }
                        written.add(checked(fs, root, path, n, n));
                    }
                    if (records.hasNext()) {
                        throw new IllegalStateException(o.key() + ": more rows staged than the chunks reported");
                    }
                }
                default -> throw new IllegalStateException("unreachable");
            }
        }
        return written;
    }

    private static Written checked(FileSystem fs, Path root, String path, long written, long staged) throws IOException {
        if (written != staged) {
            throw new IllegalStateException(path + ": wrote " + written + " rows of " + staged + " staged");
        }
        return new Written(path, written, fs.getFileStatus(new Path(root, path)).getLen());
    }
}
