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
import org.quex.tfp.OutputKind;
import org.quex.tfp.TfpResult;
import org.quex.tfp.TfpSpark;
import org.quex.tfp.TfpSpec;

/**
 * TFP as the residual of a Cobb–Douglas production function, ln VA = a + b_k ln K + b_l ln L
 * (K net fixed assets, L employees), or with gross output (panel.tfp.output) ln Y = a + b_k ln K +
 * b_l ln L + b_m ln M (M intermediate input), on nominal values or, when panel.real.variables lists
 * tfp, on real value added (real output, real intermediate input) and the real capital stock, per
 * 2-digit industry (pooled over the panel's years, or per
 * industry and year). Method ols fits it with the project's estimation engine; op, lp, acf and
 * wrdg with org.quex.tfp (R prodest's algorithms, docs/tfp.md), all industries in the same two
 * data passes, with proxy ln intermediate input (lp, acf, wrdg) or ln investment (op; investment =
 * the year's increase of original-value fixed assets, where positive). Those methods identify no
 * constant: a is set so that TFP averages zero in the industry, as OLS residuals do. A group with
 * fewer rows than the minimum, or whose fit fails, gets no TFP; it is reported, not guessed.
 */
public final class ProductionFunctions {
    /** The columns the fits read, set by {@link #inputs} from the nominal or the real values. */
    static final String Y = "tfp_y";
    static final String K = "tfp_k";
    static final String L = "tfp_l";
    static final String M = "tfp_m";
    static final StructType SCHEMA = PanelRows.schema("industry2:string", "year:int", "n:long", "constant:double",
            "b_k:double", "b_l:double", "r2:double", "note:string", "method:string", "se_k:double", "se_l:double",
            "n_second_stage:long", "converged:boolean", "iterations:int", "data_passes:int", "bootstrap_replicates:int",
            "b_m:double", "output:string", "values:string");

    private ProductionFunctions() {
    }

    /**
     * One fitted (or skipped) group; year is null when the years are pooled. se_k, se_l:
     * conventional (ols, wrdg) or firm-cluster bootstrap (op, lp, acf; NaN without replicates);
     * r2 only for ols; nSecondStage = rows with the firm's year before (0 for ols); bm the
     * intermediate input's elasticity (gross output; NaN with value added); output value_added or
     * gross_output; values nominal or real.
     */
    public record Fit(String industry2, Integer year, long n, double constant, double bk, double bl, double r2, String note,
                      String method, double seK, double seL, long nSecondStage, boolean converged, int iterations,
                      int passes, int replicates, double bm, String output, String values) {

        public boolean usable() {
            return note.isEmpty();
        }

        Row toRow() {
            return RowFactory.create(industry2, year, n, constant, bk, bl, r2, note, method, seK, seL, nSecondStage,
                    converged, iterations, passes, replicates, bm, output, values);
        }

        Fit withConstant(double a) {
            return new Fit(industry2, year, n, a, bk, bl, r2, note, method, seK, seL, nSecondStage, converged, iterations,
                    passes, replicates, bm, output, values);
        }
    }

    /** Whether panel.real.variables makes TFP real. */
    static boolean real(PanelConfig config) {
        return config.realVariables().contains("tfp");
    }

