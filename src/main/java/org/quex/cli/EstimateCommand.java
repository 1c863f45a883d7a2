package org.quex.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitOutput;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;
import org.quex.estimate.Predictions;
import org.quex.lake.SparkSessions;
import org.quex.lake.TableReader;

@Parameters(commandNames = "estimate", commandDescription =
        "Fit probit, OLS or fixed-effects OLS on any CSV or Parquet table; writes coefficients.csv and fit.json")
final class EstimateCommand extends QuexCommand {
    @Parameter(names = "--input", required = true, description = "CSV/TSV file or directory, Parquet (a file, a directory,"
            + " or a table partitioned in year=… folders such as lake/panel/firm_year), or Stata .dta (a file or a directory)")
    String input;

    @Parameter(names = "--where", description = "Spark SQL condition on the input's columns selecting the rows,"
            + " e.g. \"year >= 2005 and matched = 1\"")
    String where;

    @Parameter(names = "--model", required = true, description = "probit | ols | fe")
    String model;

    @Parameter(names = "--formula", required = true, description = "\"y ~ x1 + x1:x2 + i(year) + log(k) | fe1 + fe2 + ...\""
            + " (fixest's language: a*b, i(var, ref = v), log exp sqrt abs I(), poly(x, d), `quoted name`; any number"
            + " of absorbed effects in any order; docs/estimate.md)")
    String formula;

    @Parameter(names = "--vce", description = "oim | eim | robust | cluster:VAR[+VAR...] (probit); conventional | robust"
            + " | hc3 (ols) | cluster:VAR[+VAR...] (ols, fe); several cluster variables: multi-way clustering")
    String vce;

    @Parameter(names = "--weights", description = "aw:VAR (analytic weights; ols, fe) | fw:VAR (frequency weights)")
    String weights;

    @Parameter(names = "--out", required = true, description = "Output directory")
    String out;

    @Parameter(names = "--predict", description = "Also write predictions and residuals (_xb, _fitted, _residual,"
            + " _sample added to the input's columns) as Parquet into this directory")
    String predict;

    @Parameter(names = "--margins", description = "Probit: also average marginal effects and effects at the means"
            + " (Stata's margins, dydx(*)), printed and written to margins.csv")
    boolean margins;

    @Parameter(names = "--partitions", description = "Number of partitions of the cached design (default: the cluster's parallelism)")
    Integer partitions;

    @Parameter(names = "--tolerance", description = "Probit convergence: largest relative Newton step")
    double tolerance = 1e-10;

    @Parameter(names = "--max-iterations", description = "Probit iteration limit")
    int maxIterations = 100;

    @Parameter(names = "--keep-singletons", description = "fe: keep rows alone in a level of an absorbed effect"
            + " (as xtreg); by default they are dropped, iteratively across effects (as reghdfe, fixest)")
    boolean keepSingletons;

    @Parameter(names = "--absorb-tolerance", description = "fe with several large absorbed effects: relative residual"
            + " at which the iterative solve stops")
    double absorbTolerance = ModelSpec.Absorb.DEFAULT.tolerance();

    @Parameter(names = "--absorb-iterations", description = "fe with several large absorbed effects: iteration limit"
            + " of the iterative solve (one pass over the data each)")
    int absorbIterations = ModelSpec.Absorb.DEFAULT.maxIterations();

    @Override
    String logDirectory() {
        return out;
    }

    @Override
    public void run() throws Exception {
        ModelSpec.Model m = ModelSpec.parseModel(org.quex.Suggest.oneOf("--model", model, "probit", "ols", "fe"));
        ModelSpec base = ModelSpec.of(m, formula, vce);
        ModelSpec spec = new ModelSpec(m, base.formula(), base.vce(), partitions, tolerance, maxIterations,
                base.collinearityTolerance(), ModelSpec.Weights.parse(weights),
                new ModelSpec.Absorb(keepSingletons, absorbTolerance, absorbIterations));
        SparkSession spark = SparkSessions.getOrCreate("quex estimate");
        Dataset<Row> table = TableReader.read(spark, input);
        if (where != null) {
            table = TableReader.where(table, where, input);
        }
        FitResult result = Estimation.fit(table, spec, margins);
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // the local file system would write a .crc beside each file: the output is for people
        new org.apache.hadoop.fs.Path(out).getFileSystem(hadoop).setWriteChecksum(false);
        FitOutput.write(result, out, hadoop);
        System.out.print(FitOutput.table(result));
        System.out.println("wrote " + out + "/coefficients.csv, fit.json, vcov.csv" + (margins ? ", margins.csv" : ""));
        if (predict != null) {
            Predictions.write(Predictions.of(table, result), predict);
            System.out.println("wrote predictions and residuals to " + predict);
        }
    }
}
