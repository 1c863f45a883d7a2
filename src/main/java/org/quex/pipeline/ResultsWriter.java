package org.quex.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import static org.quex.report.ReportNumbers.full;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.quex.FileWrites;
import org.quex.QuexException;
import org.quex.clean.CleanJob;
import org.quex.estimate.FitOutput;
import org.quex.estimate.FitResult;
import org.quex.estimate.Predictions;
import org.quex.match.FirmMatcher;
import org.quex.match.MatchJob;
import org.quex.report.CoefficientPlot;
import org.quex.report.LatexTableWriter;
import org.quex.report.OfficeTableWriter;
import org.quex.report.Reference;
import org.quex.report.TableOptions;
import org.quex.report.ModelColumn;
import org.quex.report.ReferenceValues;
import org.quex.report.RegressionTable;
import org.quex.report.RegressionTableWriter;
import org.quex.report.SummaryTableWriter;

/**
 * Writes a run's results directory: each table as Markdown, CSV, LaTeX and HTML, a coefficient
 * plot per table (SVG and PNG, 99 % intervals, with the true or the paper's values), every model's
 * coefficients.csv and fit.json, descriptive statistics, the cleaning and match reports, the truth
 * recovery of a demo, a README that links them, and the run manifest.
 */
public final class ResultsWriter {
    private ResultsWriter() {
    }

