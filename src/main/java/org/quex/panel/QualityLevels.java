package org.quex.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.quex.match.NameNormalizer;

/**
 * qu of each firm-year from the honour lists: an honour is matched to ASIF firms by normalized
 * name, and by province when the list names one; it counts in the years the validity rule says;
 * qu is the highest level held. An honour whose name (and province) fits more than one ASIF firm
 * in a year is ambiguous there: it is counted and given to none, as the match stage does with
 * ambiguous links.
 */
public final class QualityLevels {
    private QualityLevels() {
    }

    /** Counts of the honour lists: entries, unknown honour names and provinces, matched, firm-years left without an honour because its name fit several firms. */
    public record Counts(long entries, long unknownHonour, long unknownProvince, long matchedEntries, long ambiguousFirmYears) {
    }

    record Result(Dataset<Row> quByFirmYear, Counts counts) {
    }

    /**
     * @param firms  (year, firm_id, panel_id, name_key, province) of the panel's firm-years
     * @param lists  raw honours: firm_name, year_obtained, honour, province, expiry_year
     */
    static Result of(Dataset<Row> firms, Dataset<Row> lists, HonourLevels levels, PanelConfig.HonourValidity validity) {
        UserDefinedFunction nameKey = udf((UDF1<String, String>) NameNormalizer::normalize, DataTypes.StringType);
        UserDefinedFunction level = udf((UDF1<String, Integer>) levels::level, DataTypes.IntegerType);
        UserDefinedFunction province = udf((UDF1<String, String>) levels::provinceCode, DataTypes.StringType);
        UserDefinedFunction holds = udf((UDF3<Integer, Integer, Integer, Boolean>) (obtained, expiry, year) ->
                obtained != null && validity.holds(obtained, expiry, year), DataTypes.BooleanType);

        // a cumulative list repeats last year's entries: one row per distinct entry
        Dataset<Row> entries = lists.select(col("firm_name").as("listed_name"), col("year_obtained"), col("honour"),
                        col("province").as("listed_province"), col("expiry_year")).distinct()
                .withColumn("entry_name_key", nameKey.apply(col("listed_name")))
                .withColumn("qu", level.apply(col("honour")))
                .withColumn("entry_province", province.apply(col("listed_province")))
                .cache();
        Row c = entries.agg(count(lit(1)), count(when(col("qu").isNull(), 1)),
                count(when(col("listed_province").isNotNull().and(col("entry_province").isNull()), 1))).first();

        // an entry names the firm as it was called when it obtained the honour: match the names a firm
        // carries in any panel year (firms rename), then follow its panel id (the firm across id
        // changes; one firm-year a year) to the years the honour is held
        Dataset<Row> held = entries.where(col("qu").isNotNull())
                .join(firms.select(col("panel_id"), col("name_key"), col("province")).distinct(),
                        col("entry_name_key").equalTo(col("name_key")))
                .where(col("entry_province").isNull().or(col("entry_province").equalTo(col("province"))))
                .select(col("listed_name"), col("year_obtained"), col("honour"), col("listed_province"),
                        col("expiry_year"), col("qu"), col("panel_id")).distinct()
                .join(firms.select("year", "firm_id", "panel_id"), "panel_id")
                .where(holds.apply(col("year_obtained"), col("expiry_year"), col("year")))
                .withColumn("holders", count(lit(1)).over(Window.partitionBy(col("listed_name"), col("year_obtained"),
                        col("honour"), col("listed_province"), col("expiry_year"), col("year"))));
        Row m = held.agg(countDistinct(col("listed_name"), col("year_obtained"), col("honour")),
                count(when(col("holders").gt(1), 1))).first();
        Dataset<Row> qu = held.where(col("holders").equalTo(1)).groupBy("year", "firm_id").agg(max("qu").as("qu"));
        entries.unpersist();
        return new Result(qu, new Counts(c.getLong(0), c.getLong(1), c.getLong(2), m.getLong(0), m.getLong(1)));
    }
}
