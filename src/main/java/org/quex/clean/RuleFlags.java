package org.quex.clean;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Marks each row with every rule it violates ({@code rules}, in rule order) and the first of them
 * ({@code rule}, null for a row that is kept): a row removed by several rules is attributed to the
 * first and counted under all.
 */
final class RuleFlags {
    static final String RULES = "rules";
    static final String RULE = "rule";

    private RuleFlags() {
    }

    /** @param rules label → violated condition, in attribution order */
    static Dataset<Row> flag(Dataset<Row> rows, Map<String, Column> rules) {
        // concat of one-label arrays rather than array_compact(array(when…)): array_compact is a
        // lambda filter, which Spark evaluates row by row without generated code (every rule too)
        Column none = array().cast(DataTypes.createArrayType(DataTypes.StringType, false));
        Column[] marks = rules.entrySet().stream()
                .map(e -> when(e.getValue(), array(lit(e.getKey()))).otherwise(none))
                .toArray(Column[]::new);
        return rows.withColumn(RULES, concat(marks))
                .withColumn(RULE, try_element_at(org.apache.spark.sql.functions.col(RULES), lit(1)));
    }

    /**
     * True where a row violates any rule: the test of kept and rejected rows without building each
     * row's array of labels (a few arrays per row), which only the rejected rows need.
     */
    static Column anyViolated(Map<String, Column> rules) {
        Column any = org.apache.spark.sql.functions.lit(false);
        for (Column c : rules.values()) {
            any = any.or(c);
        }
        return any;
    }

    static Column kept() {
        return size(org.apache.spark.sql.functions.col(RULES)).equalTo(0);
    }

    /** label → violated condition of each rule, in order. */
    static Map<String, Column> conditions(java.util.List<Rule> rules, CleaningConfig config) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            out.put(r.label(), r.violated(config));
        }
        return out;
    }
}
