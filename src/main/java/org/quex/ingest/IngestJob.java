package org.quex.ingest;

import org.quex.lake.schema.CanonicalColumn;
import org.quex.lake.schema.SourceSchema;
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
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;
import org.quex.QuexException;
import org.quex.lake.HadoopSettings;
import org.quex.lake.LakeTables;
import org.quex.lake.LakeCommit;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;
import org.quex.ingest.archive.SkippedEntry;
import org.quex.ingest.catalogue.ColumnCatalogue;
import org.quex.ingest.dta.SeekableStreamOpener;
import org.quex.ingest.dta.StataDta;

/**
 * The Spark edge of ingest: one job whose tasks (one per input file) read a file with
 * {@link FileIngestion} and write its typed rows to a staging directory in the lake, reporting the
 * file's counts, checksum, quality metrics and quarantined records through an accumulator. The
 * quality checks run on those; only if they pass are the staged year of raw/, quarantine/ and
 * _quality/ moved into the lake (replacing that year only) and the manifest written. Nothing reaches
 * the lake's tables if an input fails or an error-level check fires.
 */
public final class IngestJob {
    /**
     * Everything a run needs; {@code encoding} null means detect per file.
     *
     * @param years the years to ingest (rows of other years are counted, not written); empty: every
     *              year the files hold. A row's year is its year column, else its date, else the one
     *              year asked for, else the year in its file's name.
     */
    public record Settings(String source, List<Integer> years, List<String> inputs, String lake, String encoding,
                           int maxRecordLines, QualityRules rules, long sliceBytes, List<String> employeesOrder) {
        public Settings {
            years = List.copyOf(new java.util.TreeSet<>(years));
        }

        public Settings(String source, List<Integer> years, List<String> inputs, String lake, String encoding,
                        int maxRecordLines, QualityRules rules) {
            this(source, years, inputs, lake, encoding, maxRecordLines, rules, SLICE_BYTES,
                    ColumnCatalogue.DEFAULT_EMPLOYEES_ORDER);
        }

        /** One year, as {@code ingest --year Y}. */
        public Settings(String source, int year, List<String> inputs, String lake, String encoding,
                        int maxRecordLines, QualityRules rules) {
            this(source, List.of(year), inputs, lake, encoding, maxRecordLines, rules);
        }

        /** The year of rows that give none: the one year asked for, else null (then the file name's). */
        Integer givenYear() {
            return years.size() == 1 ? years.get(0) : null;
        }

        String label() {
            return years.isEmpty() ? "all years" : years.size() == 1 ? String.valueOf(years.get(0))
                    : years.get(0) + "-" + years.get(years.size() - 1);
        }
    }

    /** The accounting and quality findings of one ingested year: read = written + quarantined. */
    public record YearResult(int year, long read, long written, long quarantined, List<QualityCheck> quality) {
        public String summaryLine(String source) {
            return "source=" + source + " year=" + year + " read=" + read + " written=" + written
                    + " quarantined=" + quarantined;
        }
    }

    /**
     * What a run did: per-file counts, totals (read = written + quarantined + outside, outside being
     * rows of years not asked for), each year's accounting and quality findings, the manifest.
     */
    public record Result(List<FileResult> files, long read, long written, long quarantined, long outside,
                         List<YearResult> years, String manifest, List<String> warnings, Map<String, Double> seconds,
                         List<SkippedEntry> skipped) {
        /** Every year's findings. */
        public List<QualityCheck> quality() {
            return years.stream().flatMap(y -> y.quality().stream()).toList();
        }

        public YearResult year(int year) {
            return years.stream().filter(y -> y.year() == year).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no rows of " + year + " were ingested"));
        }

        /** The one year's summary line of a one-year run (the common case). */
        public String summaryLine(String source, int year) {
            return year(year).summaryLine(source);
        }
    }

    public record FileResult(InputFile file, FileCounts counts, String sha256) {
    }

