package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.ingest.IngestJob;
import org.quex.ingest.InputInspector;
import org.quex.ingest.QualityCheck;
import org.quex.ingest.QualityRules;
import org.quex.ingest.archive.SkippedEntry;
import org.quex.lake.SparkSessions;

@Parameters(commandNames = "ingest", commandDescription =
        "Read one year of raw ASIF, Customs or honours files into typed Parquet under LAKE/raw, with unreadable rows in LAKE/quarantine")
final class IngestCommand extends QuexCommand {
    @ParametersDelegate
    final LockOption lock = new LockOption();

    @Parameter(names = "--source", required = true, description = "asif, customs or honours")
    String source;

    @Parameter(names = "--year", description = "Ingest this year only (rows of other years are counted, not written); "
            + "default: every year the files hold, by their year column, dates or file names (honours: the year of the list)")
    Integer year;

    @Parameter(names = "--input", required = true, variableArity = true,
            description = "Raw files or directories (searched recursively): CSV, TSV, Stata .dta (113-119), Excel .xlsx/.xls, Access .mdb/.accdb, or .zip/.gz/.tar/.7z archives of them, "
                    + "also inside .zip, .gz, .tar, .tar.gz/.tgz or .7z archives (.rar: extract first)")
    List<String> inputs;

    @ParametersDelegate
    final LakeOption lake = new LakeOption();

    @Parameter(names = "--encoding", description = "UTF-8, GBK or GB18030 for every input (default: detect per file; Stata 113-117: GB18030)")
    String encoding;

    @Parameter(names = "--config", description = "Configuration file (default: the packed conf/quex.conf); "
            + "ingest reads ingest.employees.order from it")
    String config;

    @Parameter(names = "--slice-mb", description = "A Stata file larger than this many MB is read by several tasks, "
            + "one per slice of this size")
    long sliceMb = IngestJob.SLICE_BYTES >> 20;

    @Parameter(names = "--max-record-lines", description = "Most physical lines one quoted record may span")
    int maxRecordLines = 20;

    @Parameter(names = "--max-quarantine-share", description =
            "Share of quarantined records above which the year is refused (a data-quality error)")
    double maxQuarantineShare = QualityRules.DEFAULTS.quarantineShareError();

    @Override
    String logDirectory() {
        return lake.root;
    }

    @Override
    public void run() {
        source = org.quex.Suggest.oneOf("--source", source, "asif", "customs", "honours"); // before Spark starts
        QualityRules d = QualityRules.DEFAULTS;
        QualityRules rules = new QualityRules(maxQuarantineShare, d.quarantineShareWarning(), d.replacementShareError(),
                d.completenessError(), d.completenessWarning(), d.duplicateShareError(), d.rowChangeWarning());
        String label = year == null ? "all years" : String.valueOf(year);
        IngestJob.Settings settings = new IngestJob.Settings(source, year == null ? List.of() : List.of(year), inputs,
                lake.root, encoding, maxRecordLines, rules, sliceMb << 20,
                org.quex.ConfigFile.load(config).list("ingest.employees.order"));
        // the inputs are inspected before Spark starts: a wrong file fails in a second, not after start-up
        long t = System.nanoTime();
        InputInspector.Inspection inspection = IngestJob.inspect(SparkSessions.hadoopConfigurationBeforeSpark(), settings);
        double inspectSeconds = (System.nanoTime() - t) / 1e9;
        SparkSession spark = SparkSessions.getOrCreate("quex ingest " + source + " " + label);
        IngestJob.Result result = locked(spark, lake.tables(), "ingest " + source + " " + label, lock,
                () -> IngestJob.run(spark, settings, inspection, inspectSeconds));
        for (String w : result.warnings()) {
            System.out.println("warning: " + w);
        }
        for (IngestJob.FileResult f : result.files()) {
            System.out.println("file " + f.file().name() + ": " + f.file().charsetName() + " (" + f.file().encodingSource()
                    + "), scheme " + f.file().scheme() + ", read=" + f.counts().read() + " written=" + f.counts().written()
                    + " quarantined=" + f.counts().quarantined()
                    + (f.counts().outside() > 0 ? " other_years=" + f.counts().outside() : ""));
        }
        for (SkippedEntry e : result.skipped()) {
            System.out.println("skipped " + e.name() + ": " + e.reason());
        }
        for (IngestJob.YearResult y : result.years()) {
            for (QualityCheck c : y.quality()) {
                if (!c.level().equals(QualityCheck.INFO)) {
                    System.out.println(c.level() + ": " + y.year() + " " + c.check() + ": " + c.message());
                }
            }
        }
        System.out.println("manifest " + result.manifest());
        StringBuilder timing = new StringBuilder("seconds:");
        result.seconds().forEach((phase, sec) -> timing.append(String.format(" %s %.1f", phase, sec)));
        System.out.println(timing);
        for (IngestJob.YearResult y : result.years()) {
            System.out.println(y.summaryLine(source));
        }
        if (result.outside() > 0) {
            System.out.println("source=" + source + " other_years=" + result.outside()
                    + " (rows of years not asked for: read, not written)");
        }
    }
}
