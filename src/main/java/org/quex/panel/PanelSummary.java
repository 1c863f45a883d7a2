package org.quex.panel;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.stddev_samp;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * N, missing, mean, SD, min, median and max of every panel variable per year and over all years,
 * in one aggregation per grouping. The median is exact, interpolated between the two middle
 * values for an even N (Stata's {@code summarize, detail} p50).
 */
final class PanelSummary {
    static final StructType SCHEMA = PanelRows.schema("variable:string", "year:int", "n:long", "missing:long",
            "mean:double", "sd:double", "min:double", "p50:double", "max:double");
    private static final int STATS = 6;

    private PanelSummary() {
    }

    static List<VariableSummary> of(Dataset<Row> panel, List<String> variables) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        for (String v : variables) {
            Column x = col("`" + v + "`").cast("double");
            aggs.add(count(x));
            aggs.add(avg(x));
            aggs.add(stddev_samp(x));
            aggs.add(min(x));
            aggs.add(percentile(x, lit(0.5)));
            aggs.add(max(x));
        }
        Column first = aggs.get(0);
        Column[] rest = aggs.subList(1, aggs.size()).toArray(Column[]::new);
        List<VariableSummary> out = new ArrayList<>();
        for (Row r : panel.groupBy("year").agg(first, rest).orderBy("year").collectAsList()) {
            add(out, r.getInt(0), r, 1, variables);
        }
        add(out, null, panel.agg(first, rest).first(), 0, variables);
        return out;
    }

    private static void add(List<VariableSummary> out, Integer year, Row r, int offset, List<String> variables) {
        long rows = r.getLong(offset);
        for (int i = 0; i < variables.size(); i++) {
            int at = offset + 1 + i * STATS;
            long n = r.getLong(at);
            out.add(new VariableSummary(variables.get(i), year, n, rows - n, num(r, at + 1), num(r, at + 2),
                    num(r, at + 3), num(r, at + 4), num(r, at + 5)));
        }
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    static Dataset<Row> toFrame(SparkSession spark, List<VariableSummary> summary) {
        List<Row> rows = summary.stream().map(s -> RowFactory.create(s.variable(), s.year(), s.n(), s.missing(),
                s.mean(), s.sd(), s.min(), s.p50(), s.max())).toList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
