package org.quex.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;

/**
 * A fit as {@code estimate} and {@code run} store it (a directory with coefficients.csv and
 * fit.json), read back for {@code report}: the model, formula and VCE from fit.json's keys, the
 * terms from coefficients.csv. Keys this reader does not know are kept in the fit's statistics and
 * otherwise ignored, so fits written by a later Quex still read.
 */
public final class FitDirectory {
    static final String FIT = "fit.json";
    static final String COEFFICIENTS = "coefficients.csv";

    private FitDirectory() {
    }

    /** One fit found under a path given to report: its directory and the fit. */
    public record Found(Path dir, FitResult fit) {
    }

    /**
     * The fits under each path, in the order given: a fit directory itself, or every fit directory
     * below a directory (a run's results or its models/), in name order.
     */
    public static List<Found> find(List<String> paths) {
        List<Found> found = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (!Files.isDirectory(path)) {
                throw new QuexException("fit directory " + p + (Files.exists(path) ? " is a file" : " does not exist")
                        + " (give directories that estimate or run wrote: they hold fit.json)");
            }
            List<Path> dirs;
            try (Stream<Path> files = Files.walk(path)) {
                dirs = files.filter(f -> f.getFileName().toString().equals(FIT)).map(Path::getParent)
                        .sorted(FitDirectory::byNumbers).toList();
            } catch (IOException e) {
                throw new QuexException("cannot list " + p + ": " + e.getMessage(), e);
            }
            if (dirs.isEmpty()) {
                throw new QuexException("no fit.json under " + p + " (give directories that estimate or run wrote)");
            }
            for (Path d : dirs) {
                found.add(new Found(d, read(d)));
            }
        }
        return found;
    }

    /** Paths in name order, numbers by value: models/table2/2-10 after 2-9. */
    static int byNumbers(Path a, Path b) {
        String[] x = a.toString().split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.toString().split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
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

    public static FitResult read(Path dir) {
        Path json = dir.resolve(FIT);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new QuexException(json + ": not a fit.json (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        for (String key : new String[] {"model", "formula"}) {
            if (!root.hasNonNull(key)) {
                throw new QuexException(json + ": no '" + key + "' key (written by an estimate older than report?)");
            }
        }
        ModelSpec spec;
        try {
            spec = ModelSpec.of(ModelSpec.parseModel(root.get("model").asText()), root.get("formula").asText(),
                    root.hasNonNull("vce") ? root.get("vce").asText() : null);
        } catch (QuexException e) {
            throw new QuexException(json + ": " + e.getMessage(), e);
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
        Path csv = dir.resolve(COEFFICIENTS);
        if (!Files.exists(csv)) {
            throw new QuexException(dir + ": fit.json without coefficients.csv");
        }
        List<FitResult.Term> terms = new ArrayList<>();
        CsvTable table = CsvTable.file(csv);
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
        return FitResult.fromFitJson(spec, terms, fit, notes);
    }

    private static double number(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
