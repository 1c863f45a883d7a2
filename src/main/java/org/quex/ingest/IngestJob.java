package org.quex.ingest;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.quex.QuexException;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;
import org.quex.synth.RawLayouts;

/**
 * The Spark edge of ingest: one task per input file reads it with {@link FileIngestion} into one
 * cached frame of outcomes (typed rows, quarantined lines, and a per-file summary row); the
 * quality metrics come from one aggregation over it; then raw/, quarantine/, _quality/ and the
 * manifest are written. Nothing is written if an input fails or an error-level check fires.
 */
public final class IngestJob {
    /** Everything a run needs; {@code encoding} null means detect per file. */
    public record Settings(String source, int year, List<String> inputs, String lake, String encoding,
                           int maxRecordLines, QualityRules rules) {
    }

    /** What a run did: per-file counts, the year's totals, the quality findings and the manifest. */
    public record Result(List<FileResult> files, long read, long written, long quarantined,
                         List<QualityCheck> quality, String manifest, List<String> warnings,
                         Map<String, Double> seconds) {
        public String summaryLine(String source, int year) {
            return "source=" + source + " year=" + year + " read=" + read + " written=" + written
                    + " quarantined=" + quarantined;
        }
    }

    public record FileResult(InputFile file, FileCounts counts, String sha256) {
    }

