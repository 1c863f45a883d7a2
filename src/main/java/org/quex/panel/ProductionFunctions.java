package org.quex.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.quex.estimate.Estimation;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;

/**
 * TFP as the residual of a Cobb–Douglas production function, ln VA = a + b_k ln K + b_l ln L
 * (K net fixed assets, L employees), fitted by OLS with the project's estimation engine per 2-digit
 * industry (pooled over the panel's years, or per industry and year). A group with fewer rows than
 * the minimum, or whose fit omits a term, gets no TFP; it is reported, not guessed.
 */
public final class ProductionFunctions {
    static final String FORMULA = "ln_va ~ ln_k + ln_l";
    static final StructType SCHEMA = PanelRows.schema("industry2:string", "year:int", "n:long", "constant:double",
            "b_k:double", "b_l:double", "r2:double", "note:string");

    private ProductionFunctions() {
    }

    /** One fitted (or skipped) group; year is null when the years are pooled. */
    public record Fit(String industry2, Integer year, long n, double constant, double bk, double bl, double r2, String note) {
        public boolean usable() {
            return note.isEmpty();
        }

        Row toRow() {
            return RowFactory.create(industry2, year, n, constant, bk, bl, r2, note);
        }
    }

    /** @param inputs (year, firm_id, industry2, ln_va, ln_k, ln_l), cached by the caller */
    static List<Fit> fit(Dataset<Row> inputs, PanelConfig config) {
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
                    omitted ? "collinear inputs" : ""));
        }
        return fits;
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
