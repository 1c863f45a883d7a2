package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexException;
import org.quex.lake.SparkSessions;
import org.quex.synth.GenerateSettings;
import org.quex.synth.RawLayouts;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

@Parameters(commandNames = "generate", commandDescription =
        "Write synthetic raw ASIF, Customs and honours files as the real deliveries come (each year's scheme "
                + "and container: Stata, Excel, Access, CSV), with planted defects and the truth behind them")
final class GenerateCommand extends QuexCommand {
    @Parameter(names = "--firms", required = true, description = "Number of distinct firms (ASIF firms and customs-only traders)")
    int firms;

    @Parameter(names = "--years", description = "Year range, e.g. 2000-2013 (within 1998-2013)")
    String years = "2000-2013";

    @Parameter(names = "--seed", description = "Random seed: the same seed and options give byte-identical files")
    long seed = 1;

    @Parameter(names = "--out", required = true, description = "Output directory (local path or hdfs:// / s3a:// URI)")
    String out;

    @Parameter(names = "--scale-model", description = "Export-scale equation that generates ln_export: 3 (qu) or 5 (lqu/mqu/hqu)")
    int scaleModel = 3;

    @Parameter(names = "--mean-transactions", description = "Mean customs rows per trading firm-year and direction")
    double meanTransactions = 40;

    @Parameter(names = "--typo-share", description = "Share of customs firm-years whose firm name carries a typo")
    double typoShare = 0.08;

    @Parameter(names = "--defect-scale", description = "Multiplies every planted-defect rate (0 plants none)")
    double defectScale = 1;

    @Parameter(names = "--firms-per-chunk", description = "Firms per unit of work (does not change the output)")
    int firmsPerChunk = 2000;

    @Parameter(names = "--coefficients", description = "True coefficients CSV (default conf/synth/true_coefficients.csv)")
    String coefficients;

    @Parameter(names = "--overwrite", description = "Replace generated data already in --out")
    boolean overwrite;

    @Override
    String logDirectory() {
        return out;
    }

    @Override
    public void run() throws Exception {
        int[] range = GenerateSettings.parseYears(years);
        String equation = switch (scaleModel) {
            case 3 -> TrueCoefficients.FE_QU;
            case 5 -> TrueCoefficients.FE_LEVELS;
            default -> throw new QuexException("--scale-model must be 3 or 5, got " + scaleModel);
        };
        GenerateSettings settings = new GenerateSettings(seed, firms, range[0], range[1], firmsPerChunk,
                meanTransactions, equation, typoShare, defectScale);
        TrueCoefficients truth = TrueCoefficients.load(coefficients == null ? null : Path.of(coefficients));
        SparkSession spark = SparkSessions.getOrCreate("quex generate");
        long start = System.nanoTime();
        SynthJob.Result result = SynthJob.run(spark, settings, truth, out, overwrite);
        double seconds = (System.nanoTime() - start) / 1e9;
        long asifRows = sum(result, "asif/");
        long customsRows = sum(result, "customs/");
        long honourRows = sum(result, "honours/");
        long bytes = result.bytesByFile().values().stream().mapToLong(Long::longValue).sum();
        long defects = result.defectRows().entrySet().stream()
                .filter(e -> !e.getKey().endsWith("|gongmao_manufacturer_rows"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "generated %d firms, %d-%d, seed %d in %.1f s: %d ASIF rows, %d customs rows,"
                        + " %d honours, %d planted defect rows, %.1f MB%n", firms, range[0], range[1], seed, seconds,
                asifRows, customsRows, honourRows, defects, bytes / 1e6);
        System.out.println("wrote " + out + "/{asif,customs,honours} and the truth in " + out + "/truth");
    }

    /** The files written, year by year, from the generator's own tables (data-schemas/raw). */
    @Override
    String helpNotes() {
        StringBuilder b = new StringBuilder("  Files written in --out, as the real deliveries come (data-schemas/raw/raw_files.csv):\n");
        b.append(String.format(Locale.ROOT, "    %-9s %-7s %-6s %-24s %-6s %-9s %s%n", "years", "source", "months",
                "scheme", "format", "encoding", "path"));
        for (RawLayouts.RawFile f : RawLayouts.shared().files()) {
            String years = f.yearFrom() == f.yearTo() ? Integer.toString(f.yearFrom()) : f.yearFrom() + "-" + f.yearTo();
            String months = f.monthFrom() == 1 && f.monthTo() == 12 ? "" : f.monthFrom() + "-" + f.monthTo();
            String format = switch (f.format()) {
                case CSV -> f.delimiter() == '\t' ? "tsv" : "csv";
                case DTA -> "dta" + f.release();
                default -> f.format().name().toLowerCase(Locale.ROOT);
            };
            String encoding = f.format() == RawLayouts.Format.CSV || f.format() == RawLayouts.Format.DTA
                    ? f.encoding() + (f.bom() ? "+BOM" : "") : "";
            String path = f.parts() > 1 ? f.pathPattern().replace("{part}", "{1.." + f.parts() + "}") : f.pathPattern();
            b.append(String.format(Locale.ROOT, "    %-9s %-7s %-6s %-24s %-6s %-9s %s%n", years, f.source(), months,
                    f.scheme(), format, encoding, path));
        }
        b.append("  Years up to 2007 share one pooled ASIF file (a year column). Planted defects and the truth\n")
                .append("  behind the data go to --out/truth (docs/generate.md).");
        return b.toString();
    }

    private static long sum(SynthJob.Result r, String prefix) {
        return r.rowsByFile().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }
}
