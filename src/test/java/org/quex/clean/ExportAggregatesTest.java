package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;

class ExportAggregatesTest {
    private static final StructType SCHEMA = new StructType().add("year", DataTypes.IntegerType)
            .add("direction", DataTypes.StringType).add("firm_code", DataTypes.StringType)
            .add("firm_name", DataTypes.StringType).add("phone", DataTypes.StringType).add("zip", DataTypes.StringType)
            .add("hs_code", DataTypes.StringType).add("value_usd", DataTypes.DoubleType)
            .add("quantity", DataTypes.DoubleType).add("country", DataTypes.StringType)
            .add("trade_mode", DataTypes.StringType);

    private static List<Row> rows() {
        List<Row> data = List.of(
                // 1:1 code, ordinary trade
                RowFactory.create(2008, "export", "A", "甲公司", "0512-1", "215000", "01011000", 100.0, 1.0, "116", "一般贸易"),
                // HS2007 010594 → HS2002 010592 + 010593: an ambiguous 1:n mapping, processing trade
                RowFactory.create(2008, "export", "A", "甲公司", "0512-1", "215000", "01059400", 200.0, 4.0, "502", "进料加工贸易"),
                // a spelling of the name on one row only: the modal name stays 甲公司
                RowFactory.create(2008, "export", "A", "甲 公司", "0512-2", "215000", "01011000", 100.0, 1.0, "116", "一般贸易"),
                // imports and removed rows do not count
                RowFactory.create(2008, "import", "A", "甲公司", "0512-1", "215000", "01011000", 999.0, 1.0, "116", "一般贸易"),
                RowFactory.create(2008, "export", "A", "甲公司", "0512-1", "215000", "01011000", 10.0, 1.0, "116", "一般贸易"));
        return data;
    }

    /** The firm-year row of the one firm in {@code data}. */
    private static Row aggregate(List<Row> data, CleaningConfig config) {
        Dataset<Row> flagged = CustomsCleaning.flag(SparkTestSession.get().createDataFrame(data, SCHEMA), 2008, config,
                HsConcordance.load());
        return ExportAggregates.firmYear(flagged.where(RuleFlags.kept()), config).first();
    }

    @Test
    void equalSharesSplitsTheAmbiguousValueOverItsTargets() {
        Row r = aggregate(rows(), CleaningConfig.load(null));
        assertEquals(400.0, r.getDouble(r.fieldIndex("export_usd")), 1e-9);
        assertEquals(3L, r.getLong(r.fieldIndex("n_products")));        // 010110, 010592, 010593
        assertEquals(2L, r.getLong(r.fieldIndex("n_destinations")));
        assertEquals(0.5, r.getDouble(r.fieldIndex("processing_share")), 1e-12);
        assertEquals(200.0, r.getDouble(r.fieldIndex("ambiguous_usd")), 1e-9);
        assertEquals("甲公司", r.getString(r.fieldIndex("firm_name")));
        assertEquals("0512-1", r.getString(r.fieldIndex("phone")));
        assertEquals("215000", r.getString(r.fieldIndex("zip")));
    }

    @Test
    void processingTradeByTheExactModeList() {
        // 出料加工贸易 contains 加工 but is not one of Lu's three processing modes
        List<Row> data = List.of(
                RowFactory.create(2008, "export", "C", "丙公司", "0512-1", "215000", "01011000", 100.0, 1.0, "116", "出料加工贸易"),
                RowFactory.create(2008, "export", "C", "丙公司", "0512-1", "215000", "01011000", 300.0, 1.0, "116", "来料加工装配贸易"));
        assertEquals(1.0, aggregate(data, CleaningConfig.load(null)).getAs("processing_share"), 1e-12);
        Properties p = defaults();
        p.setProperty("clean.customs.processing_trade", "exact_modes");
        assertEquals(0.75, aggregate(data, CleaningConfig.from(p, "test")).getAs("processing_share"), 1e-12);
    }