    /**
     * A Stata file larger than this is read by several tasks, each a slice of its fixed-width
     * observations (one 20 GB yearly file would otherwise be read by one core).
     */
    public static final long SLICE_BYTES = 128L << 20;

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
        long t = System.nanoTime();
        InputInspector.Inspection inspection = inspect(spark.sparkContext().hadoopConfiguration(), s);
        return run(spark, s, inspection, (System.nanoTime() - t) / 1e9);
    }

    /**
     * Every input inspected on the driver (format, charset, header mapping): what can be wrong with
     * an input fails here, in one line, before any job (the command calls it before Spark starts).
     */
    public static InputInspector.Inspection inspect(Configuration hadoop, Settings s) {
        ColumnCatalogue catalogue = ColumnCatalogue.load(s.source(), userCatalogue())
                .withEmployeesOrder(s.employeesOrder());
        return InputInspector.inspectInputs(hadoop, s.inputs(), s.encoding(), catalogue);
    }

    /** A run on inputs inspected already, {@code inspectSeconds} ago. */
    public static Result run(SparkSession spark, Settings s, InputInspector.Inspection inspection,
                             double inspectSeconds) {
        try {
            return runJob(spark, s, inspection, inspectSeconds);
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

    private static Result runJob(SparkSession spark, Settings s, InputInspector.Inspection inspection,
                                 double inspectSeconds) throws IOException {
        SourceSchema schema = SourceSchema.of(s.source());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<InputFile> files = inspection.files();
        List<String> warnings = nameWarnings(files, s);
        inspection.skippedTables().forEach(t -> warnings.add(t.name() + ": skipped: " + t.reason()));
        seconds.put("inspect", inspectSeconds);
        long t0 = System.nanoTime();
        LakeTables lake = new LakeTables(s.lake());
        Path staging = lake.staging("ingest-" + s.source() + "-" + s.label().replace(' ', '_') + "-"
                + java.util.UUID.randomUUID());
        FileSystem fs = staging.getFileSystem(hadoop);
        try {
            // One pass: the tasks read, type and write the rows to staging; what the driver needs
            // besides (counts, checksum, quality metrics, quarantined lines) comes back through an
            // accumulator, so the rows are neither cached nor read a second time.
            CollectionAccumulator<FileReport> reports = spark.sparkContext().collectionAccumulator("ingest files");
            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + s.label() + ": read " + files.size()
                    + " files");
            DataFrameWriter<Row> writer = typedRows(spark, files, schema, s, reports, new HadoopSettings(hadoop))
                    .write();
            for (String column : highCardinalityColumns(schema)) {
                // a dictionary of values that hardly repeat costs a hash lookup per row written and a
                // copy per value read, and saves little
                writer = writer.option("parquet.enable.dictionary#" + column, "false");
            }
            writer.partitionBy(schema.partitionColumns().toArray(String[]::new)).parquet(stagedRaw(staging).toString());
            List<FileReport> reported = byFile(reports.value(), files);
            seconds.put("read", (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            List<FileResult> results = new ArrayList<>();
            Map<Integer, YearTally> tallies = new java.util.TreeMap<>();
            long outside = 0;
            for (int i = 0; i < files.size(); i++) {
                FileReport r = reported.get(i);
                results.add(new FileResult(files.get(i), r.counts(), r.sha256()));
                outside += r.counts().outside();
                // a record that could not be typed has no year of its own: it goes with its file's year
                Integer home = r.fileYear() != null ? r.fileYear()
                        : r.metricsByYear().isEmpty() ? null : r.metricsByYear().keySet().iterator().next();
                for (Map.Entry<Integer, QualityReport> e : r.metricsByYear().entrySet()) {
                    tallies.computeIfAbsent(e.getKey(), y -> new YearTally(schema)).metrics.merge(e.getValue());
                }
                for (IngestOutcome.Quarantined q : r.quarantined()) {
                    Integer y = q.year() != null ? q.year() : home;
                    if (y == null) {
                        throw new QuexException(r.path() + ": no row could be typed and the file gives no year (first "
                                + "problem, line " + q.line() + ": " + q.reason() + ")");
                    }
                    YearTally t = tallies.computeIfAbsent(y, k -> new YearTally(schema));
                    t.quarantined.add(RowFactory.create(r.path(), q.line(), q.rawText(), q.reason(), y));
                }
                if (r.counts().replacementLines() > 0 && home != null) {
                    YearTally t = tallies.computeIfAbsent(home, k -> new YearTally(schema));
                    t.replacement += r.counts().replacementLines();
                    if (t.firstReplacement == null) {
                        t.firstReplacement = r.path() + ", line " + r.counts().firstReplacementLine();
                    }
                }
            }
            warnings.addAll(otherYearWarnings(reported, s));
            if (tallies.isEmpty()) {
                throw new QuexException(nothingOfTheYears(reported, s));
            }
            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + s.label() + ": quality checks");
            // only the years before those ingested: their rows are what the row-count check compares with
            Dataset<Row> inLake = PartitionedParquet.read(spark, lake.raw(s.source()), schema.structType())
                    .where(org.apache.spark.sql.functions.col(SourceSchema.YEAR)
                            .isin(tallies.keySet().stream().map(y -> y - 1).toArray()));
            Map<Integer, Long> lakeRows = new LinkedHashMap<>();
            for (Row row : inLake.groupBy(SourceSchema.YEAR).count().collectAsList()) {
                lakeRows.put(row.getInt(0), row.getLong(1));
            }
            List<YearResult> years = new ArrayList<>();
            List<Row> quarantineRows = new ArrayList<>();
            for (Map.Entry<Integer, YearTally> e : tallies.entrySet()) {
                int year = e.getKey();
                YearTally t = e.getValue();
                long written = t.metrics.rows();
                long read = written + t.quarantined.size();
                YearTally before = tallies.get(year - 1);
                long previous = before != null ? before.metrics.rows() : lakeRows.getOrDefault(year - 1, 0L);
                List<QualityCheck> checks = s.rules().evaluate(s.source(), t.metrics.metrics(),
                        previous == 0 ? -1 : previous, read, t.quarantined.size(), t.replacement, t.firstReplacement);
                for (QualityCheck c : checks) {
                    if (c.isError()) {
                        throw new QuexException("year " + year + " " + s.source() + ": data-quality check " + c.check()
                                + " failed: " + c.message() + "; nothing was written");
                    }
                }
                years.add(new YearResult(year, read, written, t.quarantined.size(), checks));
                quarantineRows.addAll(t.quarantined);
            }
            seconds.put("quality", (System.nanoTime() - t1) / 1e9);

            long t2 = System.nanoTime();
            spark.sparkContext().setJobDescription("ingest " + s.source() + " " + s.label() + ": write");
            Path stagedQuarantine = new Path(staging, "quarantine");
            Path stagedQuality = new Path(staging, "quality");
            if (!quarantineRows.isEmpty()) {
                spark.createDataFrame(quarantineRows, QUARANTINE_SCHEMA).coalesce(1).write().partitionBy("year")
                        .parquet(stagedQuarantine.toString());
            }
            qualityFrame(spark, years).write().partitionBy("year").parquet(stagedQuality.toString());
            List<Integer> yearList = List.copyOf(tallies.keySet());
            // rows, quarantine and quality of the years become visible together (in a run: with the
            // year's clean and match tables), when the commit is published
            try (LakeCommit commit = LakeCommit.begin(hadoop, lake, "ingest " + s.source() + " " + s.label())) {
                PartitionedParquet.commitStagedYears(fs, stagedRaw(staging), lake.raw(s.source()), yearList);
                PartitionedParquet.commitStagedYears(fs, stagedQuarantine, lake.quarantine(s.source()), yearList);
                PartitionedParquet.commitStagedYears(fs, stagedQuality, lake.quality("ingest", s.source()), yearList);
                commit.publish();
            }
            seconds.put("write", (System.nanoTime() - t2) / 1e9);
            long read = years.stream().mapToLong(YearResult::read).sum() + outside;
            long written = years.stream().mapToLong(YearResult::written).sum();
            long quarantined = years.stream().mapToLong(YearResult::quarantined).sum();
            String manifest = writeManifest(hadoop, lake, s, results, years, seconds, inspection.skipped(),
                    inspection.skippedTables());
            return new Result(results, read, written, quarantined, outside, years, manifest, warnings, seconds,
                    inspection.skipped());
        } finally {
            fs.delete(staging, true);
        }
    }

    /** What the files gave one year: its rows' metrics, its quarantined records, stored U+FFFD lines. */
    private static final class YearTally {
        final QualityReport metrics;
        final List<Row> quarantined = new ArrayList<>();
        long replacement;
        String firstReplacement;

        YearTally(SourceSchema schema) {
            metrics = new QualityReport(schema);
        }
    }

    /** Files that hold rows of years the run does not ingest: said per file, in one line each. */
    private static List<String> otherYearWarnings(List<FileReport> reports, Settings s) {
        List<String> warnings = new ArrayList<>();
        for (FileReport r : reports) {
            if (!r.otherYears().isEmpty()) {
                warnings.add(r.path() + " holds " + yearsText(r.otherYears()) + ", asked for " + s.label()
                        + ": those rows were not ingested (run without --year to take every year the file holds)");
            }
        }
        return warnings;
    }

    private static String nothingOfTheYears(List<FileReport> reports, Settings s) {
        StringBuilder b = new StringBuilder();
        for (FileReport r : reports) {
            if (!r.otherYears().isEmpty()) {
                b.append(b.length() == 0 ? "" : "; ").append(r.path()).append(" holds ").append(yearsText(r.otherYears()));
            }
        }
        return (b.length() == 0 ? "the inputs hold no rows" : b.toString()) + ", asked for " + s.label()
                + "; nothing was written";
    }

    private static String yearsText(Map<Integer, Long> rowsByYear) {
        List<String> parts = new ArrayList<>();
        rowsByYear.forEach((y, n) -> parts.add(y + " (" + n + (n == 1 ? " row)" : " rows)")));
        return String.join(", ", parts);
    }

    /** Columns with about one value per firm or per row ({@link CanonicalColumn.Distinct}): written without a dictionary. */
    static List<String> highCardinalityColumns(SourceSchema schema) {
        return schema.columns().stream().filter(c -> c.distinct() != CanonicalColumn.Distinct.FEW)
                .map(CanonicalColumn::name).toList();
    }

    private static Path stagedRaw(Path staging) {
        return new Path(staging, "raw");
    }

    /**
     * The typed rows of every file, one task per file; each task adds its file's {@link FileReport}
     * to {@code reports} once it has read the file to the end.
     */
    private static Dataset<Row> typedRows(SparkSession spark, List<InputFile> files, SourceSchema schema, Settings s,
                                          CollectionAccumulator<FileReport> reports, HadoopSettings hadoop) {
        // Pieces {file index, first observation, end} (-1: the whole file), not InputFile records,
        // are the RDD elements: Kryo cannot serialize records, while the closure that carries the
        // list is Java-serialized.
        List<long[]> pieces = pieces(files, s.sliceBytes(), hadoop);
        List<InputFile> fileList = new ArrayList<>(files);
        java.util.Set<Integer> years = new java.util.HashSet<>(s.years());
        Integer given = s.givenYear();
        int maxRecordLines = s.maxRecordLines();
        JavaRDD<InternalRow> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(pieces, Math.max(1, pieces.size()))
                .mapPartitions(it -> {
                    List<Iterator<InternalRow>> parts = new ArrayList<>();
                    while (it.hasNext()) {
                        long[] piece = it.next();
                        InputFile f = fileList.get((int) piece[0]);
                        Integer fileYear = given != null ? given : yearInName(f.name());
                        parts.add(readFile(f, piece[1], piece[2], schema, fileYear, years, maxRecordLines, reports,
                                hadoop));
                    }
                    return concat(parts);
                });
        // Rows go to the writer as Spark's internal rows: the public Row encoder cost about as much
        // as the typing itself. internalCreateDataFrame is Spark-internal (private[sql]) but public in
        // bytecode; the session is the classic one in every Quex entry point.
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(),
                schema.structType(), false);
    }

    /**
     * What the tasks read: a whole file, or for a Stata file larger than {@code sliceBytes} (not in
     * an archive) slices of about that size cut at observation boundaries.
     */
    private static List<long[]> pieces(List<InputFile> files, long sliceBytes, HadoopSettings hadoop) {
        List<long[]> pieces = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InputFile f = files.get(i);
            long parts = (f.bytes() + sliceBytes - 1) / sliceBytes;
            if (f.format() != RawFormat.STATA || f.member() != null || parts < 2) {
                pieces.add(new long[] {i, -1, -1});
                continue;
            }
            long n = StataDta.slice(RawTables.reopener(f, hadoop.configuration()), f.name(),
                    f.charset(), 0, 0).observations();
            long[] cuts = StataDta.cuts(n, (int) Math.max(1, Math.min(parts, n)));
            for (int k = 0; k + 1 < cuts.length; k++) {
                pieces.add(new long[] {i, cuts[k], cuts[k + 1]});
            }
        }
        return pieces;
    }

    /** The reports in the order of {@code files}; exactly one per file (a sliced file's slices merged). */
    private static List<FileReport> byFile(List<FileReport> reports, List<InputFile> files) {
        Map<String, FileReport> byPath = new LinkedHashMap<>();
        for (FileReport r : reports) {
            FileReport before = byPath.get(r.path());
            if (before != null && (before.slices() == 0 || r.slices() == 0)) {
                throw new IllegalStateException(r.path() + ": the job reported the file twice");
            }
            byPath.put(r.path(), before == null ? r : before.merge(r));
        }
        List<FileReport> ordered = new ArrayList<>();
        for (InputFile file : files) {
            FileReport r = byPath.get(file.name());
            if (r == null) {
                throw new IllegalStateException(file.name() + ": the job returned no summary");
            }
            ordered.add(r);
        }
        return ordered;
    }

    /**
     * Where a user's catalogue additions are: {@code $QUEX_CATALOGUE}, else {@code conf/catalogue} of
     * the working directory (the clone's, under submit/local); absent is fine.
     */
    static java.nio.file.Path userCatalogue() {
        String env = System.getenv("QUEX_CATALOGUE");
        return java.nio.file.Path.of(env == null || env.isBlank() ? "conf/catalogue" : env);
    }

    /** A year in the file name that differs from the ingested year is worth a warning, not a stop. */
    private static List<String> nameWarnings(List<InputFile> files, Settings s) {
        List<String> warnings = new ArrayList<>();
        for (InputFile f : files) {
            Integer named = yearInName(f.name());
            if (named != null && s.givenYear() != null && !named.equals(s.givenYear())) {
                warnings.add(f.name() + ": the file name says " + named + ", ingesting it as year " + s.givenYear());
            }
        }
        return warnings;
    }

    private static final java.util.regex.Pattern YEAR_IN_NAME =
            java.util.regex.Pattern.compile("(?<!\\d)(199\\d|20[0-4]\\d)(?:\\d{2})?(?!\\d)");

    /**
     * The year a file's name carries (asif_2007.csv, customs_200811.csv, data200501.mdb,
     * tradedata_2007_3.dta, 2006-05.mdb), or null. Customs files of 2007 on give their month without
     * a year, so the name is the only cross-check there.
     */
    static Integer yearInName(String path) {
        var m = YEAR_IN_NAME.matcher(new Path(path).getName());
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }


    /**
     * What a task learnt about one file besides its rows: counts, checksum, quality metrics per year,
     * quarantined records, rows per year not asked for, and the year of rows that give none.
     */
    record FileReport(String path, String sha256, FileCounts counts, Map<Integer, QualityReport> metricsByYear,
                      List<IngestOutcome.Quarantined> quarantined, Map<Integer, Long> otherYears, Integer fileYear,
                      int slices) implements java.io.Serializable {
        /** Two slices of one file as one report: each slice counted its own header line. */
        FileReport merge(FileReport o) {
            FileCounts a = counts;
            FileCounts b = o.counts;
            FileCounts sum = new FileCounts(a.physicalLines() + b.physicalLines() - 1, a.read() + b.read(),
                    a.written() + b.written(), a.quarantined() + b.quarantined(), a.outside() + b.outside(), 0, 0);
            Map<Integer, QualityReport> m = new java.util.TreeMap<>(metricsByYear);
            o.metricsByYear.forEach((y, r) -> m.merge(y, r, QualityReport::merge));
            List<IngestOutcome.Quarantined> q = new ArrayList<>(quarantined);
            q.addAll(o.quarantined);
            q.sort(java.util.Comparator.comparingLong(IngestOutcome.Quarantined::line));
            Map<Integer, Long> other = new java.util.TreeMap<>(otherYears);
            o.otherYears.forEach((y, n) -> other.merge(y, n, Long::sum));
            return new FileReport(path, sha256, sum, m, q, other, fileYear, slices + o.slices);
        }
    }

    /** The typed rows of one file, lazily; at its end the file's report goes to {@code reports}. */
    /**
     * The typed rows of one file, lazily, or of observations [from, to) of a sliced Stata file (from
     * = -1: the whole file); at its end the file's report goes to {@code reports}. A slice reads only
     * its bytes, so its report carries no checksum.
     */
    private static Iterator<InternalRow> readFile(InputFile file, long from, long to, SourceSchema schema,
                                                  Integer fileYear, java.util.Set<Integer> years, int maxRecordLines,
                                                  CollectionAccumulator<FileReport> reports, HadoopSettings hadoop) {
        SeekableStreamOpener reopen = RawTables.reopener(file, hadoop.configuration());
        MessageDigest sha = null;
        InputStream in = null;
        RawRecords records;
        if (from >= 0) {
            records = StataDta.slice(reopen, file.name(), file.charset(), from, to);
        } else {
            try {
                sha = MessageDigest.getInstance("SHA-256");
                Path path = new Path(file.path());
                FileSystem fs = path.getFileSystem(hadoop.configuration());
                in = new DigestInputStream(RawInput.open(fs, path, 1 << 20), sha);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new QuexException(file.name() + ": cannot open: " + e.getMessage(), e);
            }
            records = RawTables.open(in, file, maxRecordLines, reopen);
        }
        InputStream whole = in;
        MessageDigest digest = sha;
        // closed once: when the file is finished, else when the task ends (a table read from a
        // temporary copy, Excel or Access, deletes it on close, also when the task fails)
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                records.close();
            }
        };
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener(new org.apache.spark.util.TaskCompletionListener() {
                @Override
                public void onTaskCompletion(org.apache.spark.TaskContext context) {
                    close.run();
                }
            });
        }
        FileIngestion ingestion = new FileIngestion(records, file, schema, fileYear, years);
        int yearIndex = schema.indexOf(SourceSchema.YEAR);
        Map<Integer, QualityReport> metrics = new java.util.TreeMap<>();
        Map<Integer, Long> otherYears = new java.util.TreeMap<>();
        List<IngestOutcome.Quarantined> quarantined = new ArrayList<>();
        InternalRowConverter converter = new InternalRowConverter(schema.columns().size());
        return new Iterator<>() {
            private InternalRow next;
            private boolean reported;
            private int lastYear = Integer.MIN_VALUE;
            private QualityReport lastMetrics;

            @Override
            public boolean hasNext() {
                while (next == null && ingestion.hasNext()) {
                    IngestOutcome o = ingestion.next();
                    if (o instanceof IngestOutcome.Typed t) {
                        int y = (Integer) t.values()[yearIndex];
                        if (y != lastYear) { // rows come in runs of one year: one map lookup per run
                            lastYear = y;
                            lastMetrics = metrics.computeIfAbsent(y, k -> new QualityReport(schema));
                        }
                        lastMetrics.add(t.values());
                        next = converter.convert(t.values());
                    } else if (o instanceof IngestOutcome.OtherYear other) {
                        otherYears.merge(other.year(), 1L, Long::sum);
                    } else {
                        quarantined.add((IngestOutcome.Quarantined) o);
                    }
                }
                if (next == null && !reported) {
                    reported = true;
                    report();
                }
                return next != null;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InternalRow r = next;
                next = null;
                return r;
            }

            private void report() {
                try {
                    if (whole != null) {
                        whole.transferTo(java.io.OutputStream.nullOutputStream()); // checksum covers every byte
                    }
                    close.run();
                    if (whole != null) {
                        whole.close();
                    }
                } catch (Exception e) {
                    throw new QuexException(file.name() + ": cannot finish reading: " + e.getMessage(), e);
                }
                reports.add(new FileReport(file.name(), digest == null ? null : HexFormat.of().formatHex(digest.digest()),
                        ingestion.counts(), metrics, quarantined, otherYears, fileYear, from >= 0 ? 1 : 0));
            }
        };
    }

    /**
     * Typed values to an internal row, in place: strings become UTF8String, numbers stay boxed. A
     * column that repeats the same String object (source_file, the *_format columns) is encoded once
     * per file.
     */
    private static final class InternalRowConverter {
        private final String[] lastString;
        private final UTF8String[] lastUtf8;

        InternalRowConverter(int width) {
            lastString = new String[width];
            lastUtf8 = new UTF8String[width];
        }

        InternalRow convert(Object[] values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String s) {
                    if (s != lastString[i]) {
                        lastString[i] = s;
                        lastUtf8[i] = UTF8String.fromString(s);
                    }
                    values[i] = lastUtf8[i];
                }
            }
            return new GenericInternalRow(values);
        }
    }

    private static Dataset<Row> qualityFrame(SparkSession spark, List<YearResult> years) {
        List<Row> rows = new ArrayList<>();
        for (YearResult y : years) {
            for (QualityCheck c : y.quality()) {
                rows.add(RowFactory.create(c.check(), c.level(), Double.isNaN(c.value()) ? null : c.value(),
                        c.message(), y.year()));
            }
        }
        return spark.createDataFrame(rows, QUALITY_SCHEMA).coalesce(1);
    }

    private static String writeManifest(Configuration hadoop, LakeTables lake, Settings s, List<FileResult> results,
                                        List<YearResult> years, Map<String, Double> seconds,
                                        List<SkippedEntry> skipped,
                                        List<InputInspector.SkippedTable> skippedTables) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source", s.source());
        config.put("years", s.years().isEmpty() ? "every year the files hold" : s.years());
        config.put("inputs", s.inputs());
        config.put("lake", s.lake());
        config.put("encoding", s.encoding() == null ? "detect" : s.encoding());
        config.put("max_record_lines", s.maxRecordLines());
        config.put("employees_order", s.employeesOrder());
        config.put("quality_rules", s.rules().toString());
        RunManifest manifest = new RunManifest("ingest", config);
        for (FileResult r : results) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("encoding", r.file().charsetName());
            d.put("encoding_source", r.file().encodingSource());
            d.put("scheme", r.file().scheme());
            d.put("schemes_matched", r.file().mapping().schemes());
            d.put("columns_mapped", r.file().mapping().sources().keySet());
            d.put("extra_columns", r.file().mapping().extras());
            d.put("mapping_notes", r.file().mapping().notes());
            d.put("format", r.file().format().name().toLowerCase(java.util.Locale.ROOT));
            if (r.file().format() == RawFormat.DELIMITED) {
                d.put("delimiter", r.file().delimiter() == '\t' ? "tab" : String.valueOf(r.file().delimiter()));
            }
            if (r.sha256() == null) {
                d.put("sha256_note", "not computed: the file was read in slices by several tasks");
            }
            d.put("physical_lines", r.counts().physicalLines());
            d.put("rows_read", r.counts().read());
            d.put("rows_written", r.counts().written());
            d.put("rows_quarantined", r.counts().quarantined());
            d.put("rows_other_years", r.counts().outside());
            d.put("replacement_character_lines", r.counts().replacementLines());
            d.put("first_replacement_character_line", r.counts().firstReplacementLine());
            manifest.addInput(r.file().name(), r.file().bytes(), r.sha256(), d);
        }
        List<Map<String, String>> tablesSkipped = new ArrayList<>(); // sheets and tables not read, and why
        skippedTables.forEach(t -> tablesSkipped.add(Map.of("table", t.name(), "reason", t.reason())));
        manifest.put("skipped_tables", tablesSkipped);
        Map<String, Object> quality = new LinkedHashMap<>();
        for (YearResult y : years) {
            manifest.addCounts(s.source(), y.year(), y.read(), y.written(), 0, y.quarantined());
            List<Map<String, Object>> checks = new ArrayList<>();
            for (QualityCheck c : y.quality()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.check());
                m.put("level", c.level());
                m.put("value", Double.isFinite(c.value()) ? c.value() : null);
                m.put("message", c.message());
                checks.add(m);
            }
            quality.put(String.valueOf(y.year()), checks);
        }
        manifest.put("archives", archives(results, skipped));
        manifest.put("quality", years.size() == 1 ? quality.values().iterator().next() : quality);
        manifest.put("seconds", seconds);
        String label = years.size() == 1 ? String.valueOf(years.get(0).year())
                : years.get(0).year() + "-" + years.get(years.size() - 1).year();
        return manifest.write(hadoop, lake, s.source() + "-" + label).toString();
    }

    /** Per archive read: the members read as tables and every other entry with why it was skipped. */
    static List<Map<String, Object>> archives(List<FileResult> results, List<SkippedEntry> skipped) {
        Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
        java.util.function.Function<String, Map<String, Object>> archive = path -> byPath.computeIfAbsent(path, p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", p);
            m.put("members_read", new ArrayList<String>());
            m.put("entries_skipped", new ArrayList<Map<String, String>>());
            return m;
        });
        for (FileResult r : results) {
            if (r.file().member() != null) {
                @SuppressWarnings("unchecked")
                List<String> members = (List<String>) archive.apply(r.file().path()).get("members_read");
                members.add(r.file().member());
            }
        }
        for (SkippedEntry e : skipped) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> entries = (List<Map<String, String>>) archive.apply(e.path()).get("entries_skipped");
            entries.add(Map.of("entry", e.member(), "reason", e.reason()));
        }
        return new ArrayList<>(byPath.values());
    }

    /**
     * The parts one after another, each read only as far as the consumer has come. Not a Stream's
     * flatMap(...).iterator(): that pushes a whole part into a buffer on the first next(), so a task
     * held every row of its file in memory (a fifth of ingest's time went to garbage collection).
     */
    static <T> Iterator<T> concat(List<Iterator<T>> parts) {
        return org.apache.commons.collections4.IteratorUtils.chainedIterator(parts);
    }
}
