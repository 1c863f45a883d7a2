package org.quex.lake;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration in a form tasks can carry. Executors that build
 * {@code new Configuration()} lose what the user set as {@code spark.hadoop.*} (s3a credentials and
 * endpoints, HDFS name services): a task opens raw files with this instead.
 */
public record HadoopSettings(Map<String, String> entries) implements Serializable {
    public HadoopSettings(Configuration conf) {
        this(copy(conf));
    }

    private static Map<String, String> copy(Configuration conf) {
        Map<String, String> m = new HashMap<>();
        conf.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** A configuration holding exactly the driver's settings (no defaults files re-read on the executor). */
    public Configuration configuration() {
        Configuration c = new Configuration(false);
        entries.forEach(c::set);
        return c;
    }
}
