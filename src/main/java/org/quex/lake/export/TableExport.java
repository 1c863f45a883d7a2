package org.quex.lake.export;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.quex.QuexException;
import org.quex.lake.LakeListing;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.schema.CanonicalColumn;
import org.quex.lake.schema.SourceSchema;

/**
 * The Spark edge of {@code lake export}: one table of the lake (some years, the rows a SQL
 * condition keeps) to one file a user takes elsewhere, under the lake's column names. CSV and
 * Stata files are written by the driver from the rows streamed to it year by year (so they come
 * in year order); Parquet is written by Spark as one part, moved to the name asked for. Each file
 * is written under a temporary name beside the target and renamed when complete, so a failed export
 * leaves no half file.
 */
public final class TableExport {
    /** The file formats, told by the name of --out. */
    public enum Format {
        CSV(".csv"), DTA(".dta"), PARQUET(".parquet");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public static Format of(String out) {
            String name = out.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith(f.extension)) {
                    return f;
                }
            }
            throw new QuexException("--out " + out + ": the name must end in .csv, .dta or .parquet (it says the format)");
        }
    }

    /** {@code years} null: every year of the table; {@code where} null: every row. */
    public record Settings(String lake, String table, List<Integer> years, String where, String out) {
    }

    /** What was written: the table, its years, rows and columns, the file, and notes on types (Stata). */
    public record Result(String table, List<Integer> years, long rows, int columns, String out, List<String> notes) {
        public String summaryLine() {
            return "lake export " + table + (years.isEmpty() ? "" : " years " + LakeListing.ranges(new TreeSet<>(years)))
                    + ": " + rows + " rows, " + columns + " columns -> " + out;
        }
    }

    private TableExport() {
    }

    public static Result run(SparkSession spark, Settings s) {
        Format format = Format.of(s.out());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        LakeTables lake = new LakeTables(s.lake());
        LakeListing.Table table = LakeListing.find(LakeListing.of(hadoop, lake), lake, s.table());
        if (table.years().isEmpty()) {
            throw new QuexException("table " + table.name() + " holds no rows (no Parquet files under "
                    + new Path(lake.root(), table.name()) + ")");
        }
        List<Integer> years = years(table, s.years());
        Dataset<Row> rows = read(spark, table);
        if (!years.isEmpty()) {
            rows = rows.where(col("year").isin(years.toArray()));
        }
        if (s.where() != null && !s.where().isBlank()) {
            rows = where(rows, s.where());
        }
        Path out = new Path(s.out());
        try {
            FileSystem fs = plainFileSystem(out, hadoop);
            out = fs.makeQualified(out);
            if (fs.exists(out) && fs.getFileStatus(out).isDirectory()) {
                throw new QuexException("--out " + s.out() + " is a directory; give a file name");
            }
            if (out.getParent() != null) {
                fs.mkdirs(out.getParent());
            }
            Path temp = new Path(out.getParent(), "." + out.getName() + ".tmp-" + UUID.randomUUID());
            try {
                Written w = switch (format) {
                    case PARQUET -> writeParquet(rows, fs, temp);
                    case CSV -> {
                        Dataset<Row> flat = ExportColumns.flat(rows, table.name(), "CSV");
                        yield new Written(flat.schema().size(),
                                writeRows(flat, years, () -> new CsvSink(fs.create(temp, false), flat.schema())), List.of());
                    }
                    case DTA -> {
                        Dataset<Row> flat = ExportColumns.flat(rows, table.name(), "Stata");
                        boolean local = fs instanceof RawLocalFileSystem;
                        StataExport.Plan plan = StataExport.plan(flat, table.name(), labels(table), local);
                        List<StructField> fields = List.of(flat.schema().fields());
                        yield new Written(fields.size(), writeRows(flat, years, () -> plan.hasStrL()
                                ? StataExport.Sink.onFile(((RawLocalFileSystem) fs).pathToFile(temp).toPath(), plan, fields)
                                : StataExport.Sink.onStream(fs.create(temp, false), plan, fields)), plan.notes());
                    }
                };
                if (fs.exists(out)) {
                    fs.delete(out, false);
                }
                if (!fs.rename(temp, out)) {
                    throw new QuexException("cannot move " + temp + " to " + out);
                }
                long n = format == Format.PARQUET ? LakeListing.footerRows(hadoop, out) : w.rows();
                return new Result(table.name(), years, n, w.columns(), s.out(), w.notes());
            } finally {
                fs.delete(temp, true);
            }
        } catch (IOException e) {
            throw new QuexException("cannot write " + s.out() + ": " + e.getMessage(), e);
        }
    }

    /** The years asked for, each checked against the table's; all of a year-partitioned table's when none are. */
    static List<Integer> years(LakeListing.Table table, List<Integer> asked) {
        if (asked == null || asked.isEmpty()) {
            return table.byYear() ? table.yearNumbers() : List.of();
        }
        if (!table.byYear()) {
            throw new QuexException("table " + table.name() + " is not partitioned by year; leave out --year"
                    + " (or use --where)");
        }
        List<Integer> missing = asked.stream().filter(y -> !table.yearNumbers().contains(y)).toList();
        if (!missing.isEmpty()) {
            throw new QuexException("table " + table.name() + " has no year " + LakeListing.ranges(new TreeSet<>(missing))
                    + "; it holds " + LakeListing.ranges(new TreeSet<>(table.yearNumbers())));
        }
        return List.copyOf(new TreeSet<>(asked));
    }

    /**
     * A raw table through its canonical schema (columns in their documented order, and no column
     * lost to a footer that lacks it); any other table with the schemas of all its files merged.
     */
    private static Dataset<Row> read(SparkSession spark, LakeListing.Table table) {
        String[] parts = table.name().split("/", 2);
        if (parts[0].equals("raw") && SourceSchema.SOURCES.contains(parts[1])) {
            return PartitionedParquet.read(spark, table.path(), SourceSchema.of(parts[1]).structType());
        }
        return PartitionedParquet.read(spark, table.path());
    }

    /** Variable labels for Stata: a raw table's column meanings as its schema documents them. */
    private static Map<String, String> labels(LakeListing.Table table) {
        String[] parts = table.name().split("/", 2);
        Map<String, String> labels = new LinkedHashMap<>();
        if (parts[0].equals("raw") && SourceSchema.SOURCES.contains(parts[1])) {
            for (CanonicalColumn c : SourceSchema.of(parts[1]).columns()) {
                labels.put(c.name(), c.meaning());
            }
        }
        return labels;
    }

    private static Dataset<Row> where(Dataset<Row> rows, String condition) {
        try {
            return rows.where(condition);
        } catch (Exception e) { // AnalysisException (a parse error too), which Scala throws undeclared
            String what = String.valueOf(e.getMessage()).lines().map(String::trim).filter(l -> !l.isEmpty())
                    .findFirst().orElse(e.getClass().getSimpleName());
            throw new QuexException("--where \"" + condition + "\": " + what);
        }
    }

    private record Written(int columns, long rows, List<String> notes) {
    }

    private interface SinkOpener {
        RowSink open() throws IOException;
    }

    /** Streams the rows to the driver, year by year for a year-partitioned table, into one file; returns the rows. */
    private static long writeRows(Dataset<Row> rows, List<Integer> years, SinkOpener sink) throws IOException {
        List<Dataset<Row>> chunks = new ArrayList<>();
        if (years.isEmpty()) {
            chunks.add(rows);
        } else {
            for (int y : years) {
                chunks.add(rows.where(col("year").equalTo(y)));
            }
        }
        try (RowSink out = sink.open()) {
            for (Dataset<Row> chunk : chunks) {
                Iterator<Row> it = chunk.toLocalIterator();
                while (it.hasNext()) {
                    out.add(it.next());
                }
            }
            return out.rows();
        }
    }

    /** One part written by Spark into a temporary directory, then moved to the name asked for. */
    private static Written writeParquet(Dataset<Row> rows, FileSystem fs, Path temp)
            throws IOException {
        Path dir = new Path(temp.getParent(), temp.getName() + ".dir");
        try {
            rows.coalesce(1).write().parquet(dir.toString());
            List<Path> parts = new ArrayList<>();
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    parts.add(st.getPath());
                }
            }
            if (parts.size() != 1) {
                throw new IllegalStateException("expected one Parquet part in " + dir + ", found " + parts);
            }
            if (!fs.rename(parts.get(0), temp)) {
                throw new QuexException("cannot move " + parts.get(0) + " to " + temp);
            }
            return new Written(rows.schema().size(), -1, List.of());
        } finally {
            fs.delete(dir, true);
        }
    }

    /**
     * The file system of {@code out}, without the checksum layer of the local one: it would write a
     * .crc file beside the export (and move Spark's along with a part).
     */
    private static FileSystem plainFileSystem(Path out, Configuration hadoop) throws IOException {
        FileSystem fs = out.getFileSystem(hadoop);
        return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    }
}
