package org.quex.lake;

import java.io.IOException;
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
 * text so that numbers are parsed and checked where they are used), or Parquet.
 */
public final class TableReader {
    private TableReader() {
    }

    public static Dataset<Row> read(SparkSession spark, String location) {
        Path path = new Path(location);
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

    private static String formatOf(FileSystem fs, Path path) throws IOException {
        Path sample = path;
        if (fs.getFileStatus(path).isDirectory()) {
            sample = null;
            for (FileStatus st : fs.listStatus(path)) {
                String name = st.getPath().getName();
                if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    sample = st.getPath();
                    break;
                }
            }
            if (sample == null) {
                throw new QuexException("input directory '" + path + "' holds no data files");
            }
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
        throw new QuexException("input '" + path + "': cannot tell the format of '" + sample.getName()
                + "' (expected .csv, .tsv or .parquet)");
    }
}
