package org.quex.tfp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.FileWrites;

/**
 * The tfp command's files: DIR/coefficients.csv (group, term, estimate, std_error; one row per
 * input elasticity) and DIR/fit.csv (one row per group: method, rows, second-stage rows,
 * convergence, iterations, objective evaluations, objective, data passes, bootstrap replicates
 * used, note).
 */
public final class TfpOutput {
    private TfpOutput() {
    }

    public static String coefficientsCsv(Map<String, TfpResult> byGroup) {
        StringBuilder sb = new StringBuilder("group,term,estimate,std_error\n");
        byGroup.forEach((g, r) -> {
            for (int j = 0; j < r.names().size(); j++) {
                sb.append(field(g)).append(',').append(field(r.names().get(j))).append(',')
                        .append(number(r.estimates()[j])).append(',').append(number(r.standardErrors()[j])).append('\n');
            }
        });
        return sb.toString();
    }

    public static String fitCsv(Map<String, TfpResult> byGroup) {
        StringBuilder sb = new StringBuilder("group,method,n,n_second_stage,converged,iterations,evaluations,objective,"
                + "data_passes,bootstrap_replicates,note\n");
        byGroup.forEach((g, r) -> sb.append(field(g)).append(',').append(r.method().label()).append(',').append(r.rows())
                .append(',').append(r.secondStageRows()).append(',').append(r.converged()).append(',')
                .append(r.iterations()).append(',').append(r.evaluations()).append(',').append(number(r.objective()))
                .append(',').append(r.passes()).append(',').append(r.replicatesUsed()).append(',').append(field(r.note()))
                .append('\n'));
        return sb.toString();
    }

    /** A table for the terminal. */
    public static String table(Map<String, TfpResult> byGroup) {
        StringBuilder sb = new StringBuilder();
        byGroup.forEach((g, r) -> {
            sb.append(String.format(Locale.ROOT, "%s  %s  n=%d second_stage=%d converged=%s%s%n", g, r.method().label(),
                    r.rows(), r.secondStageRows(), r.converged(), r.note().isEmpty() ? "" : "  " + r.note()));
            for (int j = 0; j < r.names().size(); j++) {
                sb.append(String.format(Locale.ROOT, "  %-20s %12.6f %12.6f%n", r.names().get(j), r.estimates()[j],
                        r.standardErrors()[j]));
            }
        });
        return sb.toString();
    }

    public static void write(Map<String, TfpResult> byGroup, String dir, Configuration hadoop) throws IOException {
        Path out = new Path(dir);
        FileSystem fs = out.getFileSystem(hadoop);
        FileWrites.mkdirs(fs, out);
        writeText(fs, new Path(out, "coefficients.csv"), coefficientsCsv(byGroup));
        writeText(fs, new Path(out, "fit.csv"), fitCsv(byGroup));
    }

    private static void writeText(FileSystem fs, Path path, String text) {
        FileWrites.write(fs, path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
