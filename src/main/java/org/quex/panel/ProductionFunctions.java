package org.quex.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;
import org.quex.tfp.Method;
import org.quex.tfp.TfpResult;
import org.quex.tfp.TfpSpark;
import org.quex.tfp.TfpSpec;

/**
 * TFP as the residual of a Cobb–Douglas production function, ln VA = a + b_k ln K + b_l ln L
 * (K net fixed assets, L employees), per 2-digit industry (pooled over the panel's years, or per
 * industry and year). Method ols fits it with the project's estimation engine; op, lp, acf and
 * wrdg with org.quex.tfp (R prodest's algorithms, docs/tfp.md), all industries in the same two
 * data passes, with proxy ln intermediate input (lp, acf, wrdg) or ln investment (op; investment =
 * the year's increase of original-value fixed assets, where positive). Those methods identify no
 * constant: a is set so that TFP averages zero in the industry, as OLS residuals do. A group with
 * fewer rows than the minimum, or whose fit fails, gets no TFP; it is reported, not guessed.
 */
public final class ProductionFunctions {
    static final String FORMULA = "ln_va ~ ln_k + ln_l";
    static final StructType SCHEMA = PanelRows.schema("industry2:string", "year:int", "n:long", "constant:double",
            "b_k:double", "b_l:double", "r2:double", "note:string", "method:string", "se_k:double", "se_l:double",
            "n_second_stage:long", "converged:boolean", "iterations:int", "data_passes:int", "bootstrap_replicates:int");

    private ProductionFunctions() {
    }

    /**
     * One fitted (or skipped) group; year is null when the years are pooled. se_k, se_l:
     * conventional (ols, wrdg) or firm-cluster bootstrap (op, lp, acf; NaN without replicates);
     * r2 only for ols; nSecondStage = rows with the firm's year before (0 for ols).
     */
    public record Fit(String industry2, Integer year, long n, double constant, double bk, double bl, double r2, String note,
                      String method, double seK, double seL, long nSecondStage, boolean converged, int iterations,
                      int passes, int replicates) {
        public Fit(String industry2, Integer year, long n, double constant, double bk, double bl, double r2, String note) {
            this(industry2, year, n, constant, bk, bl, r2, note, "ols", Double.NaN, Double.NaN, 0, note.isEmpty(), 0, 1, 0);
        }

        public boolean usable() {
            return note.isEmpty();
        }

        Row toRow() {
            return RowFactory.create(industry2, year, n, constant, bk, bl, r2, note, method, seK, seL, nSecondStage,
                    converged, iterations, passes, replicates);
        }

        Fit withConstant(double a) {
            return new Fit(industry2, year, n, a, bk, bl, r2, note, method, seK, seL, nSecondStage, converged, iterations,
                    passes, replicates);
        }
    }

    /** @param inputs (year, firm_id, panel_id, industry2, ln_va, ln_k, ln_l, ln_m, fixed_assets), cached by the caller */
    static List<Fit> fit(Dataset<Row> inputs, PanelConfig config) {
        TfpSettings tfp = config.tfp();
        if (tfp.method() != Method.OLS) {
            return fitByTfpEstimator(inputs, config, tfp);
        }
        return fitByOls(inputs, config);
    }

    private static List<Fit> fitByOls(Dataset<Row> inputs, PanelConfig config) {
        Dataset<Row> usable = complete(inputs);
        Column[] keys = config.tfpByYear() ? new Column[] {col("industry2"), col("year")} : new Column[] {col("industry2")};
        List<Row> groups = usable.groupBy(keys).agg(count(lit(1)).as("n")).orderBy(keys).collectAsList();
        List<Fit> fits = new ArrayList<>();
        for (Row g : groups) {
            String industry = g.getString(0);
            Integer year = config.tfpByYear() ? g.getInt(1) : null;
            long n = g.getLong(g.length() - 1);
            if (n < config.tfpMinRows()) {
                fits.add(new Fit(industry, year, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        "fewer than " + config.tfpMinRows() + " rows"));
                continue;
            }
            Column in = col("industry2").equalTo(industry);
            if (year != null) {
                in = in.and(col("year").equalTo(year));
            }
            inputs.sparkSession().sparkContext().setJobDescription("panel: production function of industry " + industry
                    + (year == null ? "" : " " + year));
            FitResult r = Estimation.fit(usable.where(in), ModelSpec.of(ModelSpec.Model.OLS, FORMULA, "conventional"));
            boolean omitted = r.terms().stream().anyMatch(FitResult.Term::omitted);
            fits.add(new Fit(industry, year, n, r.term("_cons").estimate(), r.term("ln_k").estimate(),
                    r.term("ln_l").estimate(), ((Number) r.fit().get("r2")).doubleValue(),
                    omitted ? "collinear inputs" : "", "ols", r.term("ln_k").stdError(), r.term("ln_l").stdError(), 0,
                    !omitted, 0, 1, 0));
        }
        return fits;
    }

