package org.quex.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;

/** The progress line counts the rows Spark's finished tasks read and wrote while it is open. */
class SparkProgressTest {
    @TempDir
    Path tmp;

    @Test
    void countsRowsWrittenAndReadByTheWorkItWatches() throws Exception {
        SparkSession spark = SparkTestSession.get();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String line;
        try (SparkProgress p = SparkProgress.start(spark, "test 2013", new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            spark.range(0, 12_345, 1, 3).toDF("x").write().parquet(tmp.resolve("t").toString());
            long kept = spark.read().parquet(tmp.resolve("t").toString()).where("x % 5 = 0").collectAsList().size();
            assertEquals(2469, kept);
            spark.sparkContext().listenerBus().waitUntilEmpty();
            line = p.line();
        }
        // the rows written are the table's; the scan's rows are counted by every job that reads them (one or more)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "  … test 2013: ([0-9,]+) rows read \\([0-9,]+ rows/s\\), 12,345 written, \\d+ s").matcher(line);
        assertTrue(m.matches(), line);
        long read = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(read >= 12_345 && read % 12_345 == 0, line);
        for (String printedLine : printed.toString(StandardCharsets.UTF_8).lines().toList()) {
            assertTrue(printedLine.startsWith("  … test 2013: "), printedLine); // only when the work took over 5 s
        }
    }
}
