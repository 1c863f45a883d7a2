package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.lake.LakeListing;
import org.quex.lake.LakeTables;
import org.quex.lake.SparkSessions;
import org.quex.lake.export.TableExport;
import org.quex.panel.YearList;

@Parameters(commandNames = "lake", commandDescription =
        "Look into the lake: 'list' its tables with years, rows and ingest schemes; 'export' one table"
                + " (some years, the rows a SQL condition keeps) to a .csv, Stata .dta or .parquet file")
final class LakeCommand extends QuexCommand {
    @Parameter(description = "list | export")
    List<String> action = new ArrayList<>();

    @ParametersDelegate
    final LakeOption lake = new LakeOption();

    @Parameter(names = "--json", description = "list: print the listing as JSON")
    boolean json;

    @Parameter(names = "--table", description = "export: the table, as list names it (raw/asif, clean/customs, panel/firm_year, …)")
    String table;

    @Parameter(names = "--year", description = "export: a year or years, e.g. 2007, 2005-2007 or 2001,2012 (default: every year)")
    String year;

    @Parameter(names = "--where", description = "export: a Spark SQL condition on the table's columns, e.g. \"province = '广东' AND employees >= 8\"")
    String where;

    @Parameter(names = "--out", description = "export: the file to write; its name ends in .csv, .dta or .parquet")
    String out;

    @Override
    public void run() {
        if (action.size() != 1 || !List.of("list", "export").contains(action.get(0))) {
            throw new ParameterException("expected one action, list or export; got " + (action.isEmpty() ? "none"
                    : String.join(" ", action) + org.quex.Suggest.hint(action.get(0), List.of("list", "export"))));
        }
        LakeTables tables = lake.tables();
        if (action.get(0).equals("list")) {
            for (String[] option : new String[][] {{"--table", table}, {"--year", year}, {"--where", where}, {"--out", out}}) {
                if (option[1] != null) {
                    throw new ParameterException(option[0] + " is an option of lake export, not of lake list");
                }
            }
            List<LakeListing.Table> listing = LakeListing.of(SparkSessions.hadoopConfigurationBeforeSpark(), tables);
            if (json) {
                System.out.print(LakeListing.json(tables, listing));
            } else {
                LakeListing.text(tables, listing).forEach(System.out::println);
            }
            return;
        }
        if (json) {
            throw new ParameterException("--json is an option of lake list, not of lake export");
        }
        if (table == null || out == null) {
            throw new ParameterException("lake export needs --table and --out");
        }
        TableExport.Format.of(out); // a wrong file name fails before Spark starts
        List<Integer> years = year == null ? null : YearList.parse(year);
        SparkSession spark = SparkSessions.getOrCreate("quex lake export");
        TableExport.Result result = TableExport.run(spark, new TableExport.Settings(lake.root, table, years, where, out));
        System.out.println(result.summaryLine());
        result.notes().forEach(n -> System.out.println("  " + n));
    }
}
