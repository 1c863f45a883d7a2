package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexException;
import org.quex.lake.SparkSessions;
import org.quex.lake.TableReader;
import org.quex.tfp.Method;
import org.quex.tfp.OutputKind;
import org.quex.tfp.TfpOutput;
import org.quex.tfp.TfpSpark;
import org.quex.tfp.TfpSpec;

@Parameters(commandNames = "tfp", commandDescription =
        "Production function by OLS, Olley-Pakes, Levinsohn-Petrin, ACF or Wooldridge (as R prodest) on any CSV or"
                + " Parquet table of firm-years; writes coefficients.csv and fit.csv")
final class TfpCommand extends QuexCommand {
    @Parameter(names = "--input", required = true, description = "CSV/TSV file or directory, or Parquet")
    String input;

    @Parameter(names = "--method", required = true, description = "ols | op | lp | acf | wrdg")
    String method;

    @Parameter(names = "--output", required = true, description = "Column of log output (value added, or gross output with --output-kind gross_output)")
    String output;

    @Parameter(names = "--free", required = true, description = "Free inputs (log labour), comma-separated")
    String free;

    @Parameter(names = "--state", required = true, description = "State inputs (log capital), comma-separated")
    String state;

    @Parameter(names = "--proxy", description = "Proxy: log investment (op) or log materials (lp, acf, wrdg)")
    String proxy;

    @Parameter(names = "--id", required = true, description = "Firm id column")
    String id;

    @Parameter(names = "--time", required = true, description = "Year column (whole numbers; the lag is year - 1)")
    String time;

    @Parameter(names = "--group", description = "Estimate per value of this column (e.g. industry)")
    String group;

    @Parameter(names = "--out", required = true, description = "Output directory")
    String out;

    @Parameter(names = "--degree", description = "First-stage polynomial degree (R prodest: 2, Stata prodest: 3)")
    int degree = 2;

    @Parameter(names = "--reps", description = "Firm-cluster bootstrap replicates for op, lp, acf (0: none)")
    int reps = 0;

    @Parameter(names = "--seed", description = "Seed of the bootstrap weights")
    long seed = 12345L;

    @Parameter(names = "--start", description = "acf start values, comma-separated, free then state (then proxy with gross output; default 0.5 each)")
    String start;

    @Parameter(names = "--output-kind", description = "value_added | gross_output: with gross_output the proxy "
            + "(intermediate input) is an input of ols, lp and acf with its own elasticity (docs/tfp.md); wrdg has none")
    String outputKind = "value_added";

    @Parameter(names = "--min-rows", description = "Groups with fewer rows get no estimate")
    int minRows = 20;

    @Parameter(names = "--partitions", description = "Partitions of the firm-sorted data (default: the cluster's)")
    Integer partitions;

    @Override
    String helpNotes() {
        return "Writes DIR/coefficients.csv (group,term,estimate,std_error) and DIR/fit.csv (one line per group).\n"
                + "Algorithms, defaults and sources: docs/tfp.md.\n";
    }

    @Override
    public void run() throws Exception {
        Method m = Method.parse(method, "--method");
        OutputKind kind = OutputKind.parse(outputKind, "--output-kind");
        if ((m.needsProxy() || kind == OutputKind.GROSS_OUTPUT && m == Method.OLS) && (proxy == null || proxy.isBlank())) {
            throw new QuexException("--proxy is needed for method " + m.label()
                    + (m == Method.OLS ? " with gross output (the intermediate input)" : ""));
        }
        List<String> freeColumns = names(free);
        List<String> stateColumns = names(state);
        double[] startValues = null;
        if (start != null) {
            try {
                startValues = Arrays.stream(start.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new QuexException("--start '" + start + "' is not a comma-separated list of numbers");
            }
        }
        TfpSpec spec = new TfpSpec(m, freeColumns, stateColumns, proxy, degree, reps, seed, startValues, kind);
        SparkSession spark = SparkSessions.getOrCreate("quex tfp");
        long t0 = System.nanoTime();
        TfpSpark.Outcome outcome = TfpSpark.estimate(TableReader.read(spark, input),
                new TfpSpark.Columns(id, time, output, freeColumns, stateColumns, proxy, group), spec, minRows, partitions);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TfpOutput.write(outcome.byGroup(), out, spark.sparkContext().hadoopConfiguration());
        System.out.print(TfpOutput.table(outcome.byGroup()));
        System.out.printf(java.util.Locale.ROOT, "%d groups, %d rows dropped for a missing value, %d data passes, %.1f s%n",
                outcome.byGroup().size(), outcome.rowsDropped(), outcome.passes(), seconds);
        System.out.println("wrote " + out + "/coefficients.csv and " + out + "/fit.csv");
    }

    private static List<String> names(String list) {
        List<String> n = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (n.isEmpty()) {
            throw new QuexException("an input list is empty: '" + list + "'");
        }
        return n;
    }
}
