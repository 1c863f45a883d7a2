package org.quex;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession per test JVM (start-up costs seconds), as spark-notes.md advises. */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("quex-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .getOrCreate();
        }
        return session;
    }

    /** A file under src/test/resources as a path Spark can read. */
    public static String resource(String name) {
        java.net.URL url = SparkTestSession.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("test resource " + name + " not found");
        }
        return url.getPath();
    }
}
