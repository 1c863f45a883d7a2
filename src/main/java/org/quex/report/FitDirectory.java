package org.quex.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.estimate.FitResult;
import org.quex.estimate.Margins;
import org.quex.estimate.ModelSpec;

/**
 * A fit as {@code estimate} and {@code run} store it (a directory with coefficients.csv and
 * fit.json, and margins.csv after --margins), read back for {@code report}: the model, formula and
 * VCE from fit.json's keys, the terms from coefficients.csv, the marginal effects from margins.csv.
 * Keys this reader does not know are kept in the fit's statistics and otherwise ignored, so fits
 * written by a later Quex still read. Any Hadoop path (local, file://, hdfs://, s3a://) is read
 * through the Hadoop FileSystem API, without Spark.
 */
public final class FitDirectory {
    static final String FIT = "fit.json";
    static final String COEFFICIENTS = "coefficients.csv";
    static final String MARGINS = "margins.csv";

    private FitDirectory() {
    }

    /** One fit found under a path given to report: its directory, that directory as the user wrote it, and the fit. */
    public record Found(Path dir, String given, FitResult fit) {
    }

    /**
     * The fits under each path, in the order given: a fit directory itself, or every fit directory
     * below a directory (a run's results or its models/), in name order.
     */
    public static List<Found> find(List<String> paths, Configuration hadoop) {
        List<Found> found = new ArrayList<>();
        for (String p : paths) {
            Path path = new Path(p);
            List<Path> dirs = new ArrayList<>();
            FileSystem fs;
            String root;
            try {
                fs = path.getFileSystem(hadoop);
                root = fs.makeQualified(path).toString();
                if (!fs.getFileStatus(path).isDirectory()) {
                    throw new QuexException("fit directory " + p + " is a file (give directories that estimate or run"
                            + " wrote: they hold fit.json)");
                }
                RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
                while (files.hasNext()) {
                    Path f = files.next().getPath();
                    if (f.getName().equals(FIT)) {
                        dirs.add(f.getParent());
                    }
                }
            } catch (FileNotFoundException e) {
                throw new QuexException("fit directory " + p + " does not exist (give directories that estimate or run"
                        + " wrote: they hold fit.json)");
            } catch (IOException e) {
                throw new QuexException("cannot list " + p + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (dirs.isEmpty()) {
                throw new QuexException("no fit.json under " + p + " (give directories that estimate or run wrote)");
            }
            dirs.sort((a, b) -> byNumbers(a.toString(), b.toString()));
            for (Path d : dirs) {
                // the directory as the user wrote it: the path given, then the part below it
                String given = d.toString().startsWith(root) ? p.replaceFirst("/+$", "") + d.toString().substring(root.length())
                        : d.toString();
                found.add(new Found(d, given, read(fs, d, given)));
            }
        }
        return found;
    }

    /** Paths in name order, numbers by value: models/table2/2-10 after 2-9. */
    static int byNumbers(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    && !x[i].isEmpty() && !y[i].isEmpty() && x[i].length() < 18 && y[i].length() < 18
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The fit in a local directory. */
    public static FitResult read(java.nio.file.Path dir) {
        Path d = new Path(dir.toAbsolutePath().toUri());
        try {
            return read(d.getFileSystem(new Configuration()), d, dir.toString());
        } catch (IOException e) {
            throw new QuexException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fit in {@code dir} on {@code fs}: fit.json, coefficients.csv and, if there, margins.csv;
     * {@code given} is the directory as the user wrote it, for the errors.
     */
    static FitResult read(FileSystem fs, Path dir, String given) {
        Path json = new Path(dir, FIT);
        String jsonName = given + "/" + FIT;
        JsonNode root;
        try (InputStream in = fs.open(json)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new QuexException(jsonName + ": not a fit.json (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        for (String key : new String[] {"model", "formula"}) {
            if (!root.hasNonNull(key)) {
                throw new QuexException(jsonName + ": no '" + key + "' key (written by an estimate older than report?)");
            }
        }
        ModelSpec spec;
        try {
            spec = ModelSpec.of(ModelSpec.parseModel(root.get("model").asText()), root.get("formula").asText(),
                    root.hasNonNull("vce") ? root.get("vce").asText() : null);
        } catch (QuexException e) {
            throw new QuexException(jsonName + ": " + e.getMessage(), e);
        }
        Map<String, Object> fit = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isIntegralNumber()) {
                fit.put(e.getKey(), v.asLong());
            } else if (v.isNumber()) {
                fit.put(e.getKey(), v.asDouble());
            } else if (v.isTextual() || v.isBoolean()) {
                fit.put(e.getKey(), v.isTextual() ? v.asText() : v.asBoolean());
            } // arrays, objects and nulls (a missing statistic) are not printed in tables
        }
        List<String> notes = new ArrayList<>();
        if (root.get("notes") != null && root.get("notes").isArray()) {
            root.get("notes").forEach(n -> notes.add(n.asText()));
        }
        String csv = given + "/" + COEFFICIENTS;
        List<FitResult.Term> terms = new ArrayList<>();
        CsvTable table = table(fs, new Path(dir, COEFFICIENTS), csv);
        if (table == null) {
            throw new QuexException(given + ": fit.json without coefficients.csv");
        }
        for (String column : new String[] {"term", "estimate", "std_error", "statistic", "p_value", "omitted"}) {
            if (!table.columns().contains(column)) {
                throw new QuexException(csv + ": no column " + column);
            }
        }
        int line = 1;
        for (Map<String, String> row : table.rows()) {
            line++;
            boolean omitted = Boolean.parseBoolean(row.get("omitted"));
            String note = row.getOrDefault("note", "");
            try {
                terms.add(new FitResult.Term(row.get("term"), number(row.get("estimate")), number(row.get("std_error")),
                        number(row.get("statistic")), number(row.get("p_value")), omitted,
                        omitted ? note.replaceFirst("^omitted:\\s*", "") : null));
            } catch (NumberFormatException e) {
                throw new QuexException(csv + ", line " + line + ": not a number: " + e.getMessage());
            }
        }
        FitResult result = FitResult.fromFitJson(spec, terms, fit, notes);
        CsvTable margins = table(fs, new Path(dir, MARGINS), given + "/" + MARGINS);
        return margins == null ? result : result.withMargins(margins(margins, given + "/" + MARGINS, result.sample().n()));
    }

    /** A CSV file of the fit ({@code name} for errors), or null if there is none. */
    private static CsvTable table(FileSystem fs, Path file, String name) {
        try (InputStream in = fs.open(file)) {
            return CsvTable.parse(name, in);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new QuexException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** margins.csv as estimate --margins writes it (Margins.csv()): average effects, then those at the means. */
    private static Margins margins(CsvTable table, String file, long n) {
        for (String column : new String[] {"at", "term", "effect", "estimate", "std_error", "statistic", "p_value",
            "conf_low", "conf_high"}) {
            if (!table.columns().contains(column)) {
                throw new QuexException(file + ": no column " + column);
            }
        }
        List<Margins.Effect> average = new ArrayList<>();
        List<Margins.Effect> atMeans = new ArrayList<>();
        int line = 1;
        for (Map<String, String> row : table.rows()) {
            line++;
            String at = row.get("at");
            if (!at.equals("average") && !at.equals("means")) {
                throw new QuexException(file + ", line " + line + ": at is '" + at + "', not average or means");
            }
            try {
                (at.equals("average") ? average : atMeans).add(new Margins.Effect(row.get("term"),
                        "discrete".equals(row.get("effect")), number(row.get("estimate")), number(row.get("std_error")),
                        number(row.get("statistic")), number(row.get("p_value")), number(row.get("conf_low")),
                        number(row.get("conf_high"))));
            } catch (NumberFormatException e) {
                throw new QuexException(file + ", line " + line + ": not a number: " + e.getMessage());
            }
        }
        return new Margins(n, average, atMeans, true);
    }

    private static double number(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
