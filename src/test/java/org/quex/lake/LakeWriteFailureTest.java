package org.quex.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.SparkTestSession;

/**
 * A file-system failure inside Spark's write comes back as one line naming the table and the year;
 * rows of another year than the one written are refused before the catalogue names them.
 */
class LakeWriteFailureTest {
    @Test
    void aTableWhosePathIsAFileIsNamed(@TempDir Path tmp) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> rows = spark.sql("SELECT 2013 AS year, 'a' AS firm");
        Path table = tmp.resolve("lake/clean/asif");
        Files.createDirectories(table.getParent());
        Files.writeString(table, "not a directory"); // what a full or broken disk looks like to a writer: a failed mkdir
        QuexException e;
        try (LakeCommit commit = LakeCommit.begin(spark.sparkContext().hadoopConfiguration(),
                new LakeTables(tmp.resolve("lake").toString()), "test")) {
            e = assertThrows(QuexException.class, () -> PartitionedParquet.replaceYear(spark, rows,
                    new org.apache.hadoop.fs.Path(table.toString()), 2013, List.of("year")));
        }
        assertTrue(e.getMessage().startsWith("cannot write " + table + " year 2013: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void rowsOfAnotherYearAreRefusedAndNotPublished(@TempDir Path tmp) {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> rows = spark.sql("SELECT * FROM VALUES (2013, 'a', 1), (2012, 'b', 2) AS t(year, firm, month)");
        LakeTables lake = new LakeTables(tmp.resolve("lake").toString());
        org.apache.hadoop.fs.Path table = lake.clean("customs_rejected");
        QuexException e;
        try (LakeCommit commit = LakeCommit.begin(spark.sparkContext().hadoopConfiguration(), lake, "test")) {
            e = assertThrows(QuexException.class, () -> PartitionedParquet.writeYear(spark, rows, table, 2013,
                    List.of("year", "month")));
            commit.publish(); // what the caller would do had it caught the error: the year must not be there
        }
        assertEquals("refusing to write " + table + ": the rows hold year=2012, expected only year=2013",
                e.getMessage());
        QuexException empty = assertThrows(QuexException.class, () -> PartitionedParquet.read(spark, table));
        assertEquals("table " + table + " holds no rows", empty.getMessage());
    }
}
