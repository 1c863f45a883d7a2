package org.quex.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.lake.LakeLock;
import org.quex.lake.LakeTables;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.RunJob;

/**
 * The demo with its raw files and its lake on S3 (S3Proxy, an S3-compatible server started in the
 * test JVM, reached through Hadoop's s3a:// connector) on a multi-process cluster gives the tables
 * of a local-disk run to 1e-10. The endpoint and the credentials are given only as
 * {@code spark.hadoop.*} settings: the executors are separate JVMs, so a task that built its own
 * {@code new Configuration()} would go to Amazon without credentials and fail.
 */
class S3RunIT {
    private static final String ACCESS_KEY = "quex-access";
    private static final String SECRET_KEY = "quex-secret";

    @Test
    void aDemoWithRawFilesAndLakeOnS3GivesTheTablesOfLocalDisk() throws Exception {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("quex-s3-");
        Path raw = work.resolve("raw");
        List<ModelTable> tables = ModelTable.load(null);

        // S3Proxy's in-memory store, built from its API metadata (a look-up by name would load
        // every provider on the classpath, S3Proxy's Azure one included, whose SDK is left out)
        BlobStoreContext store = ContextBuilder.newBuilder(new TransientApiMetadata()).credentials("quex", "quex")
                .build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, "quex");
        S3Proxy s3 = S3Proxy.builder().blobStore(store.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .ignoreUnknownHeaders(true)
                .build();
        s3.start();
        try {
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(10);
            }
            ClusterRunIT.generateDelivery(raw, "quex-s3-it");
            SparkSession.Builder builder = ClusterRunIT.sessionBuilder("local-cluster[2,1,1024]", "quex-s3-it").config("spark.executor.memory", "768m");
            s3aSettings("http://127.0.0.1:" + s3.getPort()).forEach((k, v) -> builder.config("spark.hadoop." + k, v));
            SparkSession cluster = builder.getOrCreate();
            try {
                Configuration hadoop = cluster.sparkContext().hadoopConfiguration();
                FileSystem fs = new org.apache.hadoop.fs.Path("s3a://quex/").getFileSystem(hadoop);
                FileUtil.copy(raw.toFile(), fs, new org.apache.hadoop.fs.Path("s3a://quex/data/raw"), false, hadoop);

                RunJob.Outcome onS3 = RunJob.run(cluster, ClusterRunIT.study("s3a://quex/data/raw", "s3a://quex/data/lake", tables));
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path("s3a://quex/data/lake/panel/firm_year")));
                assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path("s3a://quex/data/lake/_state")).length,
                        "a state per year, on S3");

                // the lock on an object store: a second run is kept off while the first holds it
                LakeTables lake = new LakeTables("s3a://quex/data/lake");
                try (LakeLock held = LakeLock.acquire(hadoop, lake, "quex run A")) {
                    QuexException e = assertThrows(QuexException.class, () -> LakeLock.acquire(hadoop, lake, "quex run B"));
                    assertTrue(e.getMessage().startsWith("the lake s3a://quex/data/lake is locked by another run"
                            + " (quex run A pid "), e.getMessage());
                }
                cluster.stop();

                // the reference: the same study in local mode on the local disk
                RunJob.Outcome onDisk = ClusterRunIT.onLocalDisk(raw, work.resolve("lake"), tables, "quex-s3-it");

                int compared = ClusterRunIT.assertSameStudy(onDisk, onS3, tables);
                System.out.printf("s3 vs local disk: %d estimates and standard errors equal to %s (%.0f s)%n",
                        compared, ClusterRunIT.TOLERANCE, (System.nanoTime() - started) / 1e9);
            } finally {
                cluster.stop();
            }
        } finally {
            s3.stop();
            store.close();
        }
    }

    /** What a user gives for an S3-compatible store (MinIO, Ceph, S3Proxy): endpoint, path-style access, keys. */
    private static Map<String, String> s3aSettings(String endpoint) {
        return Map.of(
                "fs.s3a.endpoint", endpoint,
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.access.key", ACCESS_KEY,
                "fs.s3a.secret.key", SECRET_KEY,
                "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                // S3Proxy does not implement the checksum the AWS SDK v2 sends with a bulk delete
                "fs.s3a.multiobjectdelete.enable", "false");
    }
}
