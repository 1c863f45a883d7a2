package org.quex.cli;

import com.beust.jcommander.Parameter;
import org.apache.spark.sql.SparkSession;
import org.quex.lake.LakeLock;
import org.quex.lake.LakeTables;

/** A subcommand of {@code quex}: JCommander fills its fields, then {@link #run()} does the work. */
public abstract class QuexCommand {
    @Parameter(names = {"-h", "--help"}, help = true, description = "List this command's options")
    boolean help;

    /** Runs the command; throws {@link org.quex.QuexException} for errors the user can act on. */
    public abstract void run() throws Exception;

    /**
     * The lake's lock for a command that writes to it, so that a stage started by hand cannot run
     * beside a scheduled {@code run} (which takes the same lock for all its stages).
     */
    static LakeLock lock(SparkSession spark, LakeTables lake, String what) {
        return LakeLock.acquire(spark.sparkContext().hadoopConfiguration(), lake,
                "quex " + what + " on " + spark.sparkContext().applicationId());
    }
}
