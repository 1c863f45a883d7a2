package org.quex.match;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Links Customs firms to ASIF firms within a year in two passes (Yu 2015): exact normalized name,
 * then, for firms left unlinked on both sides, zip code plus the last seven digits of the phone.
 * A link must be one-to-one: a firm with several candidates in a pass is ambiguous and not linked.
 * Every step is an equi-join on the key (hash or sort-merge at any size), never a cross join.
 */
public final class FirmMatcher {
    public static final String BY_NAME = "name";
    public static final String BY_ZIP_PHONE = "zip_phone7";

    private static final UserDefinedFunction NAME = udf((UDF1<String, String>) NameNormalizer::normalize,
            DataTypes.StringType);
    private static final UserDefinedFunction PHONE7 = udf((UDF1<String, String>) NameNormalizer::phone7,
            DataTypes.StringType);
    private static final UserDefinedFunction ZIP = udf((UDF1<String, String>) NameNormalizer::zip, DataTypes.StringType);

    private FirmMatcher() {
    }

    /** The links of both passes and the candidates each pass found, for the report. */
    public record Result(Dataset<Row> links, Dataset<Row> candidates) {
    }

    /**
     * @param asif    year, firm_id, firm_name, phone, zip
     * @param customs year, firm_code, firm_name, phone, zip
     * @return links (year, customs_firm_code, asif_firm_id, method) and candidates (year,
     *         customs_firm_code, asif_firm_id, method, linked) of each pass
     */
    public static Result match(Dataset<Row> asif, Dataset<Row> customs) {
        Dataset<Row> a = keys(asif, "firm_id", "asif_firm_id");
        Dataset<Row> c = keys(customs, "firm_code", "customs_firm_code");

        Dataset<Row> byName = pass(a, c, BY_NAME, "name_key");
        Dataset<Row> nameLinks = byName.where(col("linked"));
        Dataset<Row> aLeft = a.join(nameLinks.select("year", "asif_firm_id"), new String[] {"year", "asif_firm_id"},
                "left_anti");
        Dataset<Row> cLeft = c.join(nameLinks.select("year", "customs_firm_code"),
                new String[] {"year", "customs_firm_code"}, "left_anti");
        Dataset<Row> byPhone = pass(aLeft, cLeft, BY_ZIP_PHONE, "zip_key", "phone_key");
        Dataset<Row> candidates = byName.unionByName(byPhone);
        Dataset<Row> links = candidates.where(col("linked"))
                .select("year", "customs_firm_code", "asif_firm_id", "method");
        return new Result(links, candidates);
    }

    /** year, the firm id (renamed), and the matching keys name_key, zip_key, phone_key. */
    static Dataset<Row> keys(Dataset<Row> firms, String id, String as) {
        return firms.select(col("year"), col(id).as(as), NAME.apply(col("firm_name")).as("name_key"),
                ZIP.apply(col("zip")).as("zip_key"), PHONE7.apply(col("phone")).as("phone_key"));
    }

    private static String[] with(String id, String[] joinCols) {
        String[] out = java.util.Arrays.copyOf(joinCols, joinCols.length + 1);
        out[joinCols.length] = id;
        return out;
    }

    /** Candidate pairs on equal keys (nulls never match) and whether each is one-to-one. */
    private static Dataset<Row> pass(Dataset<Row> a, Dataset<Row> c, String method, String... keys) {
        Column notNull = lit(true);
        String[] joinCols = new String[keys.length + 1];
        joinCols[0] = "year";
        for (int i = 0; i < keys.length; i++) {
            notNull = notNull.and(col(keys[i]).isNotNull());
            joinCols[i + 1] = keys[i];
        }
        Dataset<Row> pairs = a.where(notNull).selectExpr(with("asif_firm_id", joinCols)).dropDuplicates()
                .join(c.where(notNull).selectExpr(with("customs_firm_code", joinCols)).dropDuplicates(), joinCols)
                .select("year", "asif_firm_id", "customs_firm_code").dropDuplicates();
        Dataset<Row> perCustoms = pairs.groupBy("year", "customs_firm_code").agg(count(lit(1)).as("n_asif"));
        Dataset<Row> perAsif = pairs.groupBy("year", "asif_firm_id").agg(count(lit(1)).as("n_customs"));
        return pairs.join(perCustoms, new String[] {"year", "customs_firm_code"})
                .join(perAsif, new String[] {"year", "asif_firm_id"})
                .withColumn("linked", col("n_asif").equalTo(1).and(col("n_customs").equalTo(1)))
                .withColumn("method", lit(method))
                .select("year", "customs_firm_code", "asif_firm_id", "method", "linked");
    }
}
