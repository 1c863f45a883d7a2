package org.quex.panel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.quex.QuexException;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.LakeCommit;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.RunManifest;

/**
 * lake/clean + lake/match + lake/raw/honours → lake/panel/firm_year: one row per clean ASIF
 * firm-year of the chosen years with every variable of the study, plus lake/panel/summary
 * (descriptive statistics) and lake/panel/tfp_production_functions. TFP pools the years it is
 * given, so the panel is built for all its years in one run.
 */
public final class PanelJob {
    /** The study's variables (domain.md, Table 1), in the order the summary lists them. */
    public static final List<String> VARIABLES = List.of("ex", "export", "ln_export", "qu", "lqu", "mqu", "hqu", "tfp",
            "age", "age2", "cap", "ln_cap", "roa", "pro", "scale1", "scale2", "scale3", "rd", "fc", "ac", "dac", "for",
            "fi", "sub", "si", "si2", "hhi", "indus1", "indus2", "indus3", "sta", "cen");
    static final StructType CUSTOMS_FIRM_YEAR = PanelRows.schema("year:int", "firm_code:string", "export_usd:double");

    private PanelJob() {
    }

    public record Report(Map<Integer, Long> rowsByYear, Map<Integer, Long> linkedByYear, IndustryCounts industry,
                         org.quex.match.PanelIds.Result panelIds, QualityLevels.Counts honours, List<ProductionFunctions.Fit> productionFunctions,
                         List<VariableSummary> summary, List<QualityCount> qualityByYear) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (Map.Entry<Integer, Long> e : rowsByYear.entrySet()) {
                lines.add(String.format(Locale.ROOT, "panel year=%d firm_years=%d matched_to_customs=%d", e.getKey(),
                        e.getValue(), linkedByYear.getOrDefault(e.getKey(), 0L)));
            }
            lines.addAll(industry.lines());
            panelIds.lines().forEach(l -> lines.add("  " + l));
            lines.add(String.format(Locale.ROOT, "  honours: %d entries, %d unknown honour names, %d unknown provinces,"
                            + " %d matched to firms, %d firm-years left out as ambiguous", honours.entries(),
                    honours.unknownHonour(), honours.unknownProvince(), honours.matchedEntries(), honours.ambiguousFirmYears()));
            long usable = productionFunctions.stream().filter(ProductionFunctions.Fit::usable).count();
            lines.add(String.format(Locale.ROOT, "  tfp: %d production functions fitted, %d groups skipped", usable,
                    productionFunctions.size() - usable));
            for (ProductionFunctions.Fit f : productionFunctions) {
                lines.add(String.format(Locale.ROOT, "    industry %s%s n=%d b_k=%.4f b_l=%.4f%s r2=%.4f %s", f.industry2(),
                        f.year() == null ? "" : " " + f.year(), f.n(), f.bk(), f.bl(),
                        Double.isNaN(f.bm()) ? "" : String.format(Locale.ROOT, " b_m=%.4f", f.bm()), f.r2(), f.note()));
            }
            return lines;
        }

        public List<VariableSummary> summaryOfAllYears() {
            return summary.stream().filter(s -> s.year() == null).toList();
        }
    }

    /**
     * Firm-years at each quality level in a year, and how many of them upgraded: held a lower
     * level (or none) the year before under the same panel id (the firm across id changes).
     */
    public record QualityCount(int year, int qu, long firmYears, long upgraded) {
    }

    static List<QualityCount> qualityByYear(Dataset<Row> panel) {
        Dataset<Row> before = panel.select(col("panel_id"), col("year").plus(1).as("year"), col("qu").as("qu_before"));
        List<QualityCount> counts = new ArrayList<>();
        for (Row r : panel.select("year", "panel_id", "qu").join(before, new String[] {"year", "panel_id"}, "left")
                .groupBy("year", "qu")
                .agg(count(lit(1)), sum(when(col("qu_before").isNotNull().and(col("qu").gt(col("qu_before"))), 1L)
                        .otherwise(0L)))
                .orderBy("year", "qu").collectAsList()) {
            counts.add(new QualityCount(r.getInt(0), r.getInt(1), r.getLong(2), r.getLong(3)));
        }
        return counts;
    }

    public static Report run(SparkSession spark, LakeTables lake, List<Integer> years, PanelConfig config, String configLabel) {
        // the panel, its summary and its production functions become visible together
        try (LakeCommit commit = LakeCommit.begin(spark.sparkContext().hadoopConfiguration(), lake, "panel " + years)) {
            Report report = build(spark, lake, years, config, configLabel);
            commit.publish();
            return report;
        }
    }

    private static Report build(SparkSession spark, LakeTables lake, List<Integer> years, PanelConfig config,
                                String configLabel) {
        StructType asifSchema = SourceSchema.of("asif").structType();
        Dataset<Row> asif = PartitionedParquet.read(spark, lake.clean("asif"), asifSchema)
                .where(col("year").isin(years.toArray()));
        IndustryClassification industries = IndustryClassification.load(config);
        PanelRows rowMaker = new PanelRows(config, SizeStandards.load(config.sizeStandard2011From()),
                industries);
        // the firm across years (honours held after a rename, the TFP estimators' year before) is the panel id
        spark.sparkContext().setJobDescription("panel: panel ids across years");
        PanelIdAssignment.Assigned panelIds = PanelIdAssignment.assign(spark, asif, industries, config);
        spark.sparkContext().setJobDescription("panel: firm-year variables of " + years);
        Dataset<Row> base = rowMaker.of(asif).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> tfpInputs = null;
        try {
            Map<Integer, Long> rowsIn = new TreeMap<>();
            years.forEach(y -> rowsIn.put(y, 0L));
            IndustryCounts industry = IndustryCounts.of(base, industries);
            for (Row r : base.groupBy("year").agg(count(lit(1))).collectAsList()) {
                rowsIn.put(r.getInt(0), r.getLong(1));
            }
            if (rowsIn.values().stream().allMatch(n -> n == 0)) {
                throw new QuexException("panel: no clean ASIF rows for years " + years + " in " + lake.clean("asif")
                        + " (run clean first)");
            }

            // sums of sales and their squares as exact decimals (sales are whole thousands of RMB; a
            // double sum of squares above 2^53 would round, differently in each order of the rows)
            Column sales = col("sales").cast("decimal(19,0)");
            Dataset<Row> hhi = base.where(col("sales").gt(0).and(col("hhi_industry").isNotNull()))
                    .groupBy("year", "hhi_industry")
                    .agg(sum(sales.multiply(sales)).cast("double").as("ss"), sum(sales).cast("double").as("s"))
                    .select(col("year"), col("hhi_industry"), col("ss").divide(col("s").multiply(col("s"))).as("hhi"));

            HonourLevels levels = HonourLevels.load();
            Dataset<Row> lists = PartitionedParquet.read(spark, lake.raw("honours"),
                    SourceSchema.of("honours").structType());
            spark.sparkContext().setJobDescription("panel: quality levels from the honours");
            QualityLevels.Result quality = QualityLevels.of(base.select("year", "firm_id", "name_key", "province")
                            .join(panelIds.ids(), new String[] {"year", "firm_id"}, "left"), lists,
                    levels, config.honourValidity());

            Dataset<Row> links = PartitionedParquet.read(spark, lake.matchLinks(), org.quex.match.MatchJob.LINKS)
                    .where(col("year").isin(years.toArray()));
            Dataset<Row> exports = PartitionedParquet.read(spark, lake.customsFirmYear(), CUSTOMS_FIRM_YEAR)
                    .where(col("year").isin(years.toArray()));
            Dataset<Row> customs = links.join(exports, links.col("year").equalTo(exports.col("year"))
                            .and(links.col("customs_firm_code").equalTo(exports.col("firm_code"))), "left")
                    .select(links.col("year"), col("asif_firm_id").as("firm_id"), col("customs_firm_code"),
                            col("method").as("match_method"), col("export_usd").as("customs_export_usd"));

            Dataset<Row> real = config.deflators() == null ? null : RealValues.of(asif,
                    base.select("year", "firm_id", "industry2"), panelIds.ids(), config.deflators(),
                    config.capitalDepreciation());

            spark.sparkContext().setJobDescription("panel: production functions for TFP");
            // nominal or real (panel.real.variables lists tfp) values, cached: every fit reads them
            // op/lp/acf/wrdg follow the firm's years along its panel id; OLS follows nothing across years
            Dataset<Row> tfpBase = config.tfp().method() == org.quex.tfp.Method.OLS
                    ? base.withColumn("panel_id", lit(null).cast("string"))
                    : base.join(panelIds.ids(), new String[] {"year", "firm_id"}, "left");
            tfpInputs = ProductionFunctions.inputs(tfpBase, real, config).persist(StorageLevel.MEMORY_AND_DISK());
            List<ProductionFunctions.Fit> fits = ProductionFunctions.fit(tfpInputs, config);
            Dataset<Row> tfp = ProductionFunctions.residuals(spark, tfpInputs, fits, config.tfpByYear(),
                    config.tfp().output() == org.quex.tfp.OutputKind.GROSS_OUTPUT);

            Dataset<Row> joined = base.join(hhi, new String[] {"year", "hhi_industry"}, "left")
                    .join(panelIds.ids(), new String[] {"year", "firm_id"}, "left")
                    .join(quality.quByFirmYear(), new String[] {"year", "firm_id"}, "left")
                    .join(customs, new String[] {"year", "firm_id"}, "left")
                    .join(tfp, new String[] {"year", "firm_id"}, "left");
            Column qu = coalesce(col("qu"), lit(0));
            Column customsExports = coalesce(col("customs_export_usd"), lit(0.0)).gt(0);
            Column ex = config.exFromCustomsToo()
                    ? when(col("ex_asif").equalTo(1).or(customsExports), 1).when(col("ex_asif").isNull(), lit(null))
                    .otherwise(0)
                    : col("ex_asif");
            Dataset<Row> panel = joined.select(
                    col("year"), col("firm_id"), col("panel_id"), col("firm_name"), col("province"), col("region_code"),
                    col("industry_code"), col("industry_cic2002"), col("industry2"), col("registration_type"),
                    col("affiliation"), config.frame().column().cast("int").as(SurveyFrame.COLUMN),
                    when(col("customs_firm_code").isNotNull(), 1).otherwise(0).as("matched"), col("customs_firm_code"),
                    col("match_method"), col("customs_export_usd"),
                    ex.cast("int").as("ex"), col("export"), col("ln_export"),
                    qu.as("qu"), group(qu, levels, "low").as("lqu"), group(qu, levels, "mid").as("mqu"),
                    group(qu, levels, "high").as("hqu"),
                    col("tfp"), col("ln_va"), col("ln_k"), col("ln_l"),
                    col("age"), col("age2"), col("cap"), col("ln_cap"), col("roa"), col("pro"), col("size_class"),
                    col("scale1"), col("scale2"), col("scale3"), col("rd"), col("fc"), col("ac"), col("dac"),
                    col("for"), col("fi"), col("sub"), col("si"), col("si2"), col("hhi"),
                    col("indus1"), col("indus2"), col("indus3"), col("sta"), col("cen"));
            // whether clean rebuilt the row's value added (docs/clean.md); null for a lake cleaned before the flag existed
            Dataset<Row> imputed = PartitionedParquet.read(spark, lake.clean("asif"), PanelRows.schema("year:int",
                    "firm_id:string", org.quex.clean.ValueAddedImputation.FLAG + ":int"))
                    .where(col("year").isin(years.toArray()));
            panel = panel.join(imputed, new String[] {"year", "firm_id"}, "left");
            panel = RealValues.apply(panel, real, config.realVariables());

            spark.sparkContext().setJobDescription("panel: write lake/panel/firm_year");
            PartitionedParquet.replaceYears(spark, panel, lake.panelFirmYear(), rowsIn);
            Dataset<Row> written = PartitionedParquet.read(spark, lake.panelFirmYear(), panel.schema())
                    .where(col("year").isin(years.toArray()));
            Map<Integer, Long> rowsOut = new TreeMap<>();
            Map<Integer, Long> linked = new TreeMap<>();
            years.forEach(y -> rowsOut.put(y, 0L));
            for (Row r : written.groupBy("year").agg(count(lit(1)), sum(col("matched"))).collectAsList()) {
                rowsOut.put(r.getInt(0), r.getLong(1));
                linked.put(r.getInt(0), r.isNullAt(2) ? 0 : r.getLong(2));
            }
            spark.sparkContext().setJobDescription("panel: descriptive statistics");
            List<VariableSummary> summary = PanelSummary.of(written, VARIABLES, rowsOut);
            PartitionedParquet.replaceWhole(spark, PanelSummary.toFrame(spark, summary).coalesce(1), lake.panelSummary());
            PartitionedParquet.replaceWhole(spark, spark.createDataFrame(fits.stream().map(ProductionFunctions.Fit::toRow)
                    .toList(), ProductionFunctions.SCHEMA).coalesce(1), lake.panelProductionFunctions());

            Report report = new Report(rowsOut, linked, industry, panelIds.result(), quality.counts(), fits, summary,
                    qualityByYear(written));
            writeManifest(spark, lake, years, config, configLabel, rowsIn, rowsOut, report);
            return report;
        } finally {
            base.unpersist();
            if (tfpInputs != null) {
                tfpInputs.unpersist();
            }
        }
    }

    private static Column group(Column qu, HonourLevels levels, String group) {
        return when(qu.isin(levels.levelsOf(group).toArray()), 1).otherwise(0);
    }

    private static void writeManifest(SparkSession spark, LakeTables lake, List<Integer> years, PanelConfig config,
                                      String configLabel, Map<Integer, Long> rowsIn, Map<Integer, Long> rowsOut,
                                      Report report) {
        RunManifest manifest = new RunManifest("panel", new LinkedHashMap<>(Map.of("years", years,
                "config", configLabel, "settings", config.echo())));
        for (Integer year : years) {
            manifest.addCounts("asif", year, rowsIn.get(year), rowsOut.get(year), 0, 0);
        }
        Map<String, Object> honours = new LinkedHashMap<>();
        honours.put("entries", report.honours().entries());
        honours.put("unknown_honour_names", report.honours().unknownHonour());
        honours.put("unknown_provinces", report.honours().unknownProvince());
        honours.put("entries_held", report.honours().matchedEntries());
        honours.put("ambiguous_firm_years", report.honours().ambiguousFirmYears());
        manifest.put("honours", honours);
        manifest.put("industry", report.industry().toMap());
        manifest.put("panel_ids", report.panelIds().toMap());
        List<Map<String, Object>> fits = new ArrayList<>();
        for (ProductionFunctions.Fit f : report.productionFunctions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("industry2", f.industry2());
            m.put("year", f.year());
            m.put("n", f.n());
            m.put("constant", f.constant());
            m.put("b_k", f.bk());
            m.put("b_l", f.bl());
            m.put("b_m", f.bm());
            m.put("output", f.output());
            m.put("values", f.values());
            m.put("r2", f.r2());
            m.put("note", f.note());
            fits.add(m);
        }
        manifest.put("tfp_production_functions", fits);
        Map<String, Object> missing = new LinkedHashMap<>();
        for (VariableSummary s : report.summaryOfAllYears()) {
            missing.put(s.variable(), s.missing());
        }
        manifest.put("missing_values", missing);
        manifest.write(spark.sparkContext().hadoopConfiguration(), lake, "years-" + years.get(0) + "-" + years.get(years.size() - 1));
    }
}
