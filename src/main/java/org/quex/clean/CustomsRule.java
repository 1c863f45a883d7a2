package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;

import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * The Customs cleaning rules of domain.md (Fan & Guo 2015), in the order that decides which rule
 * a row removed by several is attributed to. A rule is a Spark condition that is true when a row
 * violates it. {@link #HS_UNKNOWN} reads the {@code hs2002_targets} column that the HS
 * concordance join adds (null when the code is not in the vintage's nomenclature).
 */
public enum CustomsRule {
    INTERMEDIARY("intermediary", "firm name contains a trade-intermediary keyword (clean.customs.intermediary_keywords)",
            c -> AsifRule.anyOf(c.intermediaryKeywords(), k -> col("firm_name").contains(k))),
    VALUE_BELOW_MIN("value_below_min", "value < clean.customs.min_value_usd",
            c -> col("value_usd").lt(c.minValueUsd())),
    QUANTITY_BELOW_MIN("quantity_below_min", "quantity < clean.customs.min_quantity",
            c -> col("quantity").lt(c.minQuantity())),
    REIMPORT("reimport", "an import whose partner is China (clean.customs.china)",
            c -> col("direction").equalTo("import").and(trim(col("country")).isin(c.china().toArray()))),
    EMPTY_FIRM_CODE("empty_firm_code", "firm code missing or blank",
            c -> col("firm_code").isNull().or(trim(col("firm_code")).equalTo(""))),
    EXCLUDED_HS_CHAPTER("excluded_hs_chapter", "HS chapter in clean.customs.excluded_hs_chapters",
            c -> substring(col("hs_code"), 1, 2).isin(c.excludedHsChapters().toArray())),
    HS_UNKNOWN("hs_unknown", "HS code not in the nomenclature of the year's vintage",
            c -> col("hs2002_targets").isNull());

    private final String label;
    private final String description;
    private final Function<CleaningConfig, Column> violated;

    CustomsRule(String label, String description, Function<CleaningConfig, Column> violated) {
        this.label = label;
        this.description = description;
        this.violated = violated;
    }

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
}
