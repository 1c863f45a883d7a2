package org.quex.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The Customs cleaning rules of domain.md (Fan & Guo 2015), in the order that decides which rule
 * a row removed by several is attributed to. {@code hs_unknown} reads the {@code hs2002_targets}
 * column that the HS concordance join adds (null when the code is not in the year's vintage).
 */
public final class CustomsRules {
    public static final List<Rule> ALL = List.of(
            new Rule("intermediary", "firm name contains a trade-intermediary keyword (clean.customs.intermediary_keywords)",
                    c -> Rule.anyOf(c.intermediaryKeywords(), k -> col("firm_name").contains(k))),
            new Rule("value_below_min", "value < clean.customs.min_value_usd",
                    c -> col("value_usd").lt(c.minValueUsd())),
            new Rule("quantity_below_min", "quantity < clean.customs.min_quantity",
                    c -> col("quantity").lt(c.minQuantity())),
            new Rule("reimport", "a row of clean.customs.reimport_directions whose partner is China (clean.customs.china),"
                    + " or blank when clean.customs.reimport_blank_partner",
                    c -> col("direction").isin(c.reimportDirections().toArray()).and(chinaPartner(c))),
            new Rule("empty_firm_code", "firm code missing or blank",
                    c -> col("firm_code").isNull().or(trim(col("firm_code")).equalTo(""))),
            new Rule("excluded_hs_chapter", "HS chapter in clean.customs.excluded_hs_chapters",
                    c -> substring(col("hs_code"), 1, 2).isin(c.excludedHsChapters().toArray())),
            new Rule("hs_unknown", "HS code not in the nomenclature of the year's vintage",
                    c -> col("hs2002_targets").isNull()));

    private CustomsRules() {
    }

    private static Column chinaPartner(CleaningConfig c) {
        Column china = trim(col("country")).isin(c.china().toArray());
        return c.reimportBlankPartner() ? china.or(col("country").isNull()).or(trim(col("country")).equalTo("")) : china;
    }
}
