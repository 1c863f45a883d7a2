package org.quex.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.RunJob;

/**
 * The demo submitted to YARN in client mode (a MiniYARNCluster: a resource manager and a node
 * manager started by the test; the application master and two executors run in YARN containers,
 * separate JVMs) with its raw files and its lake on HDFS (a MiniDFSCluster) gives the tables of a
 * local-mode run on the local disk to 1e-10. The session reaches YARN and HDFS only through
 * {@code spark.hadoop.*} settings, as a user's {@code --conf} would.
 */
class YarnRunIT {
    @Test
    void aDemoSubmittedToYarnWithRawFilesAndLakeOnHdfsGivesTheTablesOfLocalMode() throws Exception {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("quex-yarn-");
        Path raw = work.resolve("raw");
        List<ModelTable> tables = ModelTable.load(null);

        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
        MiniYARNCluster yarn = null;
        try {
            dfs.waitActive();
            String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
            FileSystem fs = dfs.getFileSystem();
            yarn = new MiniYARNCluster("quex-yarn-it", 1, 1, 1);
            yarn.init(yarnConfiguration());
            yarn.start();
            String resourceManager = resourceManagerAddress(yarn);

            ClusterRunIT.generateDelivery(raw, "quex-yarn-it");
            FileUtil.copy(raw.toFile(), fs, new org.apache.hadoop.fs.Path(hdfs + "/data/raw"), false, dfsConf);

            SparkSession onYarn = ClusterRunIT.sessionBuilder("yarn", "quex-yarn-it")
                    .config("spark.submit.deployMode", "client")
                    .config("spark.hadoop.yarn.resourcemanager.address", resourceManager)
                    .config("spark.hadoop.yarn.resourcemanager.scheduler.address",
                            yarn.getConfig().get(YarnConfiguration.RM_SCHEDULER_ADDRESS))
                    .config("spark.hadoop.fs.defaultFS", hdfs) // the staging directory of the submission
                    .config("spark.executor.instances", "2")
                    .config("spark.executor.cores", "1")
                    .config("spark.executor.memory", "768m")
                    .config("spark.yarn.am.memory", "384m")
                    // containers find java and the project's classes (SPARK_DIST_CLASSPATH, set by Failsafe);
                    // no jars of a Spark distribution to upload (the classpath has them): none localized
                    .config("spark.yarn.jars", "local:" + Path.of(System.getenv("SPARK_HOME"), "jars") + "/*")
                    .config("spark.yarn.appMasterEnv.JAVA_HOME", System.getProperty("java.home"))
                    .config("spark.executorEnv.JAVA_HOME", System.getProperty("java.home"))
                    .getOrCreate();
            RunJob.Outcome onYarnHdfs;
            String master;
            int executorJvms;
            try {
                master = onYarn.sparkContext().master();
                onYarnHdfs = RunJob.run(onYarn, ClusterRunIT.study(hdfs + "/data/raw", hdfs + "/data/lake", tables));
                executorJvms = onYarn.sparkContext().getExecutorMemoryStatus().size() - 1; // less the driver
            } finally {
                onYarn.stop();
            }

            // the reference: the same study in local mode on the local disk
            RunJob.Outcome onDisk = ClusterRunIT.onLocalDisk(raw, work.resolve("lake"), tables, "quex-yarn-it");

            assertEquals("yarn", master);
            assertTrue(executorJvms >= 1, "executors ran in YARN containers: " + executorJvms);
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(hdfs + "/data/lake/panel/firm_year")));
            assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/data/lake/_state")).length,
                    "a state per year, on HDFS");

            int compared = ClusterRunIT.assertSameStudy(onDisk, onYarnHdfs, tables);
            System.out.printf("yarn+hdfs vs local disk: %d estimates and standard errors equal to %s (%d executors, %.0f s)%n",
                    compared, ClusterRunIT.TOLERANCE, executorJvms, (System.nanoTime() - started) / 1e9);
        } finally {
            if (yarn != null) {
                yarn.stop();
            }
            dfs.shutdown();
        }
    }

    /** A small YARN on loopback: AMs may take the whole (one-node) cluster, no memory policing of the JVMs. */
    private static YarnConfiguration yarnConfiguration() {
        YarnConfiguration conf = new YarnConfiguration();
        // the capacity scheduler's one queue (no capacity-scheduler.xml on the classpath)
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
        conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 1);
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        return conf;
    }

    /** MiniYARNCluster may return from start() before it published the bound port of the resource manager. */
    private static String resourceManagerAddress(MiniYARNCluster yarn) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String address = yarn.getConfig().get(YarnConfiguration.RM_ADDRESS);
            if (address != null && !address.endsWith(":0")) {
                return address;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the resource manager published no address: " + yarn.getConfig().get(YarnConfiguration.RM_ADDRESS));
    }
}
