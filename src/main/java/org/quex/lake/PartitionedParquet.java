package org.quex.lake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;

/**
 * Writes and reads year-partitioned Parquet tables. Writes replace exactly the years they are told
 * to (dynamic partition overwrite: other years' files are not touched), and reads use an explicit
 * schema, because without mergeSchema Spark takes one footer's schema and drops later columns.
 */
public final class PartitionedParquet {
    private PartitionedParquet() {
    }

    /**
     * Replaces year {@code year} of {@code table} with {@code rows} (partitioned by
     * {@code partitionColumns}, year first). Rows of any other year are a bug and stop the write;
     * an empty frame removes the year, since dynamic overwrite would otherwise keep the old one.
     */
    public static void replaceYear(SparkSession spark, Dataset<Row> rows, Path table, int year,
                                   List<String> partitionColumns) {
        // one small job lists the partitions the rows fall into, with their rows: the year check,
        // the sub-partitions written and the count
        String[] cols = partitionColumns.toArray(String[]::new);
        Map<List<Object>, Long> rowsByPartition = new java.util.HashMap<>();
        for (Row r : rows.groupBy(cols[0], java.util.Arrays.copyOfRange(cols, 1, cols.length)).count().collectAsList()) {
            List<Object> values = new java.util.ArrayList<>();
            for (int i = 0; i < cols.length; i++) {
                values.add(r.get(i));
            }
            rowsByPartition.put(values, r.getLong(cols.length));
        }
        replaceYear(spark, rows, table, year, partitionColumns, rowsByPartition);
    }

    /**
     * As {@link #replaceYear(SparkSession, Dataset, Path, int, List)}, with the rows per
     * partition already known to the caller, computed from {@code rows} (e.g. in the same aggregation
     * as a report): no job before the write. Keys are the partition values in
     * {@code partitionColumns} order (year first; a null year is a key holding null).
     */
    public static void replaceYear(SparkSession spark, Dataset<Row> rows, Path table, int year,
                                   List<String> partitionColumns, Map<List<Object>, Long> rowsByPartition) {
        if (!partitionColumns.get(0).equals("year")) {
            throw new IllegalArgumentException("year must be the first partition column");
        }
        Set<Integer> years = new java.util.HashSet<>(); // may hold null: no TreeSet
        Set<String> written = new TreeSet<>();
        long n = 0;
        for (Map.Entry<List<Object>, Long> e : rowsByPartition.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            n += e.getValue();
            years.add((Integer) e.getKey().get(0));
            if (partitionColumns.size() > 1) {
                written.add(partitionColumns.get(1) + "=" + e.getKey().get(1));
            }
        }
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (n == 0) {
                fs.delete(LakeTables.yearPartition(table, year), true);
                return;
            }
            if (!years.equals(Set.of(year))) {
                throw new QuexException("refusing to write " + table + ": the rows hold years " + years
                        + ", expected only " + year);
            }
            writing(table, "year " + year, () -> rows.write().mode(SaveMode.Overwrite)
                    .option("partitionOverwriteMode", "dynamic")
                    .partitionBy(partitionColumns.toArray(String[]::new)).parquet(table.toString()));
            // A sub-partition (Customs month) absent from the new data must not survive from an old run;
            // removed after the commit so that a failed write leaves the old year whole.
            if (partitionColumns.size() > 1) {
                for (var st : fs.listStatus(LakeTables.yearPartition(table, year))) {
                    if (st.isDirectory() && !written.contains(st.getPath().getName())) {
                        fs.delete(st.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot write " + table + " year " + year + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces year {@code year} of {@code table} with the same year of {@code staged}, a table Spark
     * wrote partitioned by year (on the same filesystem, e.g. under {@link LakeTables#staging}), by
     * moving its partition directory: the same swap as a dynamic partition overwrite's commit, done
     * after the caller has checked the staged rows. Other years of {@code table} are not touched; a
     * staged table without the year (no rows) removes it; one holding another year stops the commit.
     */
    public static void commitStagedYear(FileSystem fs, Path staged, Path table, int year) throws IOException {
        commitStagedYears(fs, staged, table, java.util.List.of(year));
    }

    /** {@link #commitStagedYear} for several years of one staged table, one year after another. */
    public static void commitStagedYears(FileSystem fs, Path staged, Path table, java.util.List<Integer> years)
            throws IOException {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (int year : years) {
            expected.add(LakeTables.yearPartition(staged, year).getName());
        }
        if (fs.exists(staged)) {
            for (var st : fs.listStatus(staged)) {
                String name = st.getPath().getName();
                if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".") && !expected.contains(name)) {
                    throw new QuexException("refusing to write " + table + ": the rows hold " + name
                            + ", expected only " + String.join(", ", expected));
                }
            }
        }
        for (int year : years) {
            Path source = LakeTables.yearPartition(staged, year);
            Path target = LakeTables.yearPartition(table, year);
            fs.delete(target, true);
            if (fs.exists(source)) {
                fs.mkdirs(table);
                if (!fs.rename(source, target)) {
                    throw new QuexException("cannot move " + source + " to " + target);
                }
            }
        }
    }

    /**
     * Replaces the years of {@code rowsByYear} in a table partitioned by year alone, in one write;
     * a year with no rows is removed. The counts come from the caller, who has them already.
     */
    public static void replaceYears(SparkSession spark, Dataset<Row> rows, Path table, Map<Integer, Long> rowsByYear) {
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (Map.Entry<Integer, Long> e : rowsByYear.entrySet()) {
                if (e.getValue() == 0) {
                    fs.delete(LakeTables.yearPartition(table, e.getKey()), true);
                }
            }
            Dataset<Row> kept = rows.where(rows.col("year").isin(rowsByYear.keySet().toArray()));
            writing(table, "years " + rowsByYear.keySet(), () -> kept.write().mode(SaveMode.Overwrite)
                    .option("partitionOverwriteMode", "dynamic").partitionBy("year").parquet(table.toString()));
        } catch (IOException e) {
            throw new QuexException("cannot write " + table + " years " + rowsByYear.keySet() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a Spark write of {@code table}; a failure of the file system in a task (no space left on
     * device, a path component that is a file, a lost connection) comes back as one line naming the
     * table and the years instead of Spark's job failure.
     */
    static void writing(Path table, String years, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (QuexException.findIn(e) != null) {
                throw e;
            }
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IOException io) {
                    throw new QuexException("cannot write " + table + " " + years + ": " + io.getClass().getSimpleName()
                            + ": " + String.valueOf(io.getMessage()).lines().findFirst().orElse(""), e);
                }
            }
            throw e;
        }
    }

    /** A table read with its declared schema; an absent table reads as empty. */
    public static Dataset<Row> read(SparkSession spark, Path table, StructType schema) {
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(table)) {
                return spark.createDataFrame(List.of(), schema);
            }
        } catch (IOException e) {
            throw new QuexException("cannot read " + table + ": " + e.getMessage(), e);
        }
        return spark.read().schema(schema).parquet(table.toString());
    }
}
