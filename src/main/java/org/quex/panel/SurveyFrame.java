package org.quex.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.quex.ConfigFile;
import org.quex.QuexException;

/**
 * The sales threshold of the ASIF survey frame in force each year (thousand RMB): 5 M RMB (with all
 * state-owned firms before 2007) and 20 M from 2011 (NBS). A panel column, so that a study can see
 * the break or impose one frame (clean.asif.uniform_frame_min_sales).
 */
public record SurveyFrame(TreeMap<Integer, Long> minSalesFrom) implements Serializable {
    public static final String COLUMN = "survey_frame_min_sales";

    /** panel.frame.min_sales_by_year = FIRST_YEAR:THOUSAND_RMB, … */
    public static SurveyFrame from(ConfigFile c) {
        TreeMap<Integer, Long> from = new TreeMap<>();
        for (String item : c.list("panel.frame.min_sales_by_year")) {
            String[] kv = item.split(":");
            if (kv.length != 2 || !kv[1].trim().matches("\\d+")) {
                throw new QuexException(c.where() + ": panel.frame.min_sales_by_year item '" + item
                        + "' is not FIRST_YEAR:THOUSAND_RMB");
            }
            from.put(c.parseInt("panel.frame.min_sales_by_year", kv[0]), Long.parseLong(kv[1].trim()));
        }
        return new SurveyFrame(from);
    }

    /** The threshold of a year: the entry with the latest first year not after it; null before the first. */
    public Long minSales(int year) {
        Map.Entry<Integer, Long> e = minSalesFrom.floorEntry(year);
        return e == null ? null : e.getValue();
    }

    /** {@link #minSales} of column {@code year}. */
    Column column() {
        Column c = lit(null).cast("long");
        for (Map.Entry<Integer, Long> e : minSalesFrom.entrySet()) { // ascending: later entries override
            c = when(col("year").geq(e.getKey()), lit(e.getValue())).otherwise(c);
        }
        return c;
    }
}
