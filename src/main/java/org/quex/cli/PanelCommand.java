package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.ConfigFile;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;
import org.quex.panel.PanelConfig;
import org.quex.panel.PanelJob;
import org.quex.panel.YearList;

@Parameters(commandNames = "panel", commandDescription =
        "Build lake/panel/firm_year from the clean, matched tables and the honours: every variable of the study,"
                + " TFP by industry, descriptive statistics")
final class PanelCommand extends QuexCommand {
    @ParametersDelegate
    final LockOption lock = new LockOption();

    @Parameter(names = "--years", description = "Years, e.g. 2000-2013 or 2001,2012 (default: every year in lake/clean/asif)")
    String years;

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
        PanelConfig settings = PanelConfig.from(ConfigFile.load(config.path));
        SparkSession spark = SparkSessions.getOrCreate("quex panel");
        LakeTables tables = lake.tables();
        List<Integer> list = years == null ? YearList.inTable(spark, tables.clean("asif")) : YearList.parse(years);
        PanelJob.Report report = locked(spark, tables, "panel", lock,
                () -> PanelJob.run(spark, tables, list, settings, config.label()));
        report.lines().forEach(System.out::println);
        System.out.print(org.quex.report.SummaryTableWriter.markdown(report.summaryOfAllYears()));
    }
}
