package org.quex.clean;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * A cleaning rule: its name in rejected tables and reports, what it checks, and the Spark
 * condition that is true when a row violates it. A missing value makes a condition null, which
 * counts as "not violated": only the rules about missing values remove rows for being missing.
 */
public record Rule(String label, String description, Function<CleaningConfig, Column> condition) {

    /** True where a row violates the rule, false otherwise (never null). */
    public Column violated(CleaningConfig config) {
        return coalesce(condition.apply(config), lit(false));
    }

    /** True where any of the columns passes the test. */
    static Column anyOf(List<String> columns, Function<String, Column> test) {
        Column any = lit(false);
        for (String name : columns) {
            any = any.or(coalesce(test.apply(name), lit(false)));
        }
        return any;
    }
}
