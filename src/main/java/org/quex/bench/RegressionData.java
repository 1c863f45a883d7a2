package org.quex.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A synthetic regression table for benchmarks: {@code rows} rows spread over {@code groups} firms,
 * k regressors x1..xk (standard normal plus a firm component, so FE and pooled estimates differ),
 * a 0/1 outcome {@code y_bin} from a probit model and a continuous {@code y} from a firm-effects
 * model. The true slopes are b_j = 0.5·(−1)^j / √k. Deterministic for a seed and partition count.
 */
public final class RegressionData {
    private RegressionData() {
    }

    public static double trueSlope(int j, int k) {
        return 0.5 * (j % 2 == 0 ? 1 : -1) / Math.sqrt(k);
    }

    public static List<String> regressors(int k) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            names.add("x" + j);
        }
        return names;
    }

    public static Dataset<Row> generate(SparkSession spark, long rows, int k, long groups, long seed, int partitions) {
        Dataset<Row> df = spark.range(0, rows, 1, partitions)
                .withColumn("firm", pmod(xxhash64(col("id"), lit(seed)), lit(groups)));
        Column firmEffect = pmod(xxhash64(col("firm"), lit(seed + 1)), lit(1000)).divide(500.0).minus(1.0);
        Column index = lit(0.0);
        for (int j = 1; j <= k; j++) {
            Column x = randn(seed + 10 + j).plus(firmEffect.multiply(0.3 * (j % 3)));
            df = df.withColumn("x" + j, x);
            index = index.plus(col("x" + j).multiply(trueSlope(j, k)));
        }
        df = df.withColumn("eta", index)
                .withColumn("y_bin", index.minus(0.2).plus(randn(seed + 2)).gt(0).cast("double"))
                .withColumn("y", index.plus(firmEffect.multiply(2.0)).plus(randn(seed + 3)));
        List<Column> keep = new ArrayList<>();
        keep.add(col("firm"));
        keep.add(col("y_bin"));
        keep.add(col("y"));
        for (String x : regressors(k)) {
            keep.add(col(x));
        }
        return df.select(keep.toArray(Column[]::new));
    }

    /** Years and industries of {@link #withYearAndIndustry}. */
    public static final int YEARS = 10;
    public static final int INDUSTRIES = 100;

    /**
     * Adds a year (2001–2010, drawn per row), an industry per firm (firms never switch), their
     * product {@code indyear} (1,000 levels) and {@code y_hdfe}: {@code y} plus year and
     * industry-year effects, for models that absorb firm + year + industry×year.
     */
    public static Dataset<Row> withYearAndIndustry(Dataset<Row> data, long seed) {
        Column year = pmod(xxhash64(col("firm"), col("x1"), lit(seed + 7)), lit(YEARS)).plus(2001);
        Column industry = pmod(xxhash64(col("firm"), lit(seed + 8)), lit(INDUSTRIES));
        Dataset<Row> d = data.withColumn("year", year)
                .withColumn("indyear", industry.multiply(10_000).plus(col("year")));
        Column yearEffect = pmod(xxhash64(col("year"), lit(seed + 9)), lit(1000)).divide(500.0).minus(1.0);
        Column indyearEffect = pmod(xxhash64(col("indyear"), lit(seed + 10)), lit(1000)).divide(500.0).minus(1.0);
        return d.withColumn("y_hdfe", col("y").plus(yearEffect).plus(indyearEffect));
    }
}
