package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.tfp.TfpSpark;
import org.quex.tfp.FirmYear;
import org.quex.tfp.Method;
import org.quex.tfp.TfpEstimator;
import org.quex.tfp.TfpResult;
import org.quex.tfp.TfpSpec;

/**
 * The generator's inputs respond to productivity (capital to ω of the year before, labour to ω,
 * intermediate input is a monotone function of ω given capital), so OLS is biased and the proxy
 * estimators are not: on the generator's own firm-years (clean ASIF rows, per 2-digit industry
 * as the panel estimates them) LP and ACF recover the true b_k = 0.40 and b_l = 0.55, OLS does not.
 */
class TfpRecoveryTest {

    /** Every industry at once on Spark (two passes in all), LP with 20 bootstrap replicates. */
    private static void sparkGivesTheSameEstimatesForEveryIndustryInTwoPasses(Map<String, List<FirmYear>> byIndustry,
                                                                             Map<String, TfpResult> local) {
        List<Row> rows = new ArrayList<>();
        byIndustry.forEach((industry, list) -> list.forEach(f -> rows.add(RowFactory.create(industry, f.firm(), f.year(),
                f.y(), f.free()[0], f.state()[0], f.proxy()))));
        StructType schema = new StructType().add("industry", "string").add("firm", "string").add("year", "int")
                .add("ln_va", "double").add("ln_l", "double").add("ln_k", "double").add("ln_m", "double");
        Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, schema).cache();
        data.count();
        long t0 = System.nanoTime();
        TfpSpark.Outcome o = TfpSpark.estimate(data, new TfpSpark.Columns("firm", "year", "ln_va", List.of("ln_l"),
                List.of("ln_k"), "ln_m", "industry"), new TfpSpec(Method.LP, List.of("ln_l"), List.of("ln_k"), "ln_m", 2, 20,
                12345L, null), 20, 4);
        double seconds = (System.nanoTime() - t0) / 1e9;
        data.unpersist();
        assertEquals(2, o.passes());
        assertEquals(byIndustry.size(), o.byGroup().size());
        local.forEach((industry, r) -> {
            for (int j = 0; j < 2; j++) {
                assertEquals(r.estimates()[j], o.byGroup().get(industry).estimates()[j], 1e-9, industry);
            }
        });
        long fitted = o.byGroup().values().stream().filter(TfpResult::usable).count();
        System.out.printf("tfp recovery: Spark LP, %d industries (%d fitted), %d rows, 20 replicates: %d data passes,"
                + " %.1f s (%.2f s per industry)%n", o.byGroup().size(), fitted, rows.size(), o.passes(), seconds,
                seconds / o.byGroup().size());
    }

    @Test
    void proxyEstimatorsRecoverTheTrueElasticitiesWhereOlsDoesNot() {
        GenerateSettings s = new GenerateSettings(77, 6000, 2000, 2007, 64, 4, TrueCoefficients.FE_QU, 0.08, 0.0);
        TrueCoefficients truth = TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE);
        FirmSimulator sim = new FirmSimulator(s, ReferenceData.shared(), truth, RawLayouts.shared());
        Map<String, List<FirmYear>> byIndustry = new HashMap<>();
        for (int firm = 0; firm < s.firms(); firm++) {
            for (FirmHistory.AsifRow row : sim.simulate(firm).asif) {
                if (row.defect() != null) {
                    continue;
                }
                String[] f = row.fields();
                String industry = f[AsifField.INDUSTRY_CODE.ordinal()].substring(0, 2);
                byIndustry.computeIfAbsent(industry, k -> new ArrayList<>()).add(new FirmYear(
                        String.format("%07d", firm), row.year(), Math.log(Double.parseDouble(f[AsifField.VALUE_ADDED.ordinal()])),
                        new double[] {Math.log(Double.parseDouble(f[AsifField.EMPLOYEES.ordinal()]))},
                        new double[] {Math.log(Double.parseDouble(f[AsifField.NET_FIXED_ASSETS.ordinal()]))},
                        Math.log(Double.parseDouble(f[AsifField.INTERMEDIATE_INPUT.ordinal()]))));
            }
        }
        Map<Method, double[]> mean = new HashMap<>();
        Map<String, TfpResult> localLp = new HashMap<>();
        int industries = 0;
        for (Map.Entry<String, List<FirmYear>> entry : byIndustry.entrySet()) {
            List<FirmYear> rows = entry.getValue();
            if (rows.size() < 1500) {
                continue;
            }
            industries++;
            rows.sort(Comparator.comparing(FirmYear::firm).thenComparingInt(FirmYear::year));
            for (Method m : new Method[] {Method.OLS, Method.LP, Method.ACF, Method.WRDG}) {
                TfpResult r = new TfpEstimator(new TfpSpec(m, List.of("ln_l"), List.of("ln_k"), "ln_m", 2, 0, 1, null))
                        .estimate(rows);
                if (m == Method.LP) {
                    localLp.put(entry.getKey(), r);
                }
                double[] acc = mean.computeIfAbsent(m, k -> new double[2]);
                acc[0] += r.estimate("ln_k");
                acc[1] += r.estimate("ln_l");
            }
        }
        assertTrue(industries >= 3, industries + " industries");
        for (Map.Entry<Method, double[]> e : mean.entrySet()) {
            e.getValue()[0] /= industries;
            e.getValue()[1] /= industries;
            System.out.printf("tfp recovery: %s mean over %d industries b_k=%.4f b_l=%.4f (true 0.40, 0.55)%n",
                    e.getKey().label(), industries, e.getValue()[0], e.getValue()[1]);
        }
        sparkGivesTheSameEstimatesForEveryIndustryInTwoPasses(byIndustry, localLp);
        double[] ols = mean.get(Method.OLS);
        assertTrue(Math.abs(ols[1] - 0.55) > 0.05, "OLS b_l " + ols[1] + " is biased by the labour response");
        for (Method m : new Method[] {Method.LP, Method.ACF}) {
            assertEquals(0.40, mean.get(m)[0], 0.03, m + " b_k");
            assertEquals(0.55, mean.get(m)[1], 0.03, m + " b_l");
        }
    }
}
