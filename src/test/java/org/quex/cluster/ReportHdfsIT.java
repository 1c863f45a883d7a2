package org.quex.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.quex.CommandRun;
import org.quex.SparkTestSession;

/**
 * quex report on fits stored in HDFS (a MiniDFSCluster started by the test, reached through
 * hdfs://127.0.0.1:PORT): the fit directories are found and read through the Hadoop FileSystem API
 * without Spark, margins.csv included, and the table is written back to HDFS.
 */
class ReportHdfsIT {
    @Test
    void aTableFromFitsOnHdfs() throws Exception {
        Path work = Files.createTempDirectory("quex-report-hdfs-");
        MiniDFSCluster dfs = HdfsRunIT.miniDfs(work);
        try {
            String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
            FileSystem fs = dfs.getFileSystem();
            for (String[] fit : new String[][] {{"report/spector_margins", "spector"}, {"report/demo_models/table3/3", "fe"}}) {
                FileUtil.copy(Path.of(SparkTestSession.resource(fit[0])).toFile(), fs,
                        new org.apache.hadoop.fs.Path(hdfs + "/fits/" + fit[1]), false, dfs.getConfiguration(0));
            }
            CommandRun r = CommandRun.of("report", hdfs + "/fits", "--out", hdfs + "/paper", "--id", "mixed",
                    "--show", "margins");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("|  | (fe) | (spector) |\n"), r.out());
            assertTrue(r.out().contains("| Reported | Coefficient | AME |\n"), r.out());
            String gpa = Files.readAllLines(Path.of(SparkTestSession.resource("report/spector_margins/margins.csv")))
                    .get(1).split(",")[3];
            assertTrue(r.out().contains("| GPA |  | " + String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(gpa))),
                    r.out());
            for (String ext : List.of("md", "csv", "tex", "html", "xlsx", "docx")) {
                assertTrue(fs.getFileStatus(new org.apache.hadoop.fs.Path(hdfs + "/paper/tables/mixed." + ext)).getLen() > 100,
                        ext);
            }
            CommandRun missing = CommandRun.of("report", hdfs + "/nowhere", "--out", work.resolve("o").toString());
            assertEquals(1, missing.status());
            assertEquals("quex report: error: fit directory " + hdfs + "/nowhere does not exist (give directories that"
                    + " estimate or run wrote: they hold fit.json)", missing.err().strip());
        } finally {
            dfs.shutdown();
        }
    }
}
