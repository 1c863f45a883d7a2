package org.quex.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.quex.ConfigFile;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.lake.LakeTables;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.RunJob;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * The demo run on a multi-process cluster (local-cluster: a master, two workers and their
 * executors as separate JVMs) gives the tables of local mode to 1e-10, although an executor is
 * killed (SIGKILL) in the middle of the pipeline and another in the middle of an estimation.
 */
class ClusterRunIT {
    static final double TOLERANCE = 1e-10;

    @Test
    void aDemoOnAClusterThatLosesExecutorsGivesTheTablesOfLocalMode() throws IOException {
        Path work = Files.createTempDirectory("quex-cluster-");
        Path raw = work.resolve("raw");
        List<ModelTable> tables = ModelTable.load(null);

        SparkSession cluster = session("local-cluster[2,1,1024]");
        SynthJob.run(cluster, new GenerateSettings(5, 800, 2012, 2013, 200, 10, TrueCoefficients.FE_QU, 0.08, 1),
                TrueCoefficients.load(null), raw.toString(), true);
        ExecutorKiller midPipeline = new ExecutorKiller(cluster.sparkContext().applicationId(), 120);
        cluster.sparkContext().addSparkListener(midPipeline);
        RunJob.Outcome onCluster = RunJob.run(cluster, settings(raw, work.resolve("cluster-lake"), tables));
        assertTrue(midPipeline.killed.get() == 1 && midPipeline.removed.get() >= 1,
                "an executor was killed during the pipeline (" + midPipeline.killed + ") and the driver saw it go ("
                        + midPipeline.removed + "); executors found: " + midPipeline.found);

        // a second executor dies during an estimation; the fit must not change
        Dataset<Row> panel = org.quex.lake.PartitionedParquet.read(cluster,
                new LakeTables(work.resolve("cluster-lake").toString()).panelFirmYear());
        ExecutorKiller midFit = new ExecutorKiller(cluster.sparkContext().applicationId(), 2);
        cluster.sparkContext().addSparkListener(midFit);
        FitResult probitUnderFault = Estimation.fit(panel, tables.get(0).models().get(0).spec());
        assertTrue(midFit.killed.get() == 1, "an executor was killed during the estimation");
        cluster.stop();

        SparkSession local = session("local[2]");
        RunJob.Outcome onLocal = RunJob.run(local, settings(raw, work.resolve("local-lake"), tables));
        local.stop();

        int compared = assertSameStudy(onLocal, onCluster, tables);
        compared += assertSameFit(onLocal.tables().get(0).fits().get(0), probitUnderFault, "table2 (1) under fault");
        System.out.println("cluster vs local: " + compared + " estimates and standard errors equal to " + TOLERANCE);
    }

    /**
     * Writes the delivery the HDFS, YARN and S3 tests run (600 firms, 2012-2013) to {@code raw} in a
     * local session of its own.
     */
    static void generateDelivery(Path raw, String appName) throws IOException {
        SparkSession generator = sessionBuilder("local[2]", appName).getOrCreate();
        try {
            SynthJob.run(generator, new GenerateSettings(5, 600, 2012, 2013, 200, 10, TrueCoefficients.FE_QU, 0.08, 1),
                    TrueCoefficients.load(null), raw.toString(), true);
        } finally {
            generator.stop();
        }
    }

    /** The reference the cluster tests compare with: the same study in local mode on the local disk. */
    static RunJob.Outcome onLocalDisk(Path raw, Path lake, List<ModelTable> tables, String appName) throws IOException {
        SparkSession local = sessionBuilder("local[2]", appName).getOrCreate();
        try {
            return RunJob.run(local, settings(raw, lake, tables));
        } finally {
            local.stop();
        }
    }

    static RunJob.Settings settings(Path raw, Path lake, List<ModelTable> tables) {
        // file:// URIs: the paths go through Hadoop's FileSystem as hdfs:// or s3a:// ones would
        return study("file://" + raw.toAbsolutePath(), "file://" + lake.toAbsolutePath(), tables);
    }

    /** The run every cluster test makes: 2012-2013 of the generated delivery, incremental, packed settings. */
    static RunJob.Settings study(String raw, String lake, List<ModelTable> tables) {
        return new RunJob.Settings(raw, new LakeTables(lake), List.of(2012, 2013), ConfigFile.load(null), tables, true, false);
    }

    /** Asserts the same panel years and, model by model, the same fits (below); returns the numbers compared. */
    static int assertSameStudy(RunJob.Outcome expected, RunJob.Outcome actual, List<ModelTable> tables) {
        int compared = 0;
        for (int t = 0; t < tables.size(); t++) {
            for (int m = 0; m < tables.get(t).models().size(); m++) {
                compared += assertSameFit(expected.tables().get(t).fits().get(m), actual.tables().get(t).fits().get(m),
                        tables.get(t).id() + " (" + tables.get(t).models().get(m).id() + ")");
            }
        }
        assertEquals(expected.panel().rowsByYear(), actual.panel().rowsByYear());
        return compared;
    }

    /** Asserts equal N, terms, estimates and standard errors to {@link #TOLERANCE}; returns the numbers compared. */
    static int assertSameFit(FitResult expected, FitResult actual, String what) {
        assertEquals(expected.fit().get("n"), actual.fit().get("n"), what + " N");
        int n = 0;
        for (int i = 0; i < expected.terms().size(); i++) {
            FitResult.Term e = expected.terms().get(i);
            FitResult.Term a = actual.terms().get(i);
            assertEquals(e.name(), a.name(), what);
            assertEquals(e.omitted(), a.omitted(), what + " " + e.name());
            if (!e.omitted()) {
                assertEquals(e.estimate(), a.estimate(), TOLERANCE * Math.max(1, Math.abs(e.estimate())), what + " " + e.name());
                assertEquals(e.stdError(), a.stdError(), TOLERANCE * Math.max(1, Math.abs(e.stdError())), what + " " + e.name());
                n += 2;
            }
        }
        return n;
    }

    private static SparkSession session(String master) throws IOException {
        return sessionBuilder(master, "quex-cluster-it").config("spark.executor.memory", "768m").getOrCreate();
    }

    /** The session every cluster test starts: no UI, 4 shuffle partitions, UTC, Kryo. */
    static SparkSession.Builder sessionBuilder(String master, String appName) throws IOException {
        Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
        return SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    }

    /** Kills one executor JVM of the application (SIGKILL) when the n-th task starts. */
    static final class ExecutorKiller extends SparkListener {
        final AtomicInteger killed = new AtomicInteger();
        final AtomicInteger removed = new AtomicInteger();
        volatile String found = "none";
        private final AtomicInteger started = new AtomicInteger();
        private final String appId;
        private final int atTask;

        ExecutorKiller(String appId, int atTask) {
            this.appId = appId;
            this.atTask = atTask;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart event) {
            if (started.incrementAndGet() == atTask) {
                List<ProcessHandle> executors = new ArrayList<>(ProcessHandle.allProcesses()
                        .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend") && commandLine(p).contains(appId))
                        .toList());
                found = executors.size() + " executor processes of " + appId;
                if (!executors.isEmpty() && executors.get(0).destroyForcibly()) {
                    killed.incrementAndGet();
                }
            }
        }

        /** The whole command line: ProcessHandle.Info cuts long ones, and an executor's starts with a long classpath. */
        private static String commandLine(ProcessHandle p) {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
            removed.incrementAndGet();
        }
    }
}
