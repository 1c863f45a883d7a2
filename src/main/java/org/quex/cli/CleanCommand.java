package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.clean.CleanJob;
import org.quex.clean.CleaningConfig;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;

@Parameters(commandNames = "clean", commandDescription =
        "Apply the ASIF and Customs cleaning rules to one year of lake/raw, map HS codes to HS2002, aggregate exports")
final class CleanCommand extends QuexCommand {
    @ParametersDelegate
    final LockOption lock = new LockOption();

    @Parameter(names = "--year", required = true, description = "The year to clean")
    int year;

    @Parameter(names = "--source", description = "asif | customs | all")
    String source = "all";

    @ParametersDelegate
    final LakeOption lake = new LakeOption();

    @ParametersDelegate
    final ConfigOption config = new ConfigOption();

    @Override
    String logDirectory() {
        return lake.root;
    }

    @Override
    public void run() {
        source = org.quex.Suggest.oneOf("--source", source, "asif", "customs", "all"); // before Spark starts
        List<String> sources = source.equals("all") ? List.of("asif", "customs") : List.of(source);
        CleaningConfig settings = CleaningConfig.load(config.path);
        SparkSession spark = SparkSessions.getOrCreate("quex clean " + year);
        LakeTables tables = lake.tables();
        List<CleanJob.Report> reports = locked(spark, tables, "clean " + year, lock,
                () -> CleanJob.run(spark, tables, year, sources, settings,
                        config.label()));
        reports.forEach(r -> r.lines().forEach(System.out::println));
    }
}
