package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;

/** Each rule on a tiny table, with the rows at its boundary on both sides. */
class CleaningRulesTest {
    private static final CleaningConfig CONFIG = CleaningConfig.load(null);
    private static final String[] ASIF = {"firm_id", "year", "employees", "fixed_assets", "net_fixed_assets",
        "current_assets", "total_assets", "sales", "export_value", "gross_output", "value_added", "wages_payable",
        "subsidy_income", "founding_year", "founding_month"};

    /** A row that satisfies every ASIF rule; a test changes one field. */
    private static Map<String, Object> cleanAsif(String id) {
        Object[] values = {id, 2005, 8L, 100L, 90L, 400L, 1000L, 5000L, 5000L, 6000L, 6000L, 0L, 0L, 2005, 12};
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < ASIF.length; i++) {
            row.put(ASIF[i], values[i]);
        }
        return row;
    }

    private static Dataset<Row> asifFrame(List<Map<String, Object>> rows) {
        StructType schema = new StructType();
        for (String c : ASIF) {
            schema = schema.add(c, c.equals("firm_id") ? DataTypes.StringType
                    : c.equals("year") || c.startsWith("founding") ? DataTypes.IntegerType : DataTypes.LongType, true);
        }
        List<Row> data = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            data.add(RowFactory.create(r.values().toArray()));
        }
        return SparkTestSession.get().createDataFrame(data, schema);
    }

    /** firm_id → first rule (null if kept), for rows in the given order. */
    private static Map<String, String> asifRules(List<Map<String, Object>> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : AsifCleaning.flag(asifFrame(rows), CONFIG).select("firm_id", "rule").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    private static Map<String, Object> with(String id, String column, Object value) {
        Map<String, Object> row = cleanAsif(id);
        row.put(column, value);
        return row;
    }

    @Test
    void asifThresholdsAtTheirBoundaries() {
        Map<String, String> rules = asifRules(List.of(
                cleanAsif("boundary"),                                  // 8 employees, 100 fixed, 5000 sales: kept
                with("few", "employees", 7L),
                with("small_fixed", "fixed_assets", 99L),
                with("small_sales", "sales", 4999L)));
        assertEquals(null, rules.get("boundary"));
        assertEquals("employees_below_min", rules.get("few"));
        assertEquals("fixed_assets_below_min", rules.get("small_fixed"));
        // sales 4999 < export 5000 too: attributed to the earlier rule, sales_below_min
        assertEquals("sales_below_min", rules.get("small_sales"));
    }

    @Test
    void ratiosAndAccountingIdentities() {
        Map<String, String> rules = asifRules(List.of(
                with("va_eq_output", "value_added", 6000L),             // ratio exactly 1: kept
                with("va_over", "value_added", 6001L),
                with("export_over", "export_value", 5001L),
                with("current_over", "current_assets", 1001L),
                with("fixed_over", "fixed_assets", 1001L),
                with("net_fixed_over", "net_fixed_assets", 1001L)));
        assertEquals(null, rules.get("va_eq_output"));
        assertEquals("value_added_over_output", rules.get("va_over"));
        assertEquals("export_over_sales", rules.get("export_over"));
        assertEquals("current_assets_over_total", rules.get("current_over"));
        assertEquals("fixed_assets_over_total", rules.get("fixed_over"));
        assertEquals("net_fixed_assets_over_total", rules.get("net_fixed_over"));
    }

    @Test
    void missingNegativeFoundingAndIds() {
        Map<String, Object> duplicate = cleanAsif("dup");
        Map<String, Object> blankId = with("x", "firm_id", " ");
        List<Map<String, Object>> rows = new ArrayList<>(List.of(
                with("no_sales", "sales", null),
                with("negative_wages", "wages_payable", -1L),
                with("zero_subsidy", "subsidy_income", 0L),
                with("month0", "founding_month", 0),
                with("month13", "founding_month", 13),
                with("future", "founding_year", 2006),
                with("same_year", "founding_year", 2005),
                duplicate, cleanAsif("dup")));
        Map<String, String> rules = asifRules(rows);
        assertEquals("missing_key_value", rules.get("no_sales"));
        assertEquals("negative_value", rules.get("negative_wages"));
        assertEquals(null, rules.get("zero_subsidy"));
        assertEquals("invalid_founding_month", rules.get("month0"));
        assertEquals("invalid_founding_month", rules.get("month13"));
        assertEquals("founding_after_survey_year", rules.get("future"));
        assertEquals(null, rules.get("same_year"));
        assertEquals("duplicate_firm_year", rules.get("dup"));
        List<Row> flagged = AsifCleaning.flag(asifFrame(List.of(blankId, cleanAsif("y"))), CONFIG)
                .select("rule", "rules").collectAsList();
        assertEquals("missing_firm_id", flagged.get(0).getString(0));
    }

    @Test
    void aRowBrokenTwiceIsAttributedToTheFirstRuleAndCountedUnderBoth() {
        Map<String, Object> row = with("both", "employees", 3L);
        row.put("founding_month", 14);
        Row r = AsifCleaning.flag(asifFrame(List.of(row)), CONFIG).select("rule", "rules").first();
        assertEquals("employees_below_min", r.getString(0));
        assertEquals(List.of("employees_below_min", "invalid_founding_month"), r.getList(1));
    }

    private static final String[] CUSTOMS = {"id", "direction", "firm_code", "firm_name", "hs_code", "value_usd",
        "quantity", "country", "trade_mode"};

    private static Row customs(String id, String direction, String code, String name, String hs, double value,
                               double quantity, String country) {
        return RowFactory.create(id, direction, code, name, hs, value, quantity, country, "一般贸易");
    }

    @Test
    void customsRulesAndHsUnknown() {
        StructType schema = new StructType();
        for (String c : CUSTOMS) {
            schema = schema.add(c, c.equals("value_usd") || c.equals("quantity") ? DataTypes.DoubleType
                    : DataTypes.StringType, true);
        }
        List<Row> rows = Arrays.asList(
                customs("ok", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 50, 1, "116"),
                customs("gongmao", "export", "1100000002", "宁波华丰工贸有限公司", "85011010", 100, 2, "116"),
                customs("trader", "export", "1100000003", "上海东方进出口有限公司", "85011010", 100, 2, "116"),
                customs("logistics", "export", "1100000004", "天津远航物流有限公司", "85011010", 100, 2, "116"),
                customs("cheap", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 49.99, 1, "116"),
                customs("fraction", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 0.5, "116"),
                customs("reimport", "import", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "142"),
                customs("reimport_zh", "import", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "中国"),
                customs("reimport_prc", "import", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "中华人民共和国"),
                customs("export_to_cn", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "142"),
                customs("no_code", "export", " ", "苏州兴宝五金有限公司", "85011010", 100, 2, "116"),
                customs("arms", "export", "1100000001", "苏州兴宝五金有限公司", "93019000", 100, 2, "116"),
                customs("unknown", "export", "1100000001", "苏州兴宝五金有限公司", "01234567", 100, 2, "116"));
        Dataset<Row> frame = SparkTestSession.get().createDataFrame(rows, schema);
        Map<String, String> rules = new LinkedHashMap<>();
        for (Row r : CustomsCleaning.flag(frame, 2005, CONFIG, HsConcordance.load()).select("id", "rule")
                .collectAsList()) {
            rules.put(r.getString(0), r.getString(1));
        }
        assertEquals(null, rules.get("ok"));            // value exactly 50, quantity exactly 1
        assertEquals(null, rules.get("gongmao"));       // 工贸 is off by default
        assertEquals("intermediary", rules.get("trader"));
        assertEquals("intermediary", rules.get("logistics"));
        assertEquals("value_below_min", rules.get("cheap"));
        assertEquals("quantity_below_min", rules.get("fraction"));
        assertEquals("reimport", rules.get("reimport"));
        assertEquals("reimport", rules.get("reimport_zh"));
        assertEquals("reimport", rules.get("reimport_prc"), "Lu's deliveries name China 中华人民共和国");
        assertEquals(null, rules.get("export_to_cn"));
        assertEquals("empty_firm_code", rules.get("no_code"));
        assertEquals("excluded_hs_chapter", rules.get("arms"));
        assertEquals("hs_unknown", rules.get("unknown"));
    }
}
