package org.quex.panel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quex.ConfigFile;
import org.quex.GeneratedLake;
import org.quex.SparkTestSession;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.PartitionedParquet;
import org.quex.synth.RawLayouts;

/**
 * The panel built from the generated lake ({@link GeneratedLake}) against the generator's truth
 * (truth/firm_years.csv), which computes each variable from the rows it wrote.
 */
class PanelGeneratedDataTest {
    private static GeneratedLake generated;
    private static PanelJob.Report report;
    private static Dataset<Row> compared;

    @BeforeAll
    static void build() {
        SparkSession spark = SparkTestSession.get();
        generated = GeneratedLake.get();
        List<Integer> years = java.util.Arrays.stream(GeneratedLake.YEARS).boxed().toList();
        report = PanelJob.run(spark, generated.lake, years, PanelConfig.from(ConfigFile.load(null)), "test");
        Dataset<Row> panel = PartitionedParquet.read(spark, generated.lake.panelFirmYear(),
                org.quex.lake.PartitionedParquet.read(spark, generated.lake.panelFirmYear()).schema());
        Dataset<Row> truth = spark.read().option("header", "true")
                .csv(generated.raw.resolve("truth/firm_years.csv").toString())
                .where(col("asif_defect").isNull().and(col("year").cast("int").isin(years.toArray())));
        Dataset<Row> t = truth.select(truth.columns().length == 0 ? new org.apache.spark.sql.Column[0]
                : java.util.Arrays.stream(truth.columns()).map(c -> col(c).as("t_" + c)).toArray(org.apache.spark.sql.Column[]::new));
        compared = panel.join(t, panel.col("year").equalTo(t.col("t_year").cast("int"))
                .and(panel.col("firm_id").equalTo(t.col("t_asif_firm_id"))), "full_outer").cache();
    }

    /** Model files are checked against data-schemas/lake/panel_firm_year.csv before a run: it must be the panel's schema. */
    @Test
    void thePanelsColumnsAreTheDeclaredSchema() {
        org.apache.spark.sql.types.StructType written = org.quex.lake.PartitionedParquet.read(SparkTestSession.get(), generated.lake.panelFirmYear()).schema();
        java.util.Map<String, String> declared = org.quex.pipeline.ModelCheck.panelColumns();
        java.util.Map<String, String> actual = new java.util.TreeMap<>();
        for (org.apache.spark.sql.types.StructField f : written.fields()) {
            actual.put(f.name(), f.dataType().simpleString());
        }
        assertEquals(new java.util.TreeMap<>(declared), actual);
    }

    @Test
    void everyCleanFirmYearIsInThePanelAndNoOther() {
        long panelOnly = compared.where(col("t_year").isNull()).count();
        long truthOnly = compared.where(col("year").isNull()).count();
        assertEquals(0, panelOnly, "panel rows that are not clean firm-years of the truth");
        assertEquals(0, truthOnly, "clean firm-years of the truth missing from the panel");
        Dataset<Row> clean = PartitionedParquet.read(SparkTestSession.get(), generated.lake.clean("asif"),
                SourceSchema.of("asif").structType());
        for (int year : GeneratedLake.YEARS) {
            assertEquals(clean.where(col("year").equalTo(year)).count(), report.rowsByYear().get(year), "rows of " + year);
        }
    }

    @Test
    void variablesComputedFromTheRowEqualTheTruth() {
        for (String v : List.of("ln_cap", "roa", "pro")) {
            long off = compared.where(col("t_year").isNotNull().and(
                    col(v).isNull().notEqual(col("t_" + v).isNull())
                            .or(org.apache.spark.sql.functions.abs(col(v).minus(col("t_" + v).cast("double"))).gt(1e-9)))).count();
            assertEquals(0, off, v + " differs from the truth");
        }
        for (String v : List.of("age", "age2", "scale1", "scale2", "scale3", "sta", "cen", "for", "ex")) {
            long off = compared.where(col("t_year").isNotNull().and(
                    col(v).isNull().or(col(v).notEqual(col("t_" + v).cast("int"))))).count();
            assertEquals(0, off, v + " differs from the truth");
        }
        long lnExport = compared.where(col("ex").equalTo(1)
                .and(org.apache.spark.sql.functions.abs(col("ln_export").minus(col("t_ln_export").cast("double"))).gt(1e-9))).count();
        assertEquals(0, lnExport, "ln_export differs from the truth");
    }

    /**
     * An honour is listed under the name the firm had when it obtained it. When the firm renamed and
     * that name is in none of the panel's years (here only 2001 and 2012), nothing ties the entry
     * to the firm: such firm-years get a lower qu than the truth, never a higher one, and are few.
     * QualityLevelsTest checks the rules exactly on hand-made lists.
     */
    @Test
    void qualityLevelsEqualTheTruthButForRenamedFirmsNeverSeenUnderTheListedName() {
        Dataset<Row> rows = compared.where(col("t_year").isNotNull());
        long honoured = rows.where(col("t_qu").cast("int").gt(0)).count();
        long over = rows.where(col("qu").gt(col("t_qu").cast("int"))).count();
        long under = rows.where(col("qu").lt(col("t_qu").cast("int"))).count();
        long groupsOff = 0;
        for (String v : List.of("lqu", "mqu", "hqu")) {
            groupsOff += rows.where(col("qu").equalTo(col("t_qu").cast("int")).and(col(v).notEqual(col("t_" + v).cast("int"))))
                    .count();
        }
        assertTrue(honoured > 100, "too few honoured firm-years to test: " + honoured);
        assertEquals(0, over, "firm-years given a higher quality level than they hold");
        assertEquals(0, groupsOff, "lqu/mqu/hqu disagree with qu");
        assertTrue(under <= 0.01 * honoured, under + " of " + honoured + " honoured firm-years got a lower level");
        assertEquals(0, report.honours().unknownHonour());
    }

