package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;
import org.quex.match.MatchJob;

@Parameters(commandNames = "match", commandDescription =
        "Link Customs exporters to ASIF firms of one year: exact normalized name, then zip + last 7 phone digits")
final class MatchCommand extends QuexCommand {
    @ParametersDelegate
    final LockOption lock = new LockOption();

    @Parameter(names = "--year", required = true, description = "The year to match")
    int year;

    @ParametersDelegate
    final LakeOption lake = new LakeOption();

    @Parameter(names = "--truth", description = "The generator's truth/links.csv: print precision and recall per pass")
    String truth;

    @Override
    String logDirectory() {
        return lake.root;
    }

    @Override
    public void run() {
        SparkSession spark = SparkSessions.getOrCreate("quex match " + year);
        LakeTables tables = lake.tables();
        List<String> lines = locked(spark, tables, "match " + year, lock,
                () -> MatchJob.run(spark, tables, year, truth).lines());
        lines.forEach(System.out::println);
    }
}
