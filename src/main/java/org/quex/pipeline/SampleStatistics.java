package org.quex.pipeline;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_samp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.quex.estimate.ModelSpec;
import org.quex.panel.VariableSummary;

/**
 * Descriptive statistics of a model's estimation sample, beside the panel's: the rows the model
 * selects that have every variable it uses (dependent, regressors, absorbed effects, cluster
 * variable), and per dependent variable and regressor N, mean, SD, min, median (approximate, to
 * 1/10,000 of the rank) and max. A probit's rows dropped for perfect prediction are still in.
 */
final class SampleStatistics {
    private SampleStatistics() {
    }

    static List<VariableSummary> of(Dataset<Row> rows, ModelSpec spec) {
        List<String> described = new ArrayList<>();
        described.add(spec.formula().response());
        described.addAll(spec.formula().regressors());
        Set<String> used = new LinkedHashSet<>(described);
        used.addAll(spec.formula().absorbed());
        if (spec.vce().clusterVariable() != null) {
            used.add(spec.vce().clusterVariable());
        }
        Dataset<Row> complete = rows;
        for (String v : used) {
            complete = complete.where(col("`" + v + "`").isNotNull());
        }
        List<Column> aggs = new ArrayList<>();
        for (String v : described) {
            Column x = col("`" + v + "`").cast("double");
            aggs.add(count(x));
            aggs.add(avg(x));
            aggs.add(stddev_samp(x));
            aggs.add(min(x));
            aggs.add(percentile_approx(x, lit(0.5), lit(10000)));
            aggs.add(max(x));
        }
        Row r = complete.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        List<VariableSummary> out = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            int at = i * 6;
            out.add(new VariableSummary(described.get(i), null, r.getLong(at), 0, num(r, at + 1), num(r, at + 2),
                    num(r, at + 3), num(r, at + 4), num(r, at + 5)));
        }
        return out;
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}
