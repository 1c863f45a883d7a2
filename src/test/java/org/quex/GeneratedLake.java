package org.quex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.clean.CleanJob;
import org.quex.clean.CleaningConfig;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.lake.LakeTables;
import org.quex.match.MatchJob;
import org.quex.synth.GenerateSettings;
import org.quex.synth.RawLayouts;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * One small generated delivery taken through generate → ingest → clean → match (and the honour
 * list ingested), built once per test JVM and shared by the tests of the
 * later stages: 2001 (GBK, HS1996) and 2012 (UTF-8, HS2012), ten times the default defect rates.
 */
public final class GeneratedLake {
    public static final int[] YEARS = {2001, 2012};
    /** Enough firms for a production function per 2-digit industry (about 40 clean firm-years each). */
    public static final int FIRMS = 2000;
    /** Ten times the usual defects put more than the default 5 % of lines in quarantine. */
    private static final QualityRules DEFECT_HEAVY = new QualityRules(0.5, 0.0, 0.01, 0.5, 0.99, 0.5, 0.5);
    private static GeneratedLake shared;

    public final Path raw;
    public final LakeTables lake;
    public final List<CleanJob.Report> cleanReports;

    private GeneratedLake(Path raw, LakeTables lake, List<CleanJob.Report> cleanReports) {
        this.raw = raw;
        this.lake = lake;
        this.cleanReports = cleanReports;
    }

    public static synchronized GeneratedLake get() {
        if (shared == null) {
            try {
                shared = build(Files.createTempDirectory("quex-generated-lake-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static GeneratedLake build(Path dir) throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path raw = dir.resolve("raw");
        SynthJob.run(spark, new GenerateSettings(11, FIRMS, YEARS[0], YEARS[YEARS.length - 1], 64, 3,
                TrueCoefficients.FE_QU, 0.08, 10), TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE),
                raw.toString(), true);
        LakeTables lake = new LakeTables(dir.resolve("lake").toString());
        List<CleanJob.Report> reports = new ArrayList<>();
        for (int year : YEARS) {
            for (String source : List.of("asif", "customs")) {
                String input = source.equals("asif") ? RawLayouts.shared().fileFor("asif", year).path(year, 1)
                        : "customs/" + year;
                IngestJob.run(spark, new IngestJob.Settings(source, year, List.of(raw.resolve(input).toString()),
                        lake.root(), null, 20, DEFECT_HEAVY));
            }
            reports.addAll(CleanJob.run(spark, lake, year, List.of("asif", "customs"), CleaningConfig.load(null),
                    "test"));
            MatchJob.run(spark, lake, year, null);
        }
        // the honour list is cumulative: one list, filed under its last year
        IngestJob.run(spark, new IngestJob.Settings("honours", YEARS[YEARS.length - 1],
                List.of(raw.resolve("honours/honours.csv").toString()), lake.root(), null, 20, DEFECT_HEAVY));
        return new GeneratedLake(raw, lake, reports);
    }

    /** The lines of a truth file, header first. */
    public List<String> truth(String name) {
        try {
            return Files.readAllLines(raw.resolve("truth").resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
