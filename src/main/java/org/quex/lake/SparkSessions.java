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
     * The Hadoop configuration a SparkContext has or would have (spark.hadoop.* settings, S3
     * credentials from the environment), without starting one, so inputs can be inspected and the
     * lake listed before Spark's start-up cost is paid. SparkHadoopUtil is Spark-internal
     * (private[spark]) but public in bytecode; it is how Spark itself builds the configuration.
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfigurationBeforeSpark() {
        return SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
                : org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(new org.apache.spark.SparkConf());
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
