package org.quex.lake;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * A progress line while a stage works longer than a few seconds (a real Customs year cleans for
 * minutes): rows read and written by finished tasks, their rate, and the running Spark stage's
 * tasks done, every {@link #EVERY_SECONDS} s after the first {@link #FIRST_SECONDS} s. The rows
 * come from Spark's task metrics through a listener, so the work itself is not touched.
 */
public final class SparkProgress implements AutoCloseable {
    static final long FIRST_SECONDS = 5;
    static final long EVERY_SECONDS = 30;

    private final SparkSession spark;
    private final String label;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final SparkListener listener;
    private final ScheduledExecutorService timer;

    private SparkProgress(SparkSession spark, String label, PrintStream out) {
        this.spark = spark;
        this.label = label;
        this.out = out;
        this.listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    read.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
                    written.addAndGet(end.taskMetrics().outputMetrics().recordsWritten());
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quex-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, FIRST_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts reporting on {@code out} (a stage that ends within a few seconds prints nothing). */
    public static SparkProgress start(SparkSession spark, String label, PrintStream out) {
        return new SparkProgress(spark, label, out);
    }

    /** "  … clean 2005: 1,234,567 rows read (45,678 rows/s), 1,100,000 written; Spark stage 12: 31/40 tasks, 35 s". */
    String line() {
        double seconds = (System.nanoTime() - start) / 1e9;
        long r = read.get();
        long w = written.get();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  … %s: %,d rows read", label, r));
        if (r > 0) {
            sb.append(String.format(Locale.ROOT, " (%,.0f rows/s)", r / seconds));
        }
        sb.append(String.format(Locale.ROOT, ", %,d written", w));
        for (int id : spark.sparkContext().statusTracker().getActiveStageIds()) {
            spark.sparkContext().statusTracker().getStageInfo(id).foreach(s -> sb.append(String.format(Locale.ROOT,
                    "; Spark stage %d: %d/%d tasks", id, s.numCompletedTasks(), s.numTasks())));
            break; // the first running stage is enough for one line
        }
        return sb.append(String.format(Locale.ROOT, ", %.0f s", seconds)).toString();
    }

    private void print() {
        try {
            out.println(line());
        } catch (RuntimeException e) {
            // a progress line is never worth failing the work for
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        spark.sparkContext().removeSparkListener(listener);
    }

}