    private static final String KIND = "_kind";
    private static final String LINE = "_line";
    private static final String RAW_TEXT = "_raw_text";
    private static final String REASON = "_reason";
    private static final String KIND_ROW = "row";
    private static final String KIND_QUARANTINE = "quarantine";
    private static final String KIND_FILE = "file";
    /** Schema of lake/quarantine/&lt;source&gt;, partitioned by year. */
    public static final StructType QUARANTINE_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.LongType, false),
            DataTypes.createStructField("raw_text", DataTypes.StringType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField("year", DataTypes.IntegerType, false)));
    /** Schema of lake/_quality/ingest/&lt;source&gt;, partitioned by year. */
    public static final StructType QUALITY_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("check", DataTypes.StringType, false),
            DataTypes.createStructField("level", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("message", DataTypes.StringType, false),
            DataTypes.createStructField("year", DataTypes.IntegerType, false)));

    private IngestJob() {
    }

    public static Result run(SparkSession spark, Settings s) {
        try {
            return runJob(spark, s);
        } catch (Exception e) {
            // An input error raised in a task reaches the driver wrapped in a SparkException, which
            // Scala throws undeclared (it is a checked exception in Java's eyes).
            QuexException q = QuexException.findIn(e);
            if (q != null && q != e) {
                throw new QuexException(q.getMessage(), e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Result runJob(SparkSession spark, Settings s) {
        RawLayouts layouts = RawLayouts.shared();
        SourceSchema schema = SourceSchema.of(s.source(), layouts);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<InputFile> files = InputInspector.inspect(hadoop, s.inputs(), s.source(), s.encoding(), layouts);
        List<String> warnings = layoutWarnings(files, s, layouts);
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();

        StructType outcomeSchema = outcomeSchema(schema);
        // File indices, not InputFile records, are the RDD elements: Kryo cannot serialize records,
        // while the closure that carries the list is Java-serialized.
        List<Integer> indices = java.util.stream.IntStream.range(0, files.size()).boxed().toList();
        JavaRDD<Integer> perFile = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(indices, Math.max(1, files.size()));
        List<InputFile> fileList = new ArrayList<>(files);
        int year = s.year();
        int maxRecordLines = s.maxRecordLines();
        JavaRDD<Row> outcomeRows = perFile.mapPartitions(it -> {
            List<Iterator<Row>> parts = new ArrayList<>();
            while (it.hasNext()) {
                parts.add(readFile(fileList.get(it.next()), schema, year, maxRecordLines));
            }
            return concat(parts);
        });
        Dataset<Row> outcomes = spark.createDataFrame(outcomeRows, outcomeSchema).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + year + ": read " + files.size() + " files");
            List<FileResult> results = fileResults(outcomes.filter(col(KIND).equalTo(KIND_FILE)).select(RAW_TEXT)
                    .collectAsList(), files);
            seconds.put("read", (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            long read = 0;
            long written = 0;
            long quarantined = 0;
            long replacement = 0;
            String firstReplacement = null;
            for (FileResult r : results) {
                if (firstReplacement == null && r.counts().replacementLines() > 0) {
                    firstReplacement = r.file().path() + ", line " + r.counts().firstReplacementLine();
                }
                read += r.counts().read();
                written += r.counts().written();
                quarantined += r.counts().quarantined();
                replacement += r.counts().replacementLines();
            }
            List<String> lakeColumns = schema.columns().stream().map(CanonicalColumn::name).toList();
            Dataset<Row> typed = outcomes.filter(col(KIND).equalTo(KIND_ROW))
                    .select(lakeColumns.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
            Dataset<Row> quarantine = outcomes.filter(col(KIND).equalTo(KIND_QUARANTINE)).select(
                    col(SourceSchema.SOURCE_FILE).as("file"), col(LINE).as("line"), col(RAW_TEXT).as("raw_text"),
                    col(REASON).as("reason"), col(SourceSchema.YEAR));

            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + year + ": quality metrics");
            LakeTables lake = new LakeTables(s.lake());
            long previous = PartitionedParquet.read(spark, lake.raw(s.source()), schema.structType())
                    .filter(col(SourceSchema.YEAR).equalTo(year - 1)).count();
            List<QualityCheck> checks = s.rules().evaluate(s.source(), QualityReport.metrics(typed, schema),
                    previous == 0 ? -1 : previous, read, quarantined, replacement, firstReplacement);
            for (QualityCheck c : checks) {
                if (c.isError()) {
                    throw new QuexException("year " + year + " " + s.source() + ": data-quality check " + c.check()
                            + " failed: " + c.message() + "; nothing was written");
                }
            }

            seconds.put("quality", (System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + year + ": write");
            PartitionedParquet.replaceYear(spark, typed, lake.raw(s.source()), year, schema.partitionColumns(), written);
            PartitionedParquet.replaceYear(spark, quarantine, lake.quarantine(s.source()), year, List.of("year"),
                    quarantined);
            PartitionedParquet.replaceYear(spark, qualityFrame(spark, checks, year), lake.quality("ingest", s.source()),
                    year, List.of("year"), checks.size());
            seconds.put("write", (System.nanoTime() - t2) / 1e9);
            String manifest = writeManifest(hadoop, lake, s, results, checks, read, written, quarantined, seconds);
            return new Result(results, read, written, quarantined, checks, manifest, warnings, seconds);
        } finally {
            outcomes.unpersist();
        }
    }

    /** The layout and charset a year should have by raw_files.csv; a difference is worth a warning, not a stop. */
    private static List<String> layoutWarnings(List<InputFile> files, Settings s, RawLayouts layouts) {
        List<String> warnings = new ArrayList<>();
        RawLayouts.RawFile expected = layouts.fileFor(s.source(), s.year());
        for (InputFile f : files) {
            Integer named = yearInName(f.path(), s.source(), layouts);
            if (named != null && named != s.year()) {
                warnings.add(f.path() + ": the file name says " + named + ", ingesting it as year " + s.year());
            }
            if (expected == null) {
                warnings.add(f.path() + ": data-schemas/raw/raw_files.csv lists no " + s.source() + " files for "
                        + s.year() + "; header matched layout " + f.layout());
            } else if (!expected.layout().equals(f.layout())) {
                warnings.add(f.path() + ": header matched layout " + f.layout() + ", raw_files.csv expects "
                        + expected.layout() + " for " + s.year());
            }
        }
        return warnings;
    }

    /**
     * The year a file's name carries by the path patterns of raw_files.csv, or null. Customs files of
     * 2007 on give their month without a year, so the name is the only cross-check there.
     */
    static Integer yearInName(String path, String source, RawLayouts layouts) {
        String name = new Path(path).getName();
        for (RawLayouts.RawFile f : layouts.files()) {
            if (!f.source().equals(source) || !f.pathPattern().contains("{year}")) {
                continue;
            }
            String pattern = f.pathPattern().substring(f.pathPattern().lastIndexOf('/') + 1);
            String regex = java.util.regex.Pattern.quote(pattern).replace("{year}", "\\E(\\d{4})\\Q")
                    .replace("{month}", "\\E\\d{2}\\Q");
            var m = java.util.regex.Pattern.compile(regex).matcher(name);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    private static StructType outcomeSchema(SourceSchema schema) {
        List<StructField> fields = new ArrayList<>(List.of(schema.structType().fields()));
        fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(RAW_TEXT, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /** The outcome rows of one file, lazily, ending with its summary row (counts and checksum). */
    private static Iterator<Row> readFile(InputFile file, SourceSchema schema, int year, int maxRecordLines) {
        MessageDigest sha;
        InputStream in;
        try {
            sha = MessageDigest.getInstance("SHA-256");
            Path path = new Path(file.path());
            FileSystem fs = path.getFileSystem(new Configuration());
            in = new DigestInputStream(fs.open(path, 1 << 20), sha);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new QuexException(file.path() + ": cannot open: " + e.getMessage(), e);
        }
        FileIngestion ingestion = new FileIngestion(in, file, schema, RawLayouts.shared(), year, maxRecordLines);
        int width = schema.columns().size();
        int fileIndex = schema.indexOf(SourceSchema.SOURCE_FILE);
        int yearIndex = schema.indexOf(SourceSchema.YEAR);
        return new Iterator<>() {
            private boolean summarized;

            @Override
            public boolean hasNext() {
                return !summarized;
            }

            @Override
            public Row next() {
                if (summarized) {
                    throw new NoSuchElementException();
                }
                Object[] row = new Object[width + 4];
                if (ingestion.hasNext()) {
                    IngestOutcome o = ingestion.next();
                    if (o instanceof IngestOutcome.Typed t) {
                        System.arraycopy(t.values(), 0, row, 0, width);
                        row[width] = KIND_ROW;
                    } else {
                        IngestOutcome.Quarantined q = (IngestOutcome.Quarantined) o;
                        row[fileIndex] = file.path();
                        row[yearIndex] = year;
                        row[width] = KIND_QUARANTINE;
                        row[width + 1] = q.line();
                        row[width + 2] = q.rawText();
                        row[width + 3] = q.reason();
                    }
                    return RowFactory.create(row);
                }
                summarized = true;
                try {
                    in.transferTo(java.io.OutputStream.nullOutputStream()); // checksum covers every byte
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                FileCounts c = ingestion.counts();
                row[fileIndex] = file.path();
                row[width] = KIND_FILE;
                row[width + 2] = String.join("\t", file.path(), HexFormat.of().formatHex(sha.digest()),
                        Long.toString(c.physicalLines()), Long.toString(c.read()), Long.toString(c.written()),
                        Long.toString(c.quarantined()), Long.toString(c.replacementLines()),
                        Long.toString(c.firstReplacementLine()));
                return RowFactory.create(row);
            }
        };
    }

    private static List<FileResult> fileResults(List<Row> summaries, List<InputFile> files) {
        Map<String, String[]> byPath = new LinkedHashMap<>();
        for (Row r : summaries) {
            String[] f = r.getString(0).split("\t");
            byPath.put(f[0], f);
        }
        List<FileResult> results = new ArrayList<>();
        for (InputFile file : files) {
            String[] f = byPath.get(file.path());
            if (f == null) {
                throw new IllegalStateException(file.path() + ": the job returned no summary");
            }
            results.add(new FileResult(file, new FileCounts(Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])), f[1]));
        }
        return results;
    }

    private static Dataset<Row> qualityFrame(SparkSession spark, List<QualityCheck> checks, int year) {
        List<Row> rows = new ArrayList<>();
        for (QualityCheck c : checks) {
            rows.add(RowFactory.create(c.check(), c.level(), Double.isNaN(c.value()) ? null : c.value(), c.message(), year));
        }
        return spark.createDataFrame(rows, QUALITY_SCHEMA).coalesce(1);
    }

    private static String writeManifest(Configuration hadoop, LakeTables lake, Settings s, List<FileResult> results,
                                        List<QualityCheck> checks, long read, long written, long quarantined,
                                        Map<String, Double> seconds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source", s.source());
        config.put("year", s.year());
        config.put("inputs", s.inputs());
        config.put("lake", s.lake());
        config.put("encoding", s.encoding() == null ? "detect" : s.encoding());
        config.put("max_record_lines", s.maxRecordLines());
        config.put("quality_rules", s.rules().toString());
        RunManifest manifest = new RunManifest("ingest", config);
        for (FileResult r : results) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("encoding", r.file().charsetName());
            d.put("encoding_source", r.file().encodingSource());
            d.put("layout", r.file().layout());
            d.put("delimiter", r.file().delimiter() == '\t' ? "tab" : String.valueOf(r.file().delimiter()));
            d.put("physical_lines", r.counts().physicalLines());
            d.put("rows_read", r.counts().read());
            d.put("rows_written", r.counts().written());
            d.put("rows_quarantined", r.counts().quarantined());
            d.put("replacement_character_lines", r.counts().replacementLines());
            d.put("first_replacement_character_line", r.counts().firstReplacementLine());
            manifest.addInput(r.file().path(), r.file().bytes(), r.sha256(), d);
        }
        manifest.addCounts(s.source(), s.year(), read, written, 0, quarantined);
        List<Map<String, Object>> quality = new ArrayList<>();
        for (QualityCheck c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.check());
            m.put("level", c.level());
            m.put("value", Double.isFinite(c.value()) ? c.value() : null);
            m.put("message", c.message());
            quality.add(m);
        }
        manifest.put("quality", quality);
        manifest.put("seconds", seconds);
        return manifest.write(hadoop, lake, s.source() + "-" + s.year()).toString();
    }

    private static <T> Iterator<T> concat(List<Iterator<T>> parts) {
        return parts.stream().flatMap(p -> {
            Iterable<T> iterable = () -> p;
            return java.util.stream.StreamSupport.stream(iterable.spliterator(), false);
        }).iterator();
    }
}
