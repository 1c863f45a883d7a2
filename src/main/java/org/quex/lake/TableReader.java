package org.quex.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexException;

/**
 * Reads any table a user points at: a CSV file or directory (header row, UTF-8, every column as
 * text so that numbers are parsed and checked where they are used), Parquet (a file, a directory,
 * or a table partitioned in {@code year=…} folders, every partition with its partition column;
 * a table of a lake, such as lake/panel/firm_year, as its current catalogue names it), or Stata .dta files ({@link StataTable}).
 */
public final class TableReader {
    private TableReader() {
    }

    public static Dataset<Row> read(SparkSession spark, String location) {
        Path path = new Path(location);
        if (LakeCatalogue.of(spark.sparkContext().hadoopConfiguration(), path) != null) {
            return PartitionedParquet.read(spark, path); // a lake table: the directories its catalogue names
        }
        String format;
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new QuexException("input '" + location + "' does not exist");
            }
            format = formatOf(fs, path);
        } catch (IOException e) {
            throw new QuexException("input '" + location + "' cannot be read: " + e.getMessage(), e);
        }
        if (format.equals("parquet")) {
            return spark.read().parquet(location);
        }
        if (format.equals("dta")) {
            return StataTable.read(spark, stataFiles(spark, path));
        }
        Dataset<Row> csv = spark.read().option("header", "true").option("inferSchema", "false")
                .option("mode", "FAILFAST").option("encoding", "UTF-8")
                .option("sep", format.equals("tsv") ? "\t" : ",").csv(location);
        for (String column : csv.columns()) {
            if (column.isBlank()) {
                throw new QuexException("input '" + location + "': the header has an empty column name");
            }
        }
        return csv;
    }

    /** The rows of a table where a Spark SQL condition holds; a condition that does not parse or resolve is one line. */
    public static Dataset<Row> where(Dataset<Row> table, String condition, String location) {
        try {
            Dataset<Row> rows = table.where(org.apache.spark.sql.functions.expr(condition));
            rows.schema(); // analysis happens here: an unknown column fails now
            return rows;
        } catch (Exception e) { // Spark's ParseException and AnalysisException
            throw new QuexException("--where '" + condition + "' is not a condition on the columns of " + location + ": "
                    + e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse(""), e);
        }
    }

    private static String formatOf(FileSystem fs, Path path) throws IOException {
        Path sample = fs.getFileStatus(path).isDirectory() ? firstDataFile(fs, path) : path;
        if (sample == null) {
            throw new QuexException("input directory '" + path + "' holds no data files");
        }
        String name = sample.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith(".parq")) {
            return "parquet";
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return "csv";
        }
        if (name.endsWith(".tsv") || name.endsWith(".tsv.gz") || name.endsWith(".txt")) {
            return "tsv";
        }
        if (name.endsWith(".dta")) {
            return "dta";
        }
        throw new QuexException("input '" + path + "': cannot tell the format of '" + sample.getName()
                + "' (expected .csv, .tsv, .parquet or .dta)");
    }

    /** The first data file of a directory, looking into partition folders (year=2005/…); null if none. */
    private static Path firstDataFile(FileSystem fs, Path dir) throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        java.util.Arrays.sort(entries);
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                return st.getPath();
            }
        }
        for (FileStatus st : entries) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.contains("=") && !name.startsWith("_") && !name.startsWith(".")) {
                Path inside = firstDataFile(fs, st.getPath());
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    /** A .dta file, or the .dta files of a directory in name order. */
    private static List<Path> stataFiles(SparkSession spark, Path path) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(path).isDirectory()) {
                return List.of(path);
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus st : fs.listStatus(path)) {
                if (st.isFile() && st.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".dta")) {
                    files.add(st.getPath());
                }
            }
            files.sort(java.util.Comparator.comparing(Path::getName));
            return files;
        } catch (IOException e) {
            throw new QuexException("input '" + path + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
