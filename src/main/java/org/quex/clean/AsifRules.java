package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The ASIF cleaning rules of domain.md (Yu 2013 with the Cai–Liu accounting rules), in the fixed
 * order that decides which rule a row removed by several is attributed to.
 */
public final class AsifRules {
    public static final List<Rule> ALL = List.of(
            new Rule("missing_key_value", "a key variable (clean.asif.key_columns) is missing",
                    c -> Rule.anyOf(c.asifKeyColumns(), name -> col(name).isNull())),
            new Rule("negative_value", "a value that cannot be negative is (clean.asif.nonnegative_columns)",
                    c -> Rule.anyOf(c.asifNonnegativeColumns(), name -> col(name).lt(0))),
            new Rule("employees_below_min", "employees < clean.asif.min_employees",
                    c -> col("employees").lt(c.minEmployees())),
            new Rule("fixed_assets_below_min", "fixed assets < clean.asif.min_fixed_assets (thousand RMB)",
                    c -> col("fixed_assets").lt(c.minFixedAssets())),
            new Rule("sales_below_min", "sales < clean.asif.min_sales (thousand RMB)",
                    c -> col("sales").lt(c.minSales())),
            new Rule("below_uniform_frame", "sales < clean.asif.uniform_frame_min_sales, one survey frame imposed on"
                    + " every year (0: off)",
                    c -> c.uniformFrameMinSales() > 0 ? col("sales").lt(c.uniformFrameMinSales()) : lit(false)),
            new Rule("value_added_over_output", "value added / gross output > 1",
                    c -> col("value_added").gt(col("gross_output"))),
            new Rule("export_over_sales", "export delivery value / sales > 1",
                    c -> col("export_value").gt(col("sales"))),
            new Rule("current_assets_over_total", "current assets > total assets",
                    c -> col("current_assets").gt(col("total_assets"))),
            new Rule("fixed_assets_over_total", "fixed assets > total assets",
                    c -> col("fixed_assets").gt(col("total_assets"))),
            new Rule("net_fixed_assets_over_total", "net fixed assets > total assets",
                    c -> col("net_fixed_assets").gt(col("total_assets"))),
            new Rule("invalid_founding_month", "founding month outside 1–12",
                    c -> col("founding_month").lt(1).or(col("founding_month").gt(12))),
            new Rule("founding_after_survey_year", "founding year after the survey year",
                    c -> col("founding_year").gt(col("year"))),
            new Rule("missing_firm_id", "firm id missing or blank",
                    c -> col("firm_id").isNull().or(trim(col("firm_id")).equalTo(""))),
            new Rule("duplicate_firm_year", "more than one row for (year, firm id): all of them go (clean.asif.duplicates"
                    + " = drop_all) or all but the one with the largest sales (keep_largest_sales)",
                    c -> duplicate(c).and(col("firm_id").isNotNull()).and(trim(col("firm_id")).notEqual(""))));

    /**
     * A row of a duplicated (year, firm id) that goes: every one (drop_all), or all but the first by
     * sales, largest first (keep_largest_sales; ties go to the earlier file and line, so the choice
     * does not depend on how Spark split the rows).
     */
    private static Column duplicate(CleaningConfig c) {
        WindowSpec firmYear = Window.partitionBy(col("year"), trim(col("firm_id")));
        if (c.duplicates() == CleaningConfig.Duplicates.DROP_ALL) {
            return count(lit(1)).over(firmYear).gt(1);
        }
        return row_number().over(firmYear.orderBy(col("sales").desc_nulls_last(), col("source_file").asc_nulls_last(),
                col("source_line").asc_nulls_last())).gt(1);
    }

    private AsifRules() {
    }
}
