package org.quex.cli;

import com.beust.jcommander.Parameter;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.quex.lake.LakeLock;
import org.quex.lake.LakeTables;

/** A subcommand of {@code quex}: JCommander fills its fields, then {@link #run()} does the work. */
public abstract class QuexCommand {
    @Parameter(names = {"-h", "--help"}, help = true, description = "List this command's options")
    boolean help;

    /** Text printed after the options by {@code --help} (what the command writes, say), or "". */
    String helpNotes() {
        return "";
    }

    /** Runs the command; throws {@link org.quex.QuexException} for errors the user can act on. */
    public abstract void run() throws Exception;

    /**
     * Does a stage's work holding the lake's lock, so that a stage started by hand cannot run beside
     * a scheduled {@code run} (which takes the same lock for all its stages).
     */
    static <T> T locked(SparkSession spark, LakeTables lake, String what, LockOption option, Supplier<T> work) {
        try (LakeLock lock = LakeLock.acquire(spark.sparkContext().hadoopConfiguration(), lake,
                "quex " + what + " on " + spark.sparkContext().applicationId(),
                new LakeLock.Policy(LakeLock.Policy.DEFAULT.staleAfter(), option.breakLock))) {
            return work.get();
        }
    }
}
