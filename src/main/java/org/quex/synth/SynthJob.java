package org.quex.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * simulates a run of consecutive chunks and stages one file per output file. The driver then writes each
 * output file as its header followed by the staged chunk files in chunk order (a streaming copy),
 * and writes the truth tables. The bytes depend on the seed and settings only: not on the number
 * of partitions, the chunk size, or which task ran first.
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

        Map<String, Long> bytes = new TreeMap<>();
        for (Output o : outputs(s, layouts)) {
            bytes.put(o.path(), assemble(fs, root, staging, o));
        }
        fs.delete(staging, true);
        TruthFiles.write(fs, root, s, truth, report, sim.intermediaries(), bytes, layouts);
        long firmYears = report.rowsByFile().getOrDefault(TruthRows.FIRM_YEARS, 0L);
        return new Result(report.rowsByFile(), bytes, report.defectRows(), firmYears);
    }

    /** An output file: where, its header line, its encoding and line ending. */
    record Output(String path, String header, Charset charset, String eol) {
    }

    /** Every file a run writes from staged chunks, including the ones no firm filled (header only). */
    static List<Output> outputs(GenerateSettings s, RawLayouts layouts) {
        List<Output> list = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int year = s.firstYear(); year <= s.lastYear(); year++) {
            for (String source : List.of("asif", "customs", "honours")) {
                RawLayouts.RawFile f = layouts.fileFor(source, year);
                if (f == null) {
                    continue;
                }
                int months = source.equals("customs") ? 12 : 1;
                for (int m = 1; m <= months; m++) {
                    String path = f.path(year, m);
                    if (seen.add(path)) {
                        list.add(new Output(path, layouts.header(f), f.charset(), f.lineEnding()));
                    }
                }
            }
        }
        list.add(new Output(TruthRows.FIRM_YEARS, TruthRows.FIRM_YEARS_HEADER, StandardCharsets.UTF_8, "\n"));
        list.add(new Output(TruthRows.LINKS, TruthRows.LINKS_HEADER, StandardCharsets.UTF_8, "\n"));
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

    /** Header, then the staged chunk files in chunk order; returns the file's size in bytes. */
    private static long assemble(FileSystem fs, Path root, Path staging, Output o) throws IOException {
        Path target = new Path(root, o.path());
        Path parts = new Path(staging, o.path());
        FileStatus[] staged = fs.exists(parts) ? fs.listStatus(parts) : new FileStatus[0];
        Arrays.sort(staged, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        try (OutputStream out = fs.create(target, true)) {
            out.write(o.header().getBytes(o.charset()));
            out.write(o.eol().getBytes(StandardCharsets.US_ASCII));
            for (FileStatus part : staged) {
                try (InputStream in = fs.open(part.getPath())) {
                    IOUtils.copyBytes(in, out, 1 << 16, false);
                }
            }
        }
        return fs.getFileStatus(target).getLen();
    }
}
