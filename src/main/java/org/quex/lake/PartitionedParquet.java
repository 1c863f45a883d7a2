package org.quex.lake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;

/**
 * Writes and reads year-partitioned Parquet tables. A write puts the years it is told into a new
 * version directory of the table, which the open {@link LakeCommit} names in the lake's next
 * catalogue (other years and tables keep theirs), and reads go through the catalogue
 * ({@link LakeCatalogue}) with an explicit schema, because without mergeSchema Spark takes one
 * footer's schema and drops later columns.
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
        long n = 0;
        for (Map.Entry<List<Object>, Long> e : rowsByPartition.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            n += e.getValue();
            years.add((Integer) e.getKey().get(0));
        }
        LakeCommit commit = LakeCommit.required(spark.sparkContext().hadoopConfiguration(), table);
        if (n == 0) {
            commit.putYears(table, null, List.of(year));
            return;
        }
        if (!years.equals(Set.of(year))) {
            throw new QuexException("refusing to write " + table + ": the rows hold years " + years
                    + ", expected only " + year);
        }
        // a new directory, named by the catalogue only when the commit is published: a failed or
        // killed write leaves the year as the current catalogue has it
        Path version = commit.newVersion(table);
        writing(table, "year " + year, () -> rows.write().mode(SaveMode.ErrorIfExists)
                .partitionBy(partitionColumns.toArray(String[]::new)).parquet(version.toString()));
        commit.putYears(table, version, List.of(year));
    }

    /**
     * As {@link #replaceYear(SparkSession, Dataset, Path, int, List)} for rows counted during the
     * write itself (by a {@link org.apache.spark.sql.Observation}): no job before it. The year check
     * is made on the directories the write made, before the catalogue names them; a write without
     * rows removes the year.
     */
    public static void writeYear(SparkSession spark, Dataset<Row> rows, Path table, int year,
                                 List<String> partitionColumns) {
        if (!partitionColumns.get(0).equals("year")) {
            throw new IllegalArgumentException("year must be the first partition column");
        }
        LakeCommit commit = LakeCommit.required(spark.sparkContext().hadoopConfiguration(), table);
        Path version = commit.newVersion(table);
        writing(table, "year " + year, () -> rows.write().mode(SaveMode.ErrorIfExists)
                .partitionBy(partitionColumns.toArray(String[]::new)).parquet(version.toString()));
        try {
            refuseOtherYears(version.getFileSystem(spark.sparkContext().hadoopConfiguration()), version, table,
                    List.of(year));
        } catch (IOException e) {
            throw new QuexException("cannot list " + version + ": " + e.getMessage(), e);
        }
        commit.putYears(table, version, List.of(year));
    }

    /**
     * Stops a write whose directory {@code written} (year=Y directories, as Spark wrote them) holds
     * anything but the years {@code years}: rows of another year are a bug, refused before the
     * catalogue names them.
     */
    private static void refuseOtherYears(FileSystem fs, Path written, Path table, List<Integer> years)
            throws IOException {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (int year : years) {
            expected.add(LakeTables.yearPartition(written, year).getName());
        }
        for (var st : fs.listStatus(written)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".") && !expected.contains(name)) {
                throw new QuexException("refusing to write " + table + ": the rows hold " + name
                        + ", expected only " + String.join(", ", expected));
            }
        }
    }

    /** Removes year {@code year} from {@code table} in the open commit (its rows are no longer written). */
    public static void removeYear(SparkSession spark, Path table, int year) {
        LakeCommit.required(spark.sparkContext().hadoopConfiguration(), table).putYears(table, null, List.of(year));
    }

    /**
     * Replaces year {@code year} of {@code table} with the same year of {@code staged}, a table Spark
     * wrote partitioned by year (on the same filesystem, e.g. under {@link LakeTables#staging}), by
     * moving it: done after the caller has checked the staged rows. Other years of {@code table} are not touched; a
     * staged table without the year (no rows) removes it; one holding another year stops the commit.
     * The staged directory becomes a new version of the table, visible when the open commit is published.
     */
    public static void commitStagedYear(FileSystem fs, Path staged, Path table, int year) throws IOException {
        commitStagedYears(fs, staged, table, java.util.List.of(year));
    }

    /** {@link #commitStagedYear} for several years of one staged table, one year after another. */
    public static void commitStagedYears(FileSystem fs, Path staged, Path table, java.util.List<Integer> years)
            throws IOException {
        if (fs.exists(staged)) {
            refuseOtherYears(fs, staged, table, years);
        }
        LakeCommit commit = LakeCommit.required(fs.getConf(), table);
        Path version = null;
        if (fs.exists(staged)) {
            version = commit.newVersion(table);
            fs.mkdirs(version.getParent());
            if (!fs.rename(staged, version)) {
                throw new QuexException("cannot move " + staged + " to " + version);
            }
        }
        commit.putYears(table, version, years);
    }

    /**
     * Replaces the years of {@code rowsByYear} in a table partitioned by year alone, in one write;
     * a year with no rows is removed. The counts come from the caller, who has them already.
     */
    public static void replaceYears(SparkSession spark, Dataset<Row> rows, Path table, Map<Integer, Long> rowsByYear) {
        LakeCommit commit = LakeCommit.required(spark.sparkContext().hadoopConfiguration(), table);
        Path version = commit.newVersion(table);
        Dataset<Row> kept = rows.where(rows.col("year").isin(rowsByYear.keySet().toArray()));
        writing(table, "years " + rowsByYear.keySet(), () -> kept.write().mode(SaveMode.ErrorIfExists)
                .partitionBy("year").parquet(version.toString()));
        commit.putYears(table, version, rowsByYear.keySet()); // a year with no rows has no directory: removed
    }

    /** Replaces the whole of a table not partitioned by year (one commit's version holds all its rows). */
    public static void replaceWhole(SparkSession spark, Dataset<Row> rows, Path table) {
        LakeCommit commit = LakeCommit.required(spark.sparkContext().hadoopConfiguration(), table);
        Path version = commit.newVersion(table);
        writing(table, "", () -> rows.write().mode(SaveMode.ErrorIfExists).parquet(version.toString()));
        commit.putWhole(table, version);
    }

    /**
     * Runs a Spark write of {@code table}; a failure of the file system in a task (no space left on
     * device, a path component that is a file, a lost connection) comes back as one line naming the
     * table and the years instead of Spark's job failure.
     */
    static void writing(Path table, String years, Runnable write) {
        try {
            write.run();
        } catch (Exception e) { // a failure in the driver's part of the job comes as the IOException itself, undeclared
            if (e instanceof RuntimeException r && QuexException.findIn(e) != null) {
                throw r;
            }
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IOException io) {
                    throw new QuexException("cannot write " + table + " " + years + ": " + io.getClass().getSimpleName()
                            + ": " + String.valueOf(io.getMessage()).lines().findFirst().orElse(""), e);
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * A table read with its declared schema (columns in its order, then year and the sub-partitions);
     * an absent table reads as empty. A lake table is read from the directories its catalogue names.
     */
    public static Dataset<Row> read(SparkSession spark, Path table, StructType schema) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        LakeCatalogue catalogue = LakeCatalogue.of(hadoop, table);
        if (catalogue == null) {
            try {
                FileSystem fs = table.getFileSystem(hadoop);
                if (!fs.exists(table)) {
                    return spark.createDataFrame(List.of(), schema);
                }
            } catch (IOException e) {
                throw new QuexException("cannot read " + table + ": " + e.getMessage(), e);
            }
            return spark.read().schema(schema).parquet(table.toString());
        }
        SortedMap<String, Path> parts = catalogue.parts(catalogue.nameOf(hadoop, table));
        if (parts.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return readParts(hadoop, parts, (base, p) -> spark.read().schema(schema).option("basePath", base).parquet(p), schema);
    }

    /**
     * A table read with the schemas of all its files merged (no schema declared: the panel, the
     * Customs firm-year aggregates); through its catalogue when it is a lake table.
     */
    public static Dataset<Row> read(SparkSession spark, Path table) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        LakeCatalogue catalogue = LakeCatalogue.of(hadoop, table);
        if (catalogue == null) {
            return spark.read().option("mergeSchema", "true").parquet(table.toString());
        }
        SortedMap<String, Path> parts = catalogue.parts(catalogue.nameOf(hadoop, table));
        if (parts.isEmpty()) {
            throw new QuexException("table " + table + " holds no rows");
        }
        return readParts(hadoop, parts, (base, p) -> spark.read().option("mergeSchema", "true").option("basePath", base)
                .parquet(p), null);
    }

    /**
     * A table's directories read as one: each year's directory with Spark's partition discovery
     * below its own version directory (basePath), so year and month are partition columns that a
     * filter on them prunes to the files of the years asked for, and the reads in year order as one
     * union. (The directories' parents differ, so one read of them all cannot discover partitions;
     * taking the values from each row's file path instead read every year of the table for one.)
     * The columns come in the order a read of the old layout gave: the data columns, year, the
     * sub-partitions.
     */
    private static Dataset<Row> readParts(Configuration hadoop, SortedMap<String, Path> parts,
                                          java.util.function.BiFunction<String, String, Dataset<Row>> reader,
                                          StructType schema) {
        Path whole = parts.get(LakeCatalogue.WHOLE);
        if (whole != null) {
            return reader.apply(whole.toString(), whole.toString());
        }
        Dataset<Row> all = null;
        for (Path year : parts.values()) {
            Dataset<Row> one = reader.apply(year.getParent().toString(), year.toString());
            all = all == null ? one : all.unionByName(one, schema == null);
        }
        List<String> partitions = new java.util.ArrayList<>();
        partitions.add("year");
        partitions.addAll(subPartitions(hadoop, parts.values().iterator().next()));
        List<String> columns = new java.util.ArrayList<>();
        for (String c : schema != null ? List.of(schema.fieldNames()) : List.of(all.columns())) {
            if (!partitions.contains(c)) {
                columns.add(c);
            }
        }
        columns.addAll(partitions);
        return all.selectExpr(columns.stream().map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new));
    }

    /** The k of the k=v directories below a year's directory (month for Customs), outermost first. */
    private static List<String> subPartitions(Configuration hadoop, Path dir) {
        List<String> names = new java.util.ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            Path at = dir;
            while (at != null) {
                Path next = null;
                for (var st : fs.listStatus(at)) {
                    String n = st.getPath().getName();
                    if (st.isDirectory() && n.contains("=") && !n.startsWith("_") && !n.startsWith(".")) {
                        names.add(n.substring(0, n.indexOf('=')));
                        next = st.getPath();
                        break;
                    }
                }
                at = next;
            }
        } catch (IOException e) {
            throw new QuexException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return names;
    }
}
