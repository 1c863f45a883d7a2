package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;

/**
 * The ASIF cleaning rules of domain.md (Yu 2013 with the Cai–Liu accounting rules), in the fixed
 * order that decides which rule a row removed by several is attributed to. Each rule is a Spark
 * condition that is true when a row violates it; a missing value violates only the rule about
 * missing values (SQL null is treated as "not violated").
 */
public enum AsifRule {
    MISSING_KEY_VALUE("missing_key_value", "a key variable (clean.asif.key_columns) is missing",
            c -> anyOf(c.asifKeyColumns(), name -> col(name).isNull())),
    NEGATIVE_VALUE("negative_value", "a value that cannot be negative is (clean.asif.nonnegative_columns)",
            c -> anyOf(c.asifNonnegativeColumns(), name -> col(name).lt(0))),
    EMPLOYEES_BELOW_MIN("employees_below_min", "employees < clean.asif.min_employees",
            c -> col("employees").lt(c.minEmployees())),
    FIXED_ASSETS_BELOW_MIN("fixed_assets_below_min", "fixed assets < clean.asif.min_fixed_assets (thousand RMB)",
            c -> col("fixed_assets").lt(c.minFixedAssets())),
    SALES_BELOW_MIN("sales_below_min", "sales < clean.asif.min_sales (thousand RMB)",
            c -> col("sales").lt(c.minSales())),
    VALUE_ADDED_OVER_OUTPUT("value_added_over_output", "value added / gross output > 1",
            c -> col("value_added").gt(col("gross_output"))),
    EXPORT_OVER_SALES("export_over_sales", "export delivery value / sales > 1",
            c -> col("export_value").gt(col("sales"))),
    CURRENT_ASSETS_OVER_TOTAL("current_assets_over_total", "current assets > total assets",
            c -> col("current_assets").gt(col("total_assets"))),
    FIXED_ASSETS_OVER_TOTAL("fixed_assets_over_total", "fixed assets > total assets",
            c -> col("fixed_assets").gt(col("total_assets"))),
    NET_FIXED_ASSETS_OVER_TOTAL("net_fixed_assets_over_total", "net fixed assets > total assets",
            c -> col("net_fixed_assets").gt(col("total_assets"))),
    INVALID_FOUNDING_MONTH("invalid_founding_month", "founding month outside 1–12",
            c -> col("founding_month").lt(1).or(col("founding_month").gt(12))),
    FOUNDING_AFTER_SURVEY_YEAR("founding_after_survey_year", "founding year after the survey year",
            c -> col("founding_year").gt(col("year"))),
    MISSING_FIRM_ID("missing_firm_id", "firm id missing or blank",
            c -> col("firm_id").isNull().or(trim(col("firm_id")).equalTo(""))),
    DUPLICATE_FIRM_YEAR("duplicate_firm_year", "more than one row for (year, firm id): all of them go",
            c -> count(lit(1)).over(Window.partitionBy(col("year"), trim(col("firm_id")))).gt(1)
                    .and(col("firm_id").isNotNull()).and(trim(col("firm_id")).notEqual("")));

    private final String label;
    private final String description;
    private final Function<CleaningConfig, Column> violated;

    AsifRule(String label, String description, Function<CleaningConfig, Column> violated) {
        this.label = label;
        this.description = description;
        this.violated = violated;
    }

    /** The rule's name in rejected tables and reports. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** True where a row violates the rule, false otherwise (never null). */
    public Column violated(CleaningConfig config) {
        return org.apache.spark.sql.functions.coalesce(violated.apply(config), lit(false));
    }

    static Column anyOf(java.util.List<String> columns, Function<String, Column> test) {
        Column any = lit(false);
        for (String name : columns) {
            any = any.or(org.apache.spark.sql.functions.coalesce(test.apply(name), lit(false)));
        }
        return any;
    }
}
