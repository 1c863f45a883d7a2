package org.quex.panel;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * Real output, value added and intermediate input (nominal / the industry-year's output or input
 * index) and the real capital stock by perpetual inventory along each panel id ({@link RealCapital}),
 * with the industry's growth rate of nominal fixed assets measured in the panel itself: the mean log
 * change between consecutive years of one panel id, per 2-digit industry (exp − 1).
 */
final class RealValues {
    static final StructType SCHEMA = PanelRows.schema("year:int", "firm_id:string", "real_output:double",
            "real_value_added:double", "real_intermediate_input:double", "real_capital:double", "output_index:double",
            "real_capital_per_worker:double");
    static final List<String> COLUMNS = List.of("real_output", "real_value_added", "real_intermediate_input",
            "real_capital");
    /** Used to make Table 1 variables real, then dropped. */
    static final List<String> HELPERS = List.of("output_index", "real_capital_per_worker");
    /** The Table 1 variables panel.real.variables may make real (tfp: in ProductionFunctions, before the panel). */
    public static final List<String> DEFLATABLE = List.of("cap", "ln_cap", "export", "ln_export", "tfp");

    private RealValues() {
    }

    /** @param ids (year, firm_id, panel_id); {@code industries} (year, firm_id, industry2) */
    static Dataset<Row> of(Dataset<Row> asif, Dataset<Row> industries, Dataset<Row> ids, Deflators deflators,
                           double depreciation) {
        Dataset<Row> rows = asif.select("year", "firm_id", "gross_output", "value_added", "intermediate_input",
                        "fixed_assets", "founding_year", "employees")
                .join(industries, new String[] {"year", "firm_id"})
                .join(ids, new String[] {"year", "firm_id"});
        Map<String, Double> growth = growthByIndustry(rows);
        return rows.groupByKey((MapFunction<Row, String>) r -> r.getAs("panel_id"), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (id, it) ->
                        firm(it, growth, deflators, depreciation), Encoders.row(SCHEMA));
    }

    /** Mean yearly growth of nominal fixed assets per industry between consecutive years of a panel id. */
    static Map<String, Double> growthByIndustry(Dataset<Row> rows) {
        var byId = Window.partitionBy("panel_id").orderBy("year");
        Map<String, Double> out = new HashMap<>();
        for (Row r : rows.withColumn("previous_year", lag(col("year"), 1).over(byId))
                .withColumn("previous_fixed", lag(col("fixed_assets"), 1).over(byId))
                .where(col("year").minus(col("previous_year")).equalTo(1).and(col("fixed_assets").gt(0))
                        .and(col("previous_fixed").gt(0)).and(col("industry2").isNotNull()))
                .groupBy("industry2").agg(avg(log(col("fixed_assets").divide(col("previous_fixed")))))
                .collectAsList()) {
            out.put(r.getString(0), Math.expm1(r.getDouble(1)));
        }
        return out;
    }

    private static Iterator<Row> firm(Iterator<Row> it, Map<String, Double> growth, Deflators deflators,
                                      double depreciation) {
        List<Row> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        rows.sort(java.util.Comparator.comparingInt(r -> r.<Integer>getAs("year")));
        int n = rows.size();
        int[] years = new int[n];
        Long[] book = new Long[n];
        Integer founding = null;
        String industry = null;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            years[i] = r.<Integer>getAs("year");
            book[i] = r.getAs("fixed_assets");
            Integer f = r.getAs("founding_year");
            founding = founding == null && f != null && f > 0 ? f : founding;
            industry = industry == null ? r.getAs("industry2") : industry;
        }
        String firmIndustry = industry;
        double g = industry == null ? 0 : growth.getOrDefault(industry, 0.0);
        Double[] k = RealCapital.stocks(years, book, founding, g, depreciation,
                year -> {
                    Deflators.Index p = deflators.of(year, firmIndustry);
                    return p == null ? Double.NaN : p.capital(); // no index: no stock (null below)
                });
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            Deflators.Index p = deflators.of(years[i], r.getAs("industry2"));
            out.add(RowFactory.create(years[i], r.getAs("firm_id"),
                    p == null ? null : divide(r.getAs("gross_output"), p.output()),
                    p == null ? null : divide(r.getAs("value_added"), p.output()),
                    p == null ? null : divide(r.getAs("intermediate_input"), p.input()),
                    k[i] == null || k[i].isNaN() ? null : k[i], p == null ? null : p.output(),
                    perWorker(k[i], r.getAs("employees"))));
        }
        return out.iterator();
    }

    /**
     * The panel with its real columns ({@code real}: {@link #SCHEMA}, or null without a deflator table)
     * and the chosen Table 1 variables made real: cap = real capital / employees, export = export
     * delivery value / output index, and their logs (missing where the value is not positive).
     */
    static Dataset<Row> apply(Dataset<Row> panel, Dataset<Row> real, List<String> variables) {
        if (real == null) {
            for (String c : COLUMNS) { // without a deflator table the real values are unknown
                panel = panel.withColumn(c, org.apache.spark.sql.functions.lit(null).cast("double"));
            }
            return panel;
        }
        panel = panel.join(real, new String[] {"year", "firm_id"}, "left");
        if (variables.contains("cap")) {
            panel = panel.withColumn("cap", col("real_capital_per_worker"));
        }
        if (variables.contains("ln_cap")) {
            panel = panel.withColumn("ln_cap", positiveLog(col("real_capital_per_worker")));
        }
        // ln_export first: it reads the nominal export, which the next step replaces
        org.apache.spark.sql.Column realExport = col("export").divide(col("output_index"));
        if (variables.contains("ln_export")) {
            panel = panel.withColumn("ln_export", positiveLog(realExport));
        }
        if (variables.contains("export")) {
            panel = panel.withColumn("export", realExport);
        }
        return panel.drop(HELPERS.toArray(String[]::new));
    }

    private static org.apache.spark.sql.Column positiveLog(org.apache.spark.sql.Column c) {
        return org.apache.spark.sql.functions.when(c.gt(0), log(c));
    }

    private static Double perWorker(Double capital, Long employees) {
        return capital == null || capital.isNaN() || employees == null || employees <= 0 ? null : capital / employees;
    }

    private static Double divide(Long nominal, double index) {
        return nominal == null ? null : nominal / index;
    }
}