    /**
     * The production function's variables as tfp_y, tfp_k, tfp_l, tfp_m next to (year, firm_id,
     * panel_id, industry2, fixed_assets): ln value added (gross output: ln output), ln net fixed assets, ln
     * employees, ln intermediate input; real: ln real value added (real output), ln real capital,
     * ln employees, ln real intermediate input (logs of positive values only).
     *
     * @param base PanelRows' table with the panel id; {@code real} RealValues' (year, firm_id, real_…), needed when real
     */
    static Dataset<Row> inputs(Dataset<Row> base, Dataset<Row> real, PanelConfig config) {
        boolean gross = config.tfp().output() == OutputKind.GROSS_OUTPUT;
        Dataset<Row> rows = base.select(col("year"), col("firm_id"), col("panel_id"), col("industry2"), col("fixed_assets"),
                col("ln_va"), col("ln_go"), col("ln_k"), col("ln_l"), col("ln_m"));
        if (real(config)) {
            rows = rows.join(real.select("year", "firm_id", "real_output", "real_value_added", "real_intermediate_input",
                    "real_capital"), new String[] {"year", "firm_id"}, "left");
            return rows.select(col("year"), col("firm_id"), col("panel_id"), col("industry2"), col("fixed_assets"),
                    positiveLog(col(gross ? "real_output" : "real_value_added")).as(Y),
                    positiveLog(col("real_capital")).as(K), col("ln_l").as(L),
                    positiveLog(col("real_intermediate_input")).as(M));
        }
        return rows.select(col("year"), col("firm_id"), col("panel_id"), col("industry2"), col("fixed_assets"),
                col(gross ? "ln_go" : "ln_va").as(Y), col("ln_k").as(K), col("ln_l").as(L), col("ln_m").as(M));
    }

    private static Column positiveLog(Column c) {
        return org.apache.spark.sql.functions.when(c.gt(0), log(c));
    }

    /** @param inputs {@link #inputs}' table, cached by the caller */
    static List<Fit> fit(Dataset<Row> inputs, PanelConfig config) {
        TfpSettings tfp = config.tfp();
        if (tfp.method() != Method.OLS) {
            return fitByTfpEstimator(inputs, config, tfp);
        }
        return fitByOls(inputs, config);
    }

    private static List<Fit> fitByOls(Dataset<Row> inputs, PanelConfig config) {
        boolean gross = config.tfp().output() == OutputKind.GROSS_OUTPUT;
        String values = real(config) ? "real" : "nominal";
        Dataset<Row> usable = complete(inputs, gross);
        Column[] keys = config.tfpByYear() ? new Column[] {col("industry2"), col("year")} : new Column[] {col("industry2")};
        List<Row> groups = usable.groupBy(keys).agg(count(lit(1)).as("n")).orderBy(keys).collectAsList();
        List<Fit> fits = new ArrayList<>();
        for (Row g : groups) {
            String industry = g.getString(0);
            Integer year = config.tfpByYear() ? g.getInt(1) : null;
            long n = g.getLong(g.length() - 1);
            if (n < config.tfpMinRows()) {
                fits.add(new Fit(industry, year, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        "fewer than " + config.tfpMinRows() + " rows", "ols", Double.NaN, Double.NaN, 0, false, 0, 1, 0,
                        Double.NaN, config.tfp().output().label(), values));
                continue;
            }
            Column in = col("industry2").equalTo(industry);
            if (year != null) {
                in = in.and(col("year").equalTo(year));
            }
            inputs.sparkSession().sparkContext().setJobDescription("panel: production function of industry " + industry
                    + (year == null ? "" : " " + year));
            FitResult r = Estimation.fit(usable.where(in), ModelSpec.of(ModelSpec.Model.OLS,
                    Y + " ~ " + K + " + " + L + (gross ? " + " + M : ""), "conventional"));
            boolean omitted = r.terms().stream().anyMatch(FitResult.Term::omitted);
            fits.add(new Fit(industry, year, n, r.term("_cons").estimate(), r.term(K).estimate(),
                    r.term(L).estimate(), ((Number) r.fit().get("r2")).doubleValue(),
                    omitted ? "collinear inputs" : "", "ols", r.term(K).stdError(), r.term(L).stdError(), 0,
                    !omitted, 0, 1, 0, gross ? r.term(M).estimate() : Double.NaN, config.tfp().output().label(), values));
        }
        return fits;
    }

