package org.quex.lake;

import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Under spark-submit the master and settings come from
 * spark-submit; run directly (submit/local, tests) it falls back to local mode on all cores.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * The Hadoop configuration Spark will give the session, built without starting it: Hadoop's
     * defaults plus every {@code spark.hadoop.*} setting spark-submit passed (s3a credentials, HDFS
     * name services), so inputs can be inspected before Spark's start-up cost is paid.
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfigurationBeforeSpark() {
        org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration();
        for (scala.Tuple2<String, String> e : new org.apache.spark.SparkConf().getAll()) {
            if (e._1().startsWith("spark.hadoop.")) {
                c.set(e._1().substring("spark.hadoop.".length()), e._2());
            }
        }
        return c;
    }

    public static SparkSession getOrCreate(String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        return builder
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
    }
}
