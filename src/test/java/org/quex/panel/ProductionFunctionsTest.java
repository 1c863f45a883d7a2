package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.ConfigFile;
import org.quex.SparkTestSession;

/**
 * The panel's TFP step on nominal and real values: with panel.real.variables = tfp the production
 * function is fitted on ln real value added (gross output: ln real output and ln real intermediate
 * input) and ln real capital, which is the same as fitting the nominal path on a panel whose
 * columns are those deflated values (same coefficients, same TFP per firm-year).
 */
class ProductionFunctionsTest {
    static final StructType BASE = PanelRows.schema("year:int", "firm_id:string", "panel_id:string", "industry2:string",
            "fixed_assets:long", "ln_va:double", "ln_go:double", "ln_k:double", "ln_l:double", "ln_m:double");

    @TempDir
    Path dir;

    /** 120 firms of industry 13, 2001–2004; inputs respond to an AR(1) productivity. */
    private static final class Panel {
        final List<Row> nominal = new ArrayList<>();
        final List<Row> deflated = new ArrayList<>();
        final List<Row> real = new ArrayList<>();

        Panel() {
            Random rnd = new Random(7);
            for (int f = 0; f < 120; f++) {
                double omega = 0.2 * rnd.nextGaussian();
                double k0 = 3 + rnd.nextGaussian();
                for (int year = 2001; year <= 2004; year++) {
                    omega = 0.7 * omega + 0.1 * rnd.nextGaussian();
                    double k = k0 + 0.1 * (year - 2001) + 0.3 * omega;
                    double l = 2 + 0.5 * rnd.nextGaussian() + 0.5 * omega;
                    double m = 1 + 0.5 * k + 0.4 * l + omega;
                    double va = 0.3 * k + 0.6 * l + omega + 0.05 * rnd.nextGaussian();
                    double go = 0.1 * k + 0.2 * l + 0.6 * m + omega + 0.05 * rnd.nextGaussian();
                    double pOut = Math.log(1 + 0.05 * (year - 2001));
                    double pIn = Math.log(1 + 0.08 * (year - 2001));
                    String id = "F" + f;
                    long book = 1000L + f;
                    // nominal: prices in the values, ln K of net fixed assets (not the real stock)
                    nominal.add(RowFactory.create(year, id, id, "13", book, va + pOut, go + pOut, k + 0.4, l, m + pIn));
                    deflated.add(RowFactory.create(year, id, id, "13", book, va, go, k, l, m));
                    real.add(RowFactory.create(year, id, Math.exp(go), Math.exp(va), Math.exp(m), Math.exp(k)));
                }
            }
        }
    }

    private PanelConfig config(String method, String output, boolean real) throws Exception {
        Properties p = new Properties();
        p.putAll(ConfigFile.load(null).properties());
        p.setProperty("panel.tfp.method", method);
        p.setProperty("panel.tfp.output", output);
        p.setProperty("panel.tfp.bootstrap_replicates", "0");
        if (real) {
            Path table = dir.resolve("deflators.csv");
            Files.writeString(table, "year,industry2,output,input,capital\n2001,*,1,1,1\n");
            p.setProperty("panel.deflators.table", table.toString());
            p.setProperty("panel.real.variables", "tfp");
        }
        return PanelConfig.from(new ConfigFile(p, "test.conf"));
    }

    private static Map<String, Double> tfpByFirmYear(Dataset<Row> tfp) {
        Map<String, Double> out = new HashMap<>();
        for (Row r : tfp.collectAsList()) {
            out.put(r.getString(1) + "/" + r.getInt(0), r.getDouble(2));
        }
        return out;
    }

