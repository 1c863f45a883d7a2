package org.quex.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.quex.QuexException;

/**
 * Predictions and residuals of a fit, as Stata's {@code predict} gives them, added to the input
 * table: {@code _xb} the linear prediction x′b (with the constant), {@code _fitted} the fitted
 * value (OLS: x′b; FE: x′b plus the absorbed effects, xtreg's {@code xbu}; probit: Φ(x′b)), and
 * {@code _residual} = y − _fitted (FE: the within residual, xtreg's {@code e}). Like Stata's
 * predict, they are computed for every row whose variables are present, in the sample or not;
 * {@code _sample} says whether the row has all the model's variables (the estimation sample, up
 * to rows a probit dropped for perfect prediction). Spark expressions over the table, so no
 * pass over the cached design; only the absorbed effects need a group mean (one per effect and
 * sweep: alternating projections with two or more effects).
 */
public final class Predictions {
    /**
     * Alternating projections for two or more absorbed effects: stop when no residual moves more
     * than this relative to the largest |y − x′b|.
     */
    static final double TOLERANCE = 1e-12;
    static final int MAX_SWEEPS = 1000;

    private Predictions() {
    }

    /** The table with _xb, _fitted, _residual and _sample; a failed fit (no terms) cannot predict. */
    public static Dataset<Row> of(Dataset<Row> table, FitResult fit) {
        if (fit.terms().isEmpty()) {
            throw new QuexException("no predictions for '" + fit.spec().formula() + "': " + fit.diagnostics().message());
        }
        ModelSpec spec = fit.spec();
        // The design columns by the names the fit gave them (log(x), year::2005, x1:x2, poly(z, 2)1…),
        // computed as the fit computed them: factor levels and polynomial coefficients from this table.
        Map<String, Column> design = ModelColumns.numericByName(table, spec.formula());
        Column y = design.get(spec.formula().response());
        if (spec.model() == ModelSpec.Model.PROBIT) { // the fit's outcome: any nonzero value a success, as Stata
            y = functions.when(y.isNotNull(), functions.when(y.notEqual(0.0), 1.0).otherwise(0.0));
        }
        Column slopes = functions.lit(0.0);
        List<Column> needed = new ArrayList<>();
        needed.add(y);
        for (FitResult.Term t : fit.terms()) {
            if (t.name().equals("_cons")) {
                continue;
            }
            Column x = design.get(t.name());
            if (x == null) {
                throw new IllegalStateException("term " + t.name() + " of the fit is not a design column of '"
                        + spec.formula() + "' (" + design.keySet() + ")");
            }
            needed.add(x);
            if (!t.omitted()) {
                slopes = slopes.plus(x.multiply(t.estimate()));
            }
        }
        double cons = fit.terms().stream().filter(t -> t.name().equals("_cons") && !t.omitted())
                .mapToDouble(FitResult.Term::estimate).findFirst().orElse(0.0);
        Column complete = functions.lit(true);
        for (Column c : needed) {
            complete = complete.and(c.isNotNull());
        }
        for (String key : spec.formula().absorbed()) {
            complete = complete.and(functions.col(quote(key)).isNotNull());
        }
        for (String key : spec.vce().clusterVariables()) {
            complete = complete.and(functions.col(quote(key)).isNotNull());
        }
        if (spec.weights() != null) {
            complete = complete.and(value(spec.weights().variable()).gt(0));
        }
        Dataset<Row> out = table.withColumn("_sample", complete)
                .withColumn("_xb", slopes.plus(cons));
        switch (spec.model()) {
            case PROBIT -> out = out.withColumn("_fitted", normalCdf(functions.col("_xb")))
                    .withColumn("_residual", y.minus(functions.col("_fitted")));
            case OLS -> out = out.withColumn("_fitted", functions.col("_xb"))
                    .withColumn("_residual", y.minus(functions.col("_fitted")));
            case FE -> out = withinResidual(out, y.minus(slopes), spec.formula().absorbed(),
                    spec.weights() == null ? null : value(spec.weights().variable()))
                    .withColumn("_fitted", y.minus(functions.col("_residual")));
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** Writes the predictions as Parquet into dir (replaced if present). */
    public static void write(Dataset<Row> predictions, String dir) {
        predictions.write().mode(SaveMode.Overwrite).parquet(dir);
    }

    /**
     * y − x′b with its absorbed effects swept out: the group means of the sample rows subtracted,
     * effect by effect, until no residual moves (one sweep is exact with one effect). With weights
     * the means are weighted, as the fit's demeaning is.
     */
    private static Dataset<Row> withinResidual(Dataset<Row> table, Column dependent, List<String> effects,
                                               Column weight) {
        Dataset<Row> d = table.withColumn("_residual",
                functions.when(functions.col("_sample"), dependent).otherwise(functions.lit(null).cast(DataTypes.DoubleType)));
        int sweeps = effects.size() == 1 ? 1 : MAX_SWEEPS;
        double scale = 0;
        if (effects.size() > 1) {
            Row r = d.agg(functions.max(functions.abs(functions.col("_residual")))).first();
            scale = r.isNullAt(0) ? 0 : r.getDouble(0);
        }
        for (int sweep = 0; sweep < sweeps; sweep++) {
            double moved = 0;
            for (String effect : effects) {
                Dataset<Row> means = d.where(functions.col("_sample")).groupBy(functions.col(quote(effect)).as("_key"))
                        .agg(weight == null ? functions.avg("_residual").as("_mean")
                                : functions.sum(functions.col("_residual").multiply(weight))
                                        .divide(functions.sum(weight)).as("_mean"));
                d = d.join(means, d.col(quote(effect)).eqNullSafe(means.col("_key")), "left")
                        .withColumn("_residual", functions.col("_residual").minus(functions.coalesce(functions.col("_mean"),
                                functions.lit(0.0))))
                        .drop("_key");
                if (effects.size() > 1) {
                    Row r = d.agg(functions.max(functions.abs(functions.col("_mean")))).first();
                    moved = Math.max(moved, r.isNullAt(0) ? 0 : r.getDouble(0));
                    d = d.drop("_mean").localCheckpoint();
                } else {
                    d = d.drop("_mean");
                }
            }
            if (effects.size() > 1 && moved <= TOLERANCE * scale) {
                break;
            }
        }
        return d;
    }

    /** A model variable as a double column (text parsed as Spark casts it). */
    private static Column value(String name) {
        return functions.col(quote(name)).cast(DataTypes.DoubleType);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Φ(t) = erfc(−t/√2)/2 as a Spark expression (Spark has no normal CDF function). */
    private static Column normalCdf(Column t) {
        return functions.udf((org.apache.spark.sql.api.java.UDF1<Double, Double>) v -> v == null ? null
                : NormalDistribution.cdf(v), DataTypes.DoubleType).apply(t);
    }
}