    /**
     * op / lp / acf / wrdg for every group at once (org.quex.tfp.TfpSpark), then one aggregation
     * for the constants that centre TFP within each group.
     */
    private static List<Fit> fitByTfpEstimator(Dataset<Row> inputs, PanelConfig config, TfpSettings tfp) {
        Method method = tfp.method();
        Dataset<Row> rows = inputs.where(col("industry2").isNotNull());
        String proxy = "ln_m";
        if (method == Method.OP) {
            // the firm's year before is found along its panel id (the firm across id changes)
            Dataset<Row> before = inputs.select(col("panel_id"), col("year").plus(1).as("year"),
                    col("fixed_assets").as("fixed_assets_before"));
            rows = rows.join(before, new String[] {"panel_id", "year"}, "left")
                    .withColumn("ln_inv", log(col("fixed_assets").minus(col("fixed_assets_before")).cast("double")));
            proxy = "ln_inv";
        }
        Column group = config.tfpByYear() ? concat_ws("/", col("industry2"), col("year").cast("string")) : col("industry2");
        rows = rows.withColumn("tfp_group", group);
        TfpSpec spec = new TfpSpec(method, List.of("ln_l"), List.of("ln_k"), proxy, tfp.degree(), tfp.replicates(),
                tfp.seed(), method == Method.ACF ? new double[] {tfp.acfStart(), tfp.acfStart()} : null);
        TfpSpark.Outcome outcome = TfpSpark.estimate(rows, new TfpSpark.Columns("panel_id", "year", "ln_va", List.of("ln_l"),
                List.of("ln_k"), proxy, "tfp_group"), spec, config.tfpMinRows(), null);
        List<Fit> fits = new ArrayList<>();
        for (Map.Entry<String, TfpResult> e : outcome.byGroup().entrySet()) {
            TfpResult r = e.getValue();
            String industry = config.tfpByYear() ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
            Integer year = config.tfpByYear() ? Integer.valueOf(e.getKey().substring(e.getKey().indexOf('/') + 1)) : null;
            fits.add(new Fit(industry, year, r.rows(), Double.NaN, r.estimate("ln_k"), r.estimate("ln_l"), Double.NaN,
                    r.note(), method.label(), r.standardError("ln_k"), r.standardError("ln_l"), r.secondStageRows(),
                    r.converged(), r.iterations(), r.passes(), r.replicatesUsed()));
        }
        return centred(inputs, fits, config.tfpByYear());
    }

    /** Sets the constant of each usable fit to the group mean of ln VA − b_k ln K − b_l ln L. */
    private static List<Fit> centred(Dataset<Row> inputs, List<Fit> fits, boolean byYear) {
        List<Row> usable = fits.stream().filter(Fit::usable).map(Fit::toRow).toList();
        if (usable.isEmpty()) {
            return fits;
        }
        SparkSession spark = inputs.sparkSession();
        Dataset<Row> coefficients = spark.createDataFrame(usable, SCHEMA);
        String[] keys = byYear ? new String[] {"industry2", "year"} : new String[] {"industry2"};
        if (!byYear) {
            coefficients = coefficients.drop("year");
        }
        Map<String, Double> means = new java.util.HashMap<>();
        for (Row r : complete(inputs).join(org.apache.spark.sql.functions.broadcast(coefficients.select(
                        java.util.stream.Stream.concat(java.util.Arrays.stream(keys), java.util.stream.Stream.of("b_k", "b_l"))
                                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new))), keys)
                .groupBy(java.util.Arrays.stream(keys).map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(org.apache.spark.sql.functions.avg(col("ln_va").minus(col("b_k").multiply(col("ln_k")))
                        .minus(col("b_l").multiply(col("ln_l")))))
                .collectAsList()) {
            means.put(byYear ? r.getString(0) + "/" + r.getInt(1) : r.getString(0), r.getDouble(keys.length));
        }
        List<Fit> out = new ArrayList<>();
        for (Fit f : fits) {
            String key = byYear ? f.industry2() + "/" + f.year() : f.industry2();
            out.add(f.usable() && means.containsKey(key) ? f.withConstant(means.get(key)) : f);
        }
        return out;
    }

    /** (year, firm_id, tfp) for the rows whose group has a usable fit. */
    static Dataset<Row> residuals(SparkSession spark, Dataset<Row> inputs, List<Fit> fits, boolean byYear) {
        List<Row> rows = fits.stream().filter(Fit::usable).map(Fit::toRow).toList();
        Dataset<Row> coefficients = spark.createDataFrame(rows, SCHEMA);
        String[] keys = byYear ? new String[] {"industry2", "year"} : new String[] {"industry2"};
        if (!byYear) {
            coefficients = coefficients.drop("year");
        }
        return complete(inputs).join(org.apache.spark.sql.functions.broadcast(coefficients), keys)
                .select(col("year"), col("firm_id"), col("ln_va").minus(col("constant"))
                        .minus(col("b_k").multiply(col("ln_k"))).minus(col("b_l").multiply(col("ln_l"))).as("tfp"));
    }

    private static Dataset<Row> complete(Dataset<Row> inputs) {
        return inputs.where(col("industry2").isNotNull().and(col("ln_va").isNotNull()).and(col("ln_k").isNotNull())
                .and(col("ln_l").isNotNull()));
    }
}