    /**
     * @param truth   the generator's truth of a demo run, or null (the paper's values are plotted then)
     * @param options the tables' reference values, labels and digits
     */
    public static List<RegressionTable> write(String dir, RunJob.Settings settings, RunJob.Outcome outcome, DemoTruth truth,
                                              TableOptions options, String runId, Configuration hadoop) {
        if (options.reference() == Reference.TRUTH && truth == null) {
            throw new QuexException("--reference truth needs generated data (--demo): real data have no true values");
        }
        try {
            Out out = Out.of(dir, hadoop);
            List<RegressionTable> tables = new ArrayList<>();
            List<ReferenceValues> plotted = new ArrayList<>();
            List<String[]> recovery = new ArrayList<>();
            StringBuilder samples = new StringBuilder("table,model,variable,year,n,missing,mean,sd,min,p50,max\n");
            for (RunJob.FittedTable f : outcome.tables()) {
                List<ModelColumn> columns = new ArrayList<>();
                for (int i = 0; i < f.fits().size(); i++) {
                    ModelTable.Model model = f.table().models().get(i);
                    columns.add(new ModelColumn(model.id(), f.fits().get(i), model.title(), model.show()));
                    FitOutput.write(f.fits().get(i), dir + "/models/" + f.table().id() + "/" + model.id(), hadoop);
                    out.text("models/" + f.table().id() + "/" + model.id() + "/sample_statistics.csv",
                            SummaryTableWriter.csv(f.samples().get(i)));
                    for (org.quex.panel.VariableSummary v : f.samples().get(i)) {
                        samples.append(f.table().id()).append(',').append(model.id()).append(',')
                                .append(SummaryTableWriter.csv(List.of(v)).lines().skip(1).findFirst().orElse(""))
                                .append('\n');
                    }
                    if (f.predictions().get(i) != null) {
                        Predictions.write(f.predictions().get(i), dir + "/models/" + f.table().id() + "/" + model.id()
                                + "/predictions");
                    }
                }
                ReferenceValues trueValues = truth == null ? null : truth.of(f.table());
                ReferenceValues paper = PaperValues.of(columns);
                RegressionTable table = new RegressionTable(f.table().id(), f.table().title(), f.table().note(), columns,
                        switch (options.reference()) {
                            case NONE -> null;
                            case PAPER -> paper;
                            case TRUTH -> trueValues;
                        }, f.table().groups(), options.format(f.table().digits(), "model file " + f.table().id()));
                tables.add(table);
                plotted.add(truth != null ? trueValues : paper);
                if (trueValues != null) {
                    recovery.addAll(recoveryRows(table, trueValues));
                }
            }
            writeTables(out, tables, plotted);
            out.text("sample_statistics.csv", samples.toString());
            out.text("descriptive_statistics.md", SummaryTableWriter.markdown(outcome.panel().summary()));
            out.text("descriptive_statistics.csv", SummaryTableWriter.csv(outcome.panel().summary()));
            out.text("ingest_report.csv", ingestCsv(outcome.ingests()));
            out.text("cleaning_report.csv", cleaningCsv(outcome.cleaning()));
            StringBuilder quality = new StringBuilder("year,qu,firm_years,upgraded\n");
            for (org.quex.panel.PanelJob.QualityCount q : outcome.panel().qualityByYear()) {
                quality.append(q.year()).append(',').append(q.qu()).append(',').append(q.firmYears()).append(',')
                        .append(q.upgraded()).append('\n');
            }
            out.text("quality_by_year.csv", quality.toString());
            out.text("match_report.csv", matchCsv(outcome.matching()));
            if (!recovery.isEmpty()) {
                StringBuilder sb = new StringBuilder("table,model,term,true_value,estimate,std_error,lower99,upper99,inside99\n");
                recovery.forEach(r -> sb.append(String.join(",", r)).append('\n'));
                out.text("truth_recovery.csv", sb.toString());
            }
            out.text("README.md", readme(runId, settings, outcome, tables, truth != null, options.reference(), !recovery.isEmpty()));
            out.text("manifest.json", manifest(runId, settings, outcome));
            return tables;
        } catch (IOException e) {
            throw new QuexException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each table as Markdown, CSV, LaTeX, HTML, Excel and Word, with a coefficient plot (SVG, PNG)
     * marking {@code plotted} values (may hold nulls), and tables/tables.tex, a document that
     * typesets every LaTeX table: {@code report} writes the same files.
     */
    public static void writeTables(String dir, List<RegressionTable> tables, List<ReferenceValues> plotted,
                                   Configuration hadoop) {
        try {
            writeTables(Out.of(dir, hadoop), tables, plotted);
        } catch (IOException e) {
            throw new QuexException("cannot write tables to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void writeTables(Out out, List<RegressionTable> tables, List<ReferenceValues> plotted) throws IOException {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            RegressionTable table = tables.get(i);
            ReferenceValues reference = plotted.get(i);
            String label = reference == null ? null : reference.label();
            List<CoefficientPlot.Series> series = CoefficientPlot.series(table.withReference(reference), CoefficientPlot.Z99);
            String svg = CoefficientPlot.svg(table.title(), label, series);
            out.text("plots/" + table.id() + ".svg", svg);
            out.png("plots/" + table.id() + ".png", file -> CoefficientPlot.png(table.title(), label, series, file));
            String t = "tables/" + table.id();
            out.text(t + ".md", RegressionTableWriter.markdown(table));
            out.text(t + ".csv", RegressionTableWriter.csv(table));
            out.text(t + ".tex", RegressionTableWriter.latex(table));
            out.text(t + ".html", RegressionTableWriter.html(table, svg));
            out.bytes(t + ".xlsx", OfficeTableWriter.xlsx(table));
            out.bytes(t + ".docx", OfficeTableWriter.docx(table));
            inputs.add(table.id() + ".tex");
        }
        out.text("tables/tables.tex", LatexTableWriter.document(inputs));
    }

    /** Each estimate against its true value: inside the 99 % confidence interval or not. */
    static List<String[]> recoveryRows(RegressionTable table, ReferenceValues reference) {
        List<String[]> rows = new ArrayList<>();
        for (ModelColumn c : table.models()) {
            for (FitResult.Term t : c.fit().terms()) {
                Double truth = reference.value(c.id(), t.name());
                if (truth == null || t.omitted()) {
                    continue;
                }
                double lo = t.estimate() - CoefficientPlot.Z99 * t.stdError();
                double hi = t.estimate() + CoefficientPlot.Z99 * t.stdError();
                rows.add(new String[] {table.id(), c.id(), t.name(), full(truth), full(t.estimate()), full(t.stdError()),
                    full(lo), full(hi), Boolean.toString(truth >= lo && truth <= hi)});
            }
        }
        return rows;
    }

    static String ingestCsv(List<RunJob.Ingested> ingests) {
        StringBuilder sb = new StringBuilder("source,year,files,read,written,quarantined\n");
        for (RunJob.Ingested i : ingests) {
            sb.append(i.source()).append(',').append(i.year()).append(',').append(i.files()).append(',').append(i.read())
                    .append(',').append(i.written()).append(',').append(i.quarantined()).append('\n');
        }
        return sb.toString();
    }

    static String cleaningCsv(List<CleanJob.Report> reports) {
        StringBuilder sb = new StringBuilder("source,year,rows_in,kept,rejected,rule,removed,violated_by\n");
        for (CleanJob.Report r : reports) {
            for (Map.Entry<String, Long> e : r.firstRule().entrySet()) {
                sb.append(String.join(",", r.source(), Integer.toString(r.year()), Long.toString(r.rowsIn()),
                        Long.toString(r.kept()), Long.toString(r.rowsIn() - r.kept()), e.getKey(), e.getValue().toString(),
                        Long.toString(r.anyRule().getOrDefault(e.getKey(), 0L)))).append('\n');
            }
        }
        return sb.toString();
    }

    static String matchCsv(List<MatchJob.Report> reports) {
        StringBuilder sb = new StringBuilder("year,customs_firms,asif_firms,linked_by_name,linked_by_zip_phone7,"
                + "ambiguous_by_name,ambiguous_by_zip_phone7,export_usd,matched_export_usd,precision,recall,zip_phone7_pass\n");
        for (MatchJob.Report r : reports) {
            FirmMatcher.Quality all = r.quality().stream().filter(q -> q.method().equals("all")).findFirst().orElse(null);
            sb.append(String.join(",", Integer.toString(r.year()), Long.toString(r.customsFirms()),
                    Long.toString(r.asifFirms()), Long.toString(r.byName()), Long.toString(r.byZipPhone()),
                    Long.toString(r.ambiguousByName()), Long.toString(r.ambiguousByZipPhone()), full(r.exportUsd()),
                    full(r.matchedExportUsd()), all == null ? "" : full(all.precision()), all == null ? "" : full(all.recall()),
                    r.zipPhoneUnavailable() == null ? "ran" : "unavailable: " + r.zipPhoneUnavailable()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String readme(String runId, RunJob.Settings s, RunJob.Outcome o, List<RegressionTable> tables,
                                 boolean demo, Reference reference, boolean recovery) {
        StringBuilder sb = new StringBuilder("# Quex run " + runId + "\n\n");
        sb.append(demo ? "Demo on generated data (" + s.raw() + ")." : "");
        sb.append(switch (reference) {
            case NONE -> demo ? "\n\n" : "";
            case PAPER -> (demo ? " " : "") + "Values in brackets are the paper's published coefficients (on the paper's"
                    + " models).\n\n";
            case TRUTH -> " Values in brackets are the true coefficients of the data-generating process.\n\n";
        });
        sb.append("Years ").append(s.years()).append(", lake `").append(s.lake().root()).append("`.\n\n");
        sb.append("| stage | year | rows | seconds | detail |\n|---|---|---:|---:|---|\n");
        for (RunJob.Step step : o.steps()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %s |%n", step.stage(),
                    step.year() == null ? "all" : step.year(), step.rows(), step.seconds(), step.detail()));
        }
        sb.append(sampleChoices(s, o));
        sb.append("\n## Tables\n\n");
        for (RegressionTable t : tables) {
            sb.append("- ").append(t.title()).append(": [Markdown](tables/").append(t.id()).append(".md), [CSV](tables/")
                    .append(t.id()).append(".csv), [LaTeX](tables/").append(t.id()).append(".tex), [HTML](tables/")
                    .append(t.id()).append(".html), [Excel](tables/").append(t.id()).append(".xlsx), [Word](tables/")
                    .append(t.id()).append(".docx), plot [SVG](plots/").append(t.id()).append(".svg) / [PNG](plots/")
                    .append(t.id()).append(".png)\n");
        }
        sb.append("\nAll LaTeX tables in one document: [tables/tables.tex](tables/tables.tex) (`pdflatex tables.tex`).\n");
        sb.append("\nAlso: [descriptive statistics](descriptive_statistics.md) and of each estimation sample"
                + " ([sample_statistics.csv](sample_statistics.csv)), [ingest report](ingest_report.csv), [cleaning report](cleaning_report.csv),"
                + " [quality levels by year](quality_by_year.csv),"
                + " [match report](match_report.csv), per-model `models/<table>/<model>/coefficients.csv`, `fit.json` and `vcov.csv`"
                + " (with `margins.csv` and `predictions/` where the model file asks for them),"
                + " [manifest](manifest.json)");
        sb.append(recovery ? ", [truth recovery](truth_recovery.csv).\n" : ".\n");
        for (RegressionTable t : tables) {
            sb.append('\n').append(RegressionTableWriter.markdown(t));
        }
        return sb.toString();
    }

    /** The sample and panel choices of this run (conf/quex.conf; docs/clean.md, docs/panel.md) and what they did. */
    static String sampleChoices(RunJob.Settings s, RunJob.Outcome o) {
        StringBuilder sb = new StringBuilder("\n## Sample choices\n\n| setting | value |\n|---|---|\n");
        for (String key : List.of("clean.asif.value_added_rebuild", "clean.asif.duplicates",
                "clean.asif.uniform_frame_min_sales", "clean.customs.intermediary_keywords",
                "clean.customs.reimport_directions", "clean.customs.reimport_blank_partner",
                "clean.customs.processing_trade", "panel.industry.gbt4754_2002_from", "panel.industry.gbt4754_2011_from",
                "panel.frame.min_sales_by_year", "panel.id.steps", "panel.id.max_gap")) {
            String value = s.config().properties().getProperty(key);
            sb.append("| `").append(key).append("` | ").append(value == null ? "" : value.trim()).append(" |\n");
        }
        sb.append('\n');
        for (CleanJob.Report r : o.cleaning()) {
            if (r.valueAdded() != null && r.valueAdded().rebuilt() > 0) {
                sb.append(String.format(Locale.ROOT, "- %d: value added rebuilt as output − input + VAT for %d rows"
                        + " (%d kept)%n", r.year(), r.valueAdded().rebuilt(), r.valueAdded().rebuiltKept()));
            }
        }
        if (o.panel() != null) {
            for (String line : o.panel().panelIds().lines()) {
                sb.append(line.startsWith("  ") ? "  - " + line.trim() : "- " + line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String manifest(String runId, RunJob.Settings s, RunJob.Outcome o) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("code_version", org.quex.QuexVersion.describe());
        m.put("configuration", RunJob.describe(s));
        m.put("inputs", o.inventory().describe());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (RunJob.Step step : o.steps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("stage", step.stage());
            x.put("year", step.year());
            x.put("rows", step.rows());
            x.put("seconds", step.seconds());
            x.put("detail", step.detail());
            steps.add(x);
        }
        m.put("steps", steps);
        List<Map<String, Object>> models = new ArrayList<>();
        for (RunJob.FittedTable f : o.tables()) {
            for (ModelTable.Model model : f.table().models()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("table", f.table().id());
                x.put("model", model.id());
                x.put("estimator", model.spec().model().name().toLowerCase(Locale.ROOT));
                x.put("formula", model.spec().formula().toString());
                x.put("vce", model.spec().vce().toString());
                x.put("sample", model.sample() == null ? "all panel rows" : model.sample());
                models.add(x);
            }
        }
        m.put("models", models);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    /** PNG drawing needs a local file. */
    interface LocalFileWriter {
        void write(Path file) throws IOException;
    }

    /** The results directory on any Hadoop file system (local, file://, hdfs://, s3a://). */
    record Out(org.apache.hadoop.fs.Path root, FileSystem fs) {
        static Out of(String dir, Configuration hadoop) throws IOException {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
            FileSystem fs = root.getFileSystem(hadoop);
            // Hadoop's local file system writes a .crc beside every file: results are for people
            fs.setWriteChecksum(false);
            return new Out(root, fs);
        }

        void text(String relative, String text) throws IOException {
            bytes(relative, text.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(String relative, byte[] bytes) {
            FileWrites.write(fs, new org.apache.hadoop.fs.Path(root, relative), bytes);
        }

        void png(String relative, LocalFileWriter draw) throws IOException {
            Path local = Files.createTempFile("quex-plot-", ".png");
            try {
                draw.write(local);
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(root, relative);
                FileWrites.doing("writing", fs, target,
                        () -> fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target));
            } finally {
                Files.deleteIfExists(local);
            }
        }
    }
}
