package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quex.QuexException;
import org.quex.estimate.ModelSpec;
import org.quex.lake.SparkSessions;
import org.quex.pipeline.DemoTruth;
import org.quex.pipeline.ModelTable;
import org.quex.pipeline.PaperValues;
import org.quex.pipeline.ResultsWriter;
import org.quex.report.FitDirectory;
import org.quex.report.ModelColumn;
import org.quex.report.Reference;
import org.quex.report.ReferenceValues;
import org.quex.report.RegressionTable;
import org.quex.report.RegressionTableWriter;
import org.quex.report.Shown;
import org.quex.report.TableOptions;

/**
 * One regression table from any set of stored fits, as esttab does from stored estimates: the
 * directories {@code estimate} wrote, a run's models/ or a whole results directory. No Spark:
 * the fits are read from their files.
 */
@Parameters(commandNames = "report", commandDescription =
        "Build one table from fit directories (estimate outputs, or a run's models/): Markdown, CSV, LaTeX, HTML,"
                + " Excel, Word and a coefficient plot")
final class ReportCommand extends QuexCommand {
    @Parameter(description = "FIT_DIR ... (a directory estimate wrote, or one holding several: every fit.json below it,"
            + " in name order; any Hadoop path: local, file://, hdfs://, s3a://)", required = true)
    List<String> fits = new ArrayList<>();

    @Parameter(names = "--out", required = true, description = "Directory the table is written to (OUT/tables/ID.*,"
            + " OUT/plots/ID.*)")
    String out;

    @Parameter(names = "--id", description = "The table's file name and LaTeX label")
    String id = "table";

    @Parameter(names = "--title", description = "Title (default: the dependent variables and estimators)")
    String title;

    @Parameter(names = "--note", description = "Note printed first under the table")
    String note;

    @Parameter(names = "--columns", description = "Column ids, comma-separated, one per fit (default: the fits'"
            + " directory names, with their parent's when two share a name)")
    String columns;

    @Parameter(names = "--titles", description = "Column titles, comma-separated, one per fit (empty for none)")
    String titles;

    @Parameter(names = "--groups", description = "Titles over adjacent columns: \"Baseline: 1; Finance: 2-1 2-2\"")
    String groups;

    @Parameter(names = "--truth", description = "truth/coefficients.csv of generated data, for --reference truth")
    String truth;

    @ParametersDelegate
    final TableOption format = new TableOption();

    @Parameter(names = "--show", description = "What probit columns print: coefficients, margins (average marginal"
            + " effects) or atmeans (marginal effects at means), from the fits' margins.csv (estimate --margins);"
            + " one value for every probit column or one per fit, comma-separated")
    String show;

    @Override
    String helpNotes() {
        return "Example: quex report results/<run-id>/models/table3 my_fits/fe_robust --out paper --id table3b"
                + " --titles \",,,,,,Robust\"";
    }

    @Override
    public void run() throws Exception {
        TableOptions options = format.options();
        if (options.reference() == Reference.TRUTH && truth == null) {
            throw new QuexException("--reference truth needs --truth FILE (truth/coefficients.csv of generated data)");
        }
        if (show != null && !show.contains(",")) {
            Shown.parse(show, "--show"); // checked before the fits are read
        }
        org.apache.hadoop.conf.Configuration hadoop = SparkSessions.hadoopConfigurationBeforeSpark();
        List<FitDirectory.Found> found = FitDirectory.find(fits, hadoop);
        List<String> ids = columns != null ? split(columns, found.size(), "--columns") : ids(found);
        List<String> heads = titles != null ? split(titles, found.size(), "--titles") : null;
        List<Shown> shown = shown(found);
        List<ModelColumn> models = new ArrayList<>();
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (int i = 0; i < found.size(); i++) {
            String head = heads == null || heads.get(i).isEmpty() ? null : heads.get(i);
            models.add(new ModelColumn(ids.get(i), found.get(i).fit(), head, shown.get(i)));
            specs.put(ids.get(i), found.get(i).fit().spec());
        }
        ReferenceValues values = switch (options.reference()) {
            case NONE -> null;
            case PAPER -> PaperValues.of(models);
            case TRUTH -> DemoTruth.load(Path.of(truth)).of(specs);
        };
        RegressionTable table = new RegressionTable(id, title != null ? title : defaultTitle(models), note, models, values,
                ModelTable.parseGroups(groups, "--groups"), options.format(null, "--digits"));
        ResultsWriter.writeTables(out, List.of(table), java.util.Collections.singletonList(values), hadoop);
        System.out.print(RegressionTableWriter.markdown(table));
        System.out.println("wrote " + out + "/tables/" + id + ".{md,csv,tex,html,xlsx,docx} and " + out + "/plots/" + id
                + ".{svg,png}");
    }

    /**
     * What each column prints: --show's one value for every probit column (the others print their
     * coefficients), or one value per fit; a fit without margins.csv asked for margins is an error
     * naming its directory.
     */
    private List<Shown> shown(List<FitDirectory.Found> found) {
        boolean perFit = show != null && show.contains(",");
        List<String> values = perFit ? split(show, found.size(), "--show") : null;
        List<Shown> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            FitDirectory.Found f = found.get(i);
            Shown s = Shown.parse(perFit ? values.get(i) : show, "--show");
            if (!perFit && !f.fit().usesZ()) {
                s = Shown.COEFFICIENTS;
            }
            if (s != Shown.COEFFICIENTS && f.fit().margins() == null && f.fit().diagnostics().ok()) {
                throw new QuexException(f.given() + ": no margins.csv for --show " + s.key()
                        + " (rerun estimate with --margins, or set margins = true in the model file)");
            }
            out.add(s);
        }
        return out;
    }

    /** The fits' directory names, or parent/name where two share a name. */
    static List<String> ids(List<FitDirectory.Found> found) {
        List<String> names = found.stream().map(f -> f.dir().getName()).toList();
        Set<String> seen = new HashSet<>();
        Set<String> twice = new HashSet<>();
        names.forEach(n -> {
            if (!seen.add(n)) {
                twice.add(n);
            }
        });
        List<String> ids = new ArrayList<>();
        for (FitDirectory.Found f : found) {
            String name = f.dir().getName();
            org.apache.hadoop.fs.Path parent = f.dir().getParent();
            ids.add(twice.contains(name) && parent != null ? parent.getName() + "/" + name : name);
        }
        if (new HashSet<>(ids).size() < ids.size()) {
            throw new QuexException("two fits would have the same column id " + ids + ": name the columns with --columns");
        }
        return ids;
    }

    private static List<String> split(String text, int n, String option) {
        List<String> parts = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (parts.size() != n) {
            throw new QuexException(option + " has " + parts.size() + " entries for " + n + " fits");
        }
        return parts;
    }

    private static String defaultTitle(List<ModelColumn> models) {
        return models.stream().map(m -> m.estimator() + " of " + m.dependentVariable()).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("Regressions");
    }
}