    private static Properties defaults() {
        Properties p = new Properties();
        try (var in = CleaningConfig.class.getClassLoader().getResourceAsStream("quex.conf")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    @Test
    void aTieBetweenModalValuesGoesToTheSmallest() {
        // two names, phones and zips on one row each (the 1:n code's row counts once); no zip at all
        List<Row> data = List.of(
                RowFactory.create(2008, "export", "B", "乙公司", "0512-9", null, "01059400", 200.0, 4.0, "502", "一般贸易"),
                RowFactory.create(2008, "export", "B", "乙 公司", "0512-1", null, "01011000", 100.0, 1.0, "116", "一般贸易"));
        Row r = aggregate(data, CleaningConfig.load(null));
        assertEquals("乙 公司", r.getString(r.fieldIndex("firm_name"))); // a space sorts before 公
        assertEquals("0512-1", r.getString(r.fieldIndex("phone")));
        assertTrue(r.isNullAt(r.fieldIndex("zip")));
    }

    @Test
    void firstTargetKeepsTheWholeValueOnOneProduct() {
        Properties p = new Properties();
        try (var in = CleaningConfig.class.getClassLoader().getResourceAsStream("quex.conf")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.setProperty("clean.hs.one_to_many", "first_target");
        Row r = aggregate(rows(), CleaningConfig.from(p, "test"));
        assertEquals(400.0, r.getDouble(r.fieldIndex("export_usd")), 1e-9);
        assertEquals(2L, r.getLong(r.fieldIndex("n_products")));        // 010110, 010592
        assertEquals(200.0, r.getDouble(r.fieldIndex("ambiguous_usd")), 1e-9); // the 1:n code's row, as under equal shares
    }

    @Test
    void tiesGoToTheSmallestInUtf8ByteOrderAsSparksMin() {
        // U+FF21 (EF BC A1) sorts before U+20000 (F0 A0 80 80) in UTF-8, after it in UTF-16 (D840 DC00)
        java.util.Map<org.apache.spark.unsafe.types.UTF8String, long[]> counts = new java.util.HashMap<>();
        counts.put(org.apache.spark.unsafe.types.UTF8String.fromString("\uD840\uDC00公司"), new long[] {2});
        counts.put(org.apache.spark.unsafe.types.UTF8String.fromString("\uFF21公司"), new long[] {2});
        counts.put(org.apache.spark.unsafe.types.UTF8String.fromString("甲公司"), new long[] {1});
        assertEquals("\uFF21公司", FirmYearExports.modal(counts).toString());
        assertEquals(null, FirmYearExports.modal(new java.util.HashMap<>()));
    }

    /**
     * The same rows split into 1 and 7 input partitions, in two orders, reach the firm-year's reduce
     * task in different orders; its export value is the same bits each time: the exact sum of
     * FirmYearExportsTest's values, which a running sum gets in two ways depending on the order.
     */
    @Test
    void theExportValueDoesNotDependOnHowTheRowsWereSplit() {
        double[] values = {100.7, 2000.3, 30000.1, 55.55, 0.3 + 50};
        List<Row> rows = new java.util.ArrayList<>();
        for (int copy = 0; copy < 7; copy++) {
            for (double v : values) {
                rows.add(RowFactory.create(2008, "export", "A", "甲公司", "0512-1", "215000", "01011000", v, 1.0, "116", "一般贸易"));
            }
        }
        CleaningConfig config = CleaningConfig.load(null);
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (int split : new int[] {1, 7}) {
            for (boolean reversed : new boolean[] {false, true}) {
                List<Row> order = new java.util.ArrayList<>(rows);
                if (reversed) {
                    java.util.Collections.reverse(order);
                }
                Dataset<Row> in = SparkTestSession.get().createDataFrame(order, SCHEMA).repartition(split);
                Dataset<Row> kept = CustomsCleaning.flag(in, 2008, config, HsConcordance.load()).where(RuleFlags.kept());
                seen.add(ExportAggregates.firmYear(kept, config).first().getDouble(2));
            }
        }
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (double v : values) {
            exact = exact.add(new java.math.BigDecimal(v).multiply(java.math.BigDecimal.valueOf(7)));
        }
        assertEquals(java.util.Set.of(Double.parseDouble(exact.toString())), seen);
    }
}