    private void realEqualsDeflated(String method, String output) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Panel panel = new Panel();
        Dataset<Row> realValues = spark.createDataFrame(panel.real, PanelRows.schema("year:int", "firm_id:string",
                "real_output:double", "real_value_added:double", "real_intermediate_input:double", "real_capital:double"));
        PanelConfig realConfig = config(method, output, true);
        Dataset<Row> realInputs = ProductionFunctions.inputs(spark.createDataFrame(panel.nominal, BASE), realValues,
                realConfig).cache();
        List<ProductionFunctions.Fit> realFits = ProductionFunctions.fit(realInputs, realConfig);
        PanelConfig nominalConfig = config(method, output, false);
        Dataset<Row> deflatedInputs = ProductionFunctions.inputs(spark.createDataFrame(panel.deflated, BASE), null,
                nominalConfig).cache();
        List<ProductionFunctions.Fit> directFits = ProductionFunctions.fit(deflatedInputs, nominalConfig);
        assertEquals(1, realFits.size());
        ProductionFunctions.Fit a = realFits.get(0);
        ProductionFunctions.Fit b = directFits.get(0);
        assertTrue(a.usable(), a.note());
        assertEquals("real", a.values());
        assertEquals("nominal", b.values());
        assertEquals(output, a.output());
        assertEquals(480, a.n());
        assertEquals(b.bk(), a.bk(), 1e-12);
        assertEquals(b.bl(), a.bl(), 1e-12);
        assertEquals(b.constant(), a.constant(), 1e-12);
        if (output.equals("gross_output")) {
            assertEquals(b.bm(), a.bm(), 1e-12);
            assertTrue(Double.isFinite(a.bm()));
        } else {
            assertTrue(Double.isNaN(a.bm()));
        }
        boolean gross = output.equals("gross_output");
        Map<String, Double> realTfp = tfpByFirmYear(ProductionFunctions.residuals(spark, realInputs, realFits, false, gross));
        Map<String, Double> directTfp = tfpByFirmYear(ProductionFunctions.residuals(spark, deflatedInputs, directFits,
                false, gross));
        realInputs.unpersist();
        deflatedInputs.unpersist();
        assertEquals(480, realTfp.size());
        for (Map.Entry<String, Double> e : directTfp.entrySet()) {
            assertEquals(e.getValue(), realTfp.get(e.getKey()), 1e-10, e.getKey());
        }
        if (!method.equals("ols")) {
            return;
        }
        // the nominal fit on the same panel is another one: the real values were used
        List<ProductionFunctions.Fit> nominalFits = ProductionFunctions.fit(ProductionFunctions.inputs(
                spark.createDataFrame(panel.nominal, BASE), null, nominalConfig), nominalConfig);
        assertTrue(Math.abs(nominalFits.get(0).bk() - a.bk()) > 1e-6);
    }

    @Test
    void olsValueAddedOnRealValuesIsOlsOnTheDeflatedColumns() throws Exception {
        realEqualsDeflated("ols", "value_added");
    }

    @Test
    void lpGrossOutputOnRealValuesIsLpOnTheDeflatedColumns() throws Exception {
        realEqualsDeflated("lp", "gross_output");
    }

    /** Hand-checkable: y = 0.5 + 0.2 k + 0.5 l + 0.25 m exactly (real values), so OLS gross output is exact. */
    @Test
    void olsGrossOutputOnAnExactRealPanel() throws Exception {
        SparkSession spark = SparkTestSession.get();
        List<Row> base = new ArrayList<>();
        List<Row> real = new ArrayList<>();
        Random rnd = new Random(3);
        for (int f = 0; f < 30; f++) {
            double k = 3 + rnd.nextGaussian();
            double l = 2 + rnd.nextGaussian();
            double m = 4 + rnd.nextGaussian();
            double y = 0.5 + 0.2 * k + 0.5 * l + 0.25 * m;
            base.add(RowFactory.create(2001, "F" + f, "F" + f, "13", 100L, 1.0, 9.0, 1.0, l, 1.0));
            real.add(RowFactory.create(2001, "F" + f, Math.exp(y), 1.0, Math.exp(m), Math.exp(k)));
        }
        PanelConfig c = config("ols", "gross_output", true);
        Dataset<Row> inputs = ProductionFunctions.inputs(spark.createDataFrame(base, BASE), spark.createDataFrame(real,
                PanelRows.schema("year:int", "firm_id:string", "real_output:double", "real_value_added:double",
                        "real_intermediate_input:double", "real_capital:double")), c);
        ProductionFunctions.Fit fit = ProductionFunctions.fit(inputs, c).get(0);
        assertEquals(0.2, fit.bk(), 1e-9);
        assertEquals(0.5, fit.bl(), 1e-9);
        assertEquals(0.25, fit.bm(), 1e-9);
        assertEquals(0.5, fit.constant(), 1e-9);
        for (double t : tfpByFirmYear(ProductionFunctions.residuals(spark, inputs, List.of(fit), false, true)).values()) {
            assertEquals(0, t, 1e-9);
        }
    }
}