    @Test
    void tfpFollowsTheTrueTfp() {
        Row r = compared.where(col("tfp").isNotNull())
                .agg(org.apache.spark.sql.functions.corr(col("tfp"), col("t_tfp").cast("double")), count(lit(1))).first();
        long withTfp = r.getLong(1);
        assertTrue(r.getDouble(0) >= 0.95, "corr(tfp, true tfp) = " + r.getDouble(0) + " over " + withTfp + " firm-years");
        long skipped = report.productionFunctions().stream().filter(f -> !f.usable()).mapToLong(ProductionFunctions.Fit::n).sum();
        long total = report.rowsByYear().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, withTfp + skipped, "every firm-year has a TFP or is in a reported skipped industry");
        System.out.printf("tfp: corr %.4f over %d firm-years; %d in skipped industries%n", r.getDouble(0), withTfp, skipped);
    }

    @Test
    void industriesOf2012MapBackToTheTrue2002Division() {
        Dataset<Row> y2012 = compared.where(col("year").equalTo(2012).and(col("t_year").isNotNull()));
        long all = y2012.count();
        long sameDivision = y2012.where(col("industry2").equalTo(col("t_industry_2002").substr(1, 2))).count();
        // a 2011 code with several 2002 sources of different divisions cannot be inverted exactly
        assertTrue(sameDivision >= 0.95 * all, sameDivision + " of " + all + " firm-years mapped to their true division");
        // 2001 carries GB/T 4754-1994 codes, mapped forward through the official correspondence
        Dataset<Row> y2001 = compared.where(col("year").equalTo(2001).and(col("t_year").isNotNull()));
        long all2001 = y2001.count();
        long same2001 = y2001.where(col("industry2").equalTo(col("t_industry_2002").substr(1, 2))).count();
        assertTrue(all2001 > 0 && same2001 >= 0.95 * all2001, same2001 + " of " + all2001 + " 1994-coded firm-years");
        System.out.printf("industry: %d of %d 2011-coded and %d of %d 1994-coded firm-years in their true 2002 division%n",
                sameDivision, all, same2001, all2001);
        long[] c1994 = report.industry().byVintage().get(1994);
        assertEquals(all2001, c1994[1] + c1994[2], "every 1994 code the generator writes is in the correspondence");
        assertEquals(0, report.industry().unmapped().size(), report.industry().unmapped().toString());
    }

    @Test
    void summaryCountsEveryRowOfEachVariable() {
        Map<Integer, Long> rows = report.rowsByYear();
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        for (VariableSummary s : report.summaryOfAllYears()) {
            assertEquals(total, s.n() + s.missing(), s.variable());
        }
        VariableSummary ex = report.summaryOfAllYears().stream().filter(s -> s.variable().equals("ex")).findFirst().get();
        double mean = compared.where(col("year").isNotNull()).agg(org.apache.spark.sql.functions.avg("ex")).first().getDouble(0);
        assertEquals(mean, ex.mean(), 1e-12);
        assertEquals(PanelJob.VARIABLES.size() * (GeneratedLake.YEARS.length + 1), report.summary().size());
    }

    /**
     * hhi is the sum of squared sales over the squared sum of sales of the firm-year's CIC 2002
     * industry (panel.hhi.industry_digits = 4) and year, firms with positive sales: here summed
     * exactly (BigInteger) from the clean ASIF rows and divided as doubles, the same bits.
     */
    @Test
    void hhiIsTheSumOfSquaredSalesSharesOfTheIndustryYear() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> panel = PartitionedParquet.read(spark, generated.lake.panelFirmYear());
        Dataset<Row> sales = PartitionedParquet.read(spark, generated.lake.clean("asif")).select("year", "firm_id", "sales");
        List<Row> rows = panel.join(sales, new String[] {"year", "firm_id"}, "left")
                .select("year", "industry_cic2002", "sales", "hhi").collectAsList();
        Map<String, java.math.BigInteger[]> sums = new java.util.HashMap<>(); // year/industry -> sum, sum of squares
        for (Row r : rows) {
            String industry = r.isNullAt(1) || r.getString(1).length() < 4 ? null : r.getString(1).substring(0, 4);
            if (industry != null && !r.isNullAt(2) && r.getLong(2) > 0) {
                java.math.BigInteger x = java.math.BigInteger.valueOf(r.getLong(2));
                sums.merge(r.getInt(0) + "/" + industry, new java.math.BigInteger[] {x, x.multiply(x)},
                        (a, b) -> new java.math.BigInteger[] {a[0].add(b[0]), a[1].add(b[1])});
            }
        }
        int withHhi = 0;
        for (Row r : rows) {
            String industry = r.isNullAt(1) || r.getString(1).length() < 4 ? null : r.getString(1).substring(0, 4);
            java.math.BigInteger[] sum = industry == null ? null : sums.get(r.getInt(0) + "/" + industry);
            if (sum == null) {
                assertTrue(r.isNullAt(3), "hhi without a positive-sales industry-year: " + r);
            } else {
                double s = sum[0].doubleValue();
                assertEquals(sum[1].doubleValue() / (s * s), r.getDouble(3), 0.0, r.toString());
                withHhi++;
            }
        }
        assertTrue(withHhi > 0.9 * rows.size(), withHhi + " of " + rows.size() + " firm-years with an hhi");
        assertTrue(sums.size() > 20, sums.size() + " industry-years");
    }
}
