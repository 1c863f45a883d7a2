package org.quex.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.quex.ConfigFile;
import org.quex.QuexException;
import org.quex.estimate.ModelSpec;
import org.quex.report.RegressionTable;
import org.quex.report.Shown;

/**
 * One table of models as a model file describes it (conf/models/table2.conf …): a title, a note,
 * and the models in column order, each with its estimator, formula and VCE. The three files of
 * the paper are packed into the jar; --models DIR reads every *.conf of a directory instead.
 */
public record ModelTable(String id, String title, String note, List<Model> models,
                         List<RegressionTable.ColumnGroup> groups, String digits) {
    public static final List<String> PACKED = List.of("table2", "table3", "table4");

    /**
     * One column: the paper's model label, what to fit, and on which rows: a Spark SQL condition on
     * the panel's columns (e.g. {@code matched = 1}), or null for every row; whether to add the
     * marginal effects (probit) and to write predictions and residuals; what its column prints
     * (coefficients, or marginal effects: {@code show = margins|atmeans}, which computes them).
     */
    public record Model(String id, ModelSpec spec, String sample, String title, boolean margins, boolean predict,
                        Shown show) {
        public Model {
            show = show == null ? Shown.COEFFICIENTS : show;
        }

        public Model(String id, ModelSpec spec, String sample, String title, boolean margins, boolean predict) {
            this(id, spec, sample, title, margins, predict, Shown.COEFFICIENTS);
        }

        public Model(String id, ModelSpec spec, String sample) {
            this(id, spec, sample, null, false, false);
        }
    }

    public ModelTable(String id, String title, String note, List<Model> models) {
        this(id, title, note, models, List.of(), null);
    }

    /** The packed tables, or every *.conf in {@code dir} in name order. */
    public static List<ModelTable> load(String dir) {
        List<ModelTable> tables = new ArrayList<>();
        if (dir == null) {
            for (String id : PACKED) {
                String resource = "models/" + id + ".conf";
                try (InputStream in = ModelTable.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new QuexException("model file " + resource + " is not packed in the jar");
                    }
                    tables.add(parse(id, ConfigFile.read(in, resource + " (packed)")));
                } catch (IOException e) {
                    throw new QuexException("model file " + resource + " cannot be read: " + e.getMessage(), e);
                }
            }
            return tables;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    String name = f.getFileName().toString();
                    tables.add(parse(name.substring(0, name.length() - ".conf".length()), ConfigFile.read(in, f.toString())));
                }
            }
        } catch (IOException e) {
            throw new QuexException("model files in " + dir + " cannot be read: " + e.getMessage(), e);
        }
        if (tables.isEmpty()) {
            throw new QuexException("no model files (*.conf) in " + dir);
        }
        return tables;
    }

    static ModelTable parse(String id, Properties p, String where) {
        return parse(id, new ConfigFile(p, where));
    }

    static ModelTable parse(String id, ConfigFile c) {
        Properties p = c.properties();
        String where = c.where();
        List<Model> models = new ArrayList<>();
        String tableSample = p.getProperty("sample");
        for (String model : c.list("models")) {
            String key = "model." + model + ".";
            try {
                ModelSpec spec = ModelSpec.of(ModelSpec.parseModel(c.text(key + "estimator")), c.text(key + "formula"),
                        p.getProperty(key + "vce"));
                spec = spec.withKeepSingletons(flag(p, key + "keep_singletons", p.getProperty("keep_singletons")));
                String sample = p.getProperty(key + "sample", tableSample);
                String title = p.getProperty(key + "title");
                spec = spec.withWeights(ModelSpec.Weights.parse(p.getProperty(key + "weights", p.getProperty("weights"))));
                boolean predict = flag(p, key + "predict", p.getProperty("predict"));
                // a table-wide show = margins is for its probit columns; a model's own is for that model
                String ownShow = p.getProperty(key + "show");
                Shown show = Shown.parse(ownShow != null ? ownShow : p.getProperty("show"), key + "show");
                if (ownShow == null && spec.model() != ModelSpec.Model.PROBIT) {
                    show = Shown.COEFFICIENTS;
                }
                boolean margins = flag(p, key + "margins", p.getProperty("margins")) || show != Shown.COEFFICIENTS;
                if (margins && spec.model() != ModelSpec.Model.PROBIT) {
                    throw new QuexException((show != Shown.COEFFICIENTS ? "show = " + show.key() : "margins = true")
                            + " is for probit models; this one is " + spec.model().name().toLowerCase(java.util.Locale.ROOT));
                }
                models.add(new Model(model, spec, sample == null || sample.isBlank() ? null : sample.trim(),
                        title == null || title.isBlank() ? null : title.trim(), margins, predict, show));
            } catch (QuexException e) {
                throw e.getMessage().startsWith(where) ? e : new QuexException(where + ": model " + model + ": " + e.getMessage(), e);
            }
        }
        String note = p.getProperty("note");
        String digits = p.getProperty("digits");
        // checked now, before any work: a table's format is built only once its models are fitted
        org.quex.report.TableFormat.parseDigits(digits, new org.quex.report.TableFormat(4, java.util.Map.of(),
                org.quex.report.Labels.NONE), where);
        List<RegressionTable.ColumnGroup> groups = parseGroups(p.getProperty("groups"), where);
        RegressionTable.checkGroups(where, models.stream().map(Model::id).toList(), groups);
        return new ModelTable(id, c.text("title"), note == null ? "" : note.trim(), models, groups,
                digits == null || digits.isBlank() ? null : digits.trim());
    }

    /**
     * Column groups: "Baseline: 1; Firm characteristics: 2-1 2-2 2-3" (a title, a colon, the model
     * ids it spans, separated by spaces or commas; groups separated by semicolons).
     */
    public static List<RegressionTable.ColumnGroup> parseGroups(String text, String where) {
        List<RegressionTable.ColumnGroup> groups = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return groups;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            List<String> ids = colon < 0 ? List.of() : java.util.Arrays.stream(part.substring(colon + 1).split("[\\s,]+"))
                    .filter(x -> !x.isEmpty()).toList();
            if (ids.isEmpty() || part.substring(0, colon).isBlank()) {
                throw new QuexException(where + ": groups '" + part.trim() + "' is not TITLE: MODEL MODEL … (e.g. Baseline: 1)");
            }
            groups.add(new RegressionTable.ColumnGroup(part.substring(0, colon).trim(), ids));
        }
        return groups;
    }

    /** A true/false setting of a model, or of its table when the model has none. */
    private static boolean flag(Properties p, String key, String tableValue) {
        String v = p.getProperty(key, tableValue);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new QuexException(key + " = '" + v.trim() + "' is not true or false");
        };
    }
}
