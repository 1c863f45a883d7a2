package org.quex.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.lake.LakeLock;
import org.quex.lake.LakeTables;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.RunJob;

/**
 * The demo with its raw files and its lake on HDFS (a MiniDFSCluster: a name node and a data node
 * started by the test, reached through hdfs://127.0.0.1:PORT) gives the tables of a local-disk
 * run to 1e-10, and the lake's lock works through HDFS's atomic create.
 */
class HdfsRunIT {
    @Test
    void aDemoWithRawFilesAndLakeOnHdfsGivesTheTablesOfLocalDisk() throws Exception {
        Path work = Files.createTempDirectory("quex-hdfs-");
        MiniDFSCluster dfs = miniDfs(work);
        try {
            String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
            List<ModelTable> tables = ModelTable.load(null);
            Path raw = work.resolve("raw");
            ClusterRunIT.generateDelivery(raw, "quex-hdfs-it");
            SparkSession spark = ClusterRunIT.sessionBuilder("local[2]", "quex-hdfs-it").getOrCreate();
            try {
                FileSystem fs = dfs.getFileSystem();
                FileUtil.copy(raw.toFile(), fs, new org.apache.hadoop.fs.Path(hdfs + "/data/raw"), false,
                        spark.sparkContext().hadoopConfiguration());

                RunJob.Outcome onHdfs = RunJob.run(spark, ClusterRunIT.study(hdfs + "/data/raw", hdfs + "/data/lake", tables));
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path(hdfs + "/data/lake/panel/firm_year")));
                assertTrue(fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/data/lake/_state")).length == 2,
                        "a state per year, on HDFS");
                // one commit per year, then the panel's: the catalogue, renamed into place on HDFS
                org.quex.lake.LakeCatalogue catalogue = org.quex.lake.LakeCatalogue.current(
                        spark.sparkContext().hadoopConfiguration(), new LakeTables(hdfs + "/data/lake"));
                assertEquals(3, catalogue.commit());
                assertEquals(List.of(2012, 2013), catalogue.years("match/links"));
                assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/data/lake/_catalogue")).length,
                        "the current catalogue and the one before");

                // a second run is kept off the lake while the first holds its lock
                LakeTables lake = new LakeTables(hdfs + "/data/lake");
                try (LakeLock held = LakeLock.acquire(spark.sparkContext().hadoopConfiguration(), lake, "quex run A")) {
                    QuexException e = assertThrows(QuexException.class,
                            () -> LakeLock.acquire(spark.sparkContext().hadoopConfiguration(), lake, "quex run B"));
                    assertTrue(e.getMessage().startsWith("the lake " + hdfs + "/data/lake is locked by another run"
                            + " (quex run A pid "), e.getMessage());
                }

                RunJob.Outcome onDisk = RunJob.run(spark, ClusterRunIT.settings(raw, work.resolve("lake"), tables));
                int compared = ClusterRunIT.assertSameStudy(onDisk, onHdfs, tables);
                System.out.println("hdfs vs local disk: " + compared + " estimates and standard errors equal to " + ClusterRunIT.TOLERANCE);
            } finally {
                spark.stop();
            }
        } finally {
            dfs.shutdown();
        }
    }

    /** A name node and a data node under WORK/dfs, started and active. */
    static MiniDFSCluster miniDfs(Path work) throws IOException {
        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
        dfs.waitActive();
        return dfs;
    }
}
