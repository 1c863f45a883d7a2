package org.quex.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.quex.FileWrites;

/**
 * Writes a fit as {@code coefficients.csv}, {@code fit.json}, {@code vcov.csv} and, after probit
 * with margins, {@code margins.csv}; and formats it as a table.
 */
public final class FitOutput {
    private FitOutput() {
    }

    /** The coefficient table as CSV: numbers with 17 significant digits, empty for omitted terms. */
    public static String coefficientsCsv(FitResult r) {
        StringBuilder sb = new StringBuilder("term,estimate,std_error,statistic,p_value,omitted,note\n");
        for (FitResult.Term t : r.terms()) {
            sb.append(csvField(t.name())).append(',')
                    .append(number(t.estimate())).append(',')
                    .append(number(t.stdError())).append(',')
                    .append(number(t.statistic())).append(',')
                    .append(number(t.pValue())).append(',')
                    .append(t.omitted()).append(',')
                    .append(t.omitted() ? csvField("omitted: " + t.omittedReason()) : "")
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * The variance matrix of the estimated terms (omitted ones left out), in table order: a header
     * {@code term,<names>} and one row per term, 17 significant digits, empty where NaN.
     */
    public static String vcovCsv(FitResult r) {
        List<String> names = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < r.terms().size(); i++) {
            if (!r.terms().get(i).omitted()) {
                names.add(r.terms().get(i).name());
                index.add(i);
            }
        }
        int t = r.terms().size();
        StringBuilder sb = new StringBuilder("term");
        names.forEach(n -> sb.append(',').append(csvField(n)));
        sb.append('\n');
        for (int a = 0; a < index.size(); a++) {
            sb.append(csvField(names.get(a)));
            for (int b = 0; b < index.size(); b++) {
                boolean known = r.covariance() != null && r.covariance().length == t * t;
                int i = Math.min(index.get(a), index.get(b)); // the upper triangle: exactly symmetric
                int j = Math.max(index.get(a), index.get(b));
                sb.append(',').append(number(known ? r.covariance()[i + j * t] : Double.NaN));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String fitJson(FitResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.fit().entrySet()) {
            Object v = e.getValue();
            json.put(e.getKey(), v instanceof Double d && !Double.isFinite(d) ? null : v);
        }
        json.put("statistic", r.usesZ() ? "z" : "t");
        json.put("omitted", r.terms().stream().filter(FitResult.Term::omitted).map(FitResult.Term::name).toList());
        json.put("notes", r.notes());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes both files into dir (local path, file://, hdfs:// or s3a://). */
    public static void write(FitResult r, String dir, Configuration hadoop) throws IOException {
        Path out = new Path(dir);
        FileSystem fs = out.getFileSystem(hadoop);
        FileWrites.mkdirs(fs, out);
        writeText(fs, new Path(out, "coefficients.csv"), coefficientsCsv(r));
        writeText(fs, new Path(out, "fit.json"), fitJson(r));
        writeText(fs, new Path(out, "vcov.csv"), vcovCsv(r));
        if (r.margins() != null) {
            writeText(fs, new Path(out, "margins.csv"), r.margins().csv());
        }
    }

    private static void writeText(FileSystem fs, Path path, String text) {
        FileWrites.write(fs, path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A Stata-like coefficient table for the terminal. */
    public static String table(FitResult r) {
        String stat = r.usesZ() ? "z" : "t";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s  %s  (vce: %s)%n", r.fit().get("model"), r.fit().get("formula"),
                r.fit().get("vce")));
        sb.append(summaryLine(r)).append('\n');
        String rule = "-".repeat(78) + "\n";
        sb.append(rule);
        sb.append(String.format(Locale.ROOT, "%-20s %13s %13s %9s %8s%n", "term", "coef.", "std. err.", stat,
                "P>|" + stat + "|"));
        sb.append(rule);
        for (FitResult.Term t : r.terms()) {
            if (t.omitted()) {
                sb.append(String.format(Locale.ROOT, "%-20s %13s  (omitted: %s)%n", trim(t.name()), "0", t.omittedReason()));
            } else {
                sb.append(String.format(Locale.ROOT, "%-20s %13.7g %13.7g %9.2f %8.3f%n", trim(t.name()), t.estimate(),
                        t.stdError(), t.statistic(), t.pValue()));
            }
        }
        sb.append(rule);
        for (String note : r.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        if (!r.diagnostics().ok()) {
            sb.append(r.diagnostics().status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ")
                    .append(r.diagnostics().message()).append("; standard errors are not reported\n");
        }
        if (r.margins() != null) {
            sb.append(r.margins().table(r.spec().formula().response(), r.spec().vce().toString()));
        }
        return sb.toString();
    }

    private static String summaryLine(FitResult r) {
        Map<String, Object> f = r.fit();
        StringBuilder sb = new StringBuilder("N = " + f.get("n"));
        for (String key : new String[] {"n_groups", "n_clusters", "ll", "pseudo_r2", "r2", "adj_r2", "r2_within",
            "adj_r2_within", "iterations"}) {
            Object v = f.get(key);
            if (v != null) {
                sb.append(", ").append(key).append(" = ")
                        .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v);
            }
        }
        return sb.toString();
    }

    private static String trim(String name) {
        return name.length() <= 20 ? name : name.substring(0, 19) + "~";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
