package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        "subsidy_income", "founding_year", "founding_month", "intermediate_input", "vat", "source_file", "source_line"};

    /** A row that satisfies every ASIF rule; a test changes one field. */
    private static Map<String, Object> cleanAsif(String id) {
        Object[] values = {id, 2005, 8L, 100L, 90L, 400L, 1000L, 5000L, 5000L, 6000L, 6000L, 0L, 0L, 2005, 12, 500L, 400L,
            "asif.csv", 2L};
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < ASIF.length; i++) {
            row.put(ASIF[i], values[i]);
        }
        return row;
    }

    private static Dataset<Row> asifFrame(List<Map<String, Object>> rows) {
        StructType schema = new StructType();
        for (String c : ASIF) {
            schema = schema.add(c, c.equals("firm_id") || c.equals("source_file") ? DataTypes.StringType
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
        return asifRules(rows, CONFIG);
    }

    private static Map<String, String> asifRules(List<Map<String, Object>> rows, CleaningConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : AsifCleaning.flag(asifFrame(rows), config).select("firm_id", "rule").collectAsList()) {
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

    /** The packed defaults with some settings changed. */
    static CleaningConfig configWith(String... keyValues) {
        java.util.Properties p = new java.util.Properties();
        try (var in = CleaningConfig.class.getClassLoader().getResourceAsStream("quex.conf")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return CleaningConfig.from(p, "test");
    }

    @Test
    void valueAddedIsRebuiltFromOutputInputAndVat() {
        assertEquals(350L, ValueAddedImputation.valueAdded(null, 1000L, 700L, 50L));    // 1000 − 700 + 50
        assertEquals(400L, ValueAddedImputation.valueAdded(400L, 1000L, 700L, 50L));    // as delivered
        assertEquals(null, ValueAddedImputation.valueAdded(null, 1000L, null, 50L));
        assertEquals(null, ValueAddedImputation.valueAdded(null, 1000L, 700L, null));

        Map<String, Object> noVat = with("no_vat", "value_added", null);
        noVat.put("vat", null);
        List<Map<String, Object>> rows = List.of(cleanAsif("delivered"), with("rebuilt", "value_added", null), noVat);
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row r : AsifCleaning.flag(ValueAddedImputation.apply(asifFrame(rows), true), CONFIG)
                .select("firm_id", "value_added", ValueAddedImputation.FLAG, "rule").collectAsList()) {
            out.put(r.getString(0), r);
        }
        assertEquals(6000L, out.get("delivered").getLong(1));
        assertEquals(0, out.get("delivered").getInt(2));
        assertEquals(5900L, out.get("rebuilt").getLong(1));                    // 6000 − 500 + 400
        assertEquals(1, out.get("rebuilt").getInt(2));
        assertEquals(null, out.get("rebuilt").get(3));
        assertTrue(out.get("no_vat").isNullAt(1));
        assertEquals(0, out.get("no_vat").getInt(2));
        assertEquals("missing_key_value", out.get("no_vat").getString(3));
        // switched off: the row stays without value added and goes
        Row off = AsifCleaning.flag(ValueAddedImputation.apply(asifFrame(List.of(with("rebuilt", "value_added", null))),
                false), CONFIG).select("rule", ValueAddedImputation.FLAG).first();
        assertEquals("missing_key_value", off.getString(0));
        assertEquals(0, off.getInt(1));
    }

    @Test
    void duplicatesDropAllOrKeepTheLargestSales() {
        Map<String, Object> small = cleanAsif("dup");
        Map<String, Object> large = with("dup", "sales", 7000L);
        large.put("source_line", 3L);
        Map<String, Object> tie = with("tie", "source_line", 9L);
        Map<String, Object> tieFirst = with("tie", "source_line", 4L);
        tieFirst.put("employees", 20L);
        List<Map<String, Object>> rows = List.of(small, large, tie, tieFirst);
        CleaningConfig keep = configWith("clean.asif.duplicates", "keep_largest_sales");
        List<Row> kept = AsifCleaning.flag(asifFrame(rows), keep).where("rule is null")
                .select("firm_id", "sales", "employees").orderBy("firm_id").collectAsList();
        assertEquals(2, kept.size());
        assertEquals(7000L, kept.get(0).getLong(1));                           // dup: the larger sales
        assertEquals(20L, kept.get(1).getLong(2));                             // tie: the earlier line
        assertEquals(0, AsifCleaning.flag(asifFrame(rows), CONFIG).where("rule is null").count());
    }

    @Test
    void aUniformSurveyFrameRemovesSmallFirmsOfEveryYear() {
        CleaningConfig frame = configWith("clean.asif.uniform_frame_min_sales", "20000");
        Map<String, String> rules = asifRules(List.of(with("at", "sales", 20000L), with("below", "sales", 19999L),
                with("old_frame", "sales", 5000L)), frame);
        assertEquals(null, rules.get("at"));
        assertEquals("below_uniform_frame", rules.get("below"));
        assertEquals("below_uniform_frame", rules.get("old_frame"));
        assertEquals(null, asifRules(List.of(with("old_frame", "sales", 5000L))).get("old_frame"), "off by default");
    }

    private static final String[] CUSTOMS = {"id", "direction", "firm_code", "firm_name", "hs_code", "value_usd",
        "quantity", "country", "trade_mode"};

    private static Row customs(String id, String direction, String code, String name, String hs, double value,
                               double quantity, String country) {
        return RowFactory.create(id, direction, code, name, hs, value, quantity, country, "一般贸易");
    }

    private static StructType customsSchema() {
        StructType schema = new StructType();
        for (String c : CUSTOMS) {
            schema = schema.add(c, c.equals("value_usd") || c.equals("quantity") ? DataTypes.DoubleType
                    : DataTypes.StringType, true);
        }
        return schema;
    }

    @Test
    void reimportsInBothDirectionsAndBlankPartnersAreLusVariant() {
        List<Row> rows = Arrays.asList(
                customs("import_cn", "import", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "中华人民共和国"),
                customs("export_cn", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "142"),
                customs("blank", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, " "),
                customs("none", "import", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, null),
                customs("us", "export", "1100000001", "苏州兴宝五金有限公司", "85011010", 100, 2, "502"));
        Dataset<Row> frame = SparkTestSession.get().createDataFrame(rows, customsSchema());
        CleaningConfig lu = configWith("clean.customs.reimport_directions", "import,export",
                "clean.customs.reimport_blank_partner", "true");
        Map<String, String> rules = new LinkedHashMap<>();
        for (Row r : CustomsCleaning.flag(frame, 2005, lu, HsConcordance.load()).select("id", "rule").collectAsList()) {
            rules.put(r.getString(0), r.getString(1));
        }
        assertEquals(Map.of("import_cn", "reimport", "export_cn", "reimport", "blank", "reimport", "none", "reimport"),
                Map.of("import_cn", rules.get("import_cn"), "export_cn", rules.get("export_cn"),
                        "blank", rules.get("blank"), "none", rules.get("none")));
        assertEquals(null, rules.get("us"));
        Map<String, String> byDefault = new LinkedHashMap<>();
        for (Row r : CustomsCleaning.flag(frame, 2005, CONFIG, HsConcordance.load()).select("id", "rule")
                .collectAsList()) {
            byDefault.put(r.getString(0), r.getString(1));
        }
        assertEquals("reimport", byDefault.get("import_cn"));
        assertEquals(null, byDefault.get("export_cn"));
        assertEquals(null, byDefault.get("blank"));
        assertEquals(null, byDefault.get("none"));
    }

    @Test
    void customsRulesAndHsUnknown() {
        StructType schema = customsSchema();
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