    /**
     * op / lp / acf / wrdg for every group at once (org.quex.tfp.TfpSpark), then one aggregation
     * for the constants that centre TFP within each group.
     */
    private static List<Fit> fitByTfpEstimator(Dataset<Row> inputs, PanelConfig config, TfpSettings tfp) {
        Method method = tfp.method();
        boolean gross = tfp.output() == OutputKind.GROSS_OUTPUT;
        Dataset<Row> rows = inputs.where(col("industry2").isNotNull());
        String proxy = M;
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
        // OP's proxy is investment: with gross output the intermediate input is a free input, as
        // Stata prodest's users list it in free() (its op leaves the proxy out of the function)
        List<String> free = method == Method.OP && gross ? List.of(L, M) : List.of(L);
        double[] start = null;
        if (method == Method.ACF) {
            start = new double[gross ? 3 : 2];
            java.util.Arrays.fill(start, tfp.acfStart());
        }
        TfpSpec spec = new TfpSpec(method, free, List.of(K), proxy, tfp.degree(), tfp.replicates(), tfp.seed(), start,
                tfp.output());
        TfpSpark.Outcome outcome = TfpSpark.estimate(rows, new TfpSpark.Columns("panel_id", "year", Y, free,
                List.of(K), proxy, "tfp_group"), spec, config.tfpMinRows(), null);
        String values = real(config) ? "real" : "nominal";
        List<Fit> fits = new ArrayList<>();
        for (Map.Entry<String, TfpResult> e : outcome.byGroup().entrySet()) {
            TfpResult r = e.getValue();
            String industry = config.tfpByYear() ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
            Integer year = config.tfpByYear() ? Integer.valueOf(e.getKey().substring(e.getKey().indexOf('/') + 1)) : null;
            fits.add(new Fit(industry, year, r.rows(), Double.NaN, r.estimate(K), r.estimate(L), Double.NaN,
                    r.note(), method.label(), r.standardError(K), r.standardError(L), r.secondStageRows(),
                    r.converged(), r.iterations(), r.passes(), r.replicatesUsed(),
                    gross ? r.estimate(M) : Double.NaN, tfp.output().label(), values));
        }
        return centred(inputs, fits, config.tfpByYear(), gross);
    }

    /** Sets the constant of each usable fit to the group mean of y − b_k k − b_l l (− b_m m). */
    private static List<Fit> centred(Dataset<Row> inputs, List<Fit> fits, boolean byYear, boolean gross) {
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
        for (Row r : complete(inputs, gross).join(org.apache.spark.sql.functions.broadcast(coefficients.select(
                        java.util.stream.Stream.concat(java.util.Arrays.stream(keys), java.util.stream.Stream.of("b_k", "b_l", "b_m"))
                                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new))), keys)
                .groupBy(java.util.Arrays.stream(keys).map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(org.apache.spark.sql.functions.avg(col(Y).minus(inputTerms(gross))))
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

    /** b_k k + b_l l (+ b_m m with gross output), on a row joined with its group's coefficients. */
    private static Column inputTerms(boolean gross) {
        Column terms = col("b_k").multiply(col(K)).plus(col("b_l").multiply(col(L)));
        return gross ? terms.plus(col("b_m").multiply(col(M))) : terms;
    }

    /** (year, firm_id, tfp) for the rows whose group has a usable fit. */
    static Dataset<Row> residuals(SparkSession spark, Dataset<Row> inputs, List<Fit> fits, boolean byYear,
                                  boolean gross) {
        List<Row> rows = fits.stream().filter(Fit::usable).map(Fit::toRow).toList();
        Dataset<Row> coefficients = spark.createDataFrame(rows, SCHEMA);
        String[] keys = byYear ? new String[] {"industry2", "year"} : new String[] {"industry2"};
        if (!byYear) {
            coefficients = coefficients.drop("year");
        }
        return complete(inputs, gross).join(org.apache.spark.sql.functions.broadcast(coefficients), keys)
                .select(col("year"), col("firm_id"), col(Y).minus(col("constant")).minus(inputTerms(gross)).as("tfp"));
    }

    private static Dataset<Row> complete(Dataset<Row> inputs, boolean gross) {
        Column c = col("industry2").isNotNull().and(col(Y).isNotNull()).and(col(K).isNotNull()).and(col(L).isNotNull());
        return inputs.where(gross ? c.and(col(M).isNotNull()) : c);
    }
}
