package org.quex.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quex.ConfigFile;
import org.quex.SparkTestSession;
import org.quex.clean.CleanJob;
import org.quex.estimate.FitResult;
import org.quex.lake.LakeTables;
import org.quex.match.MatchJob;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/**
 * The speed-ups of issue 22 change how clean, match and panel compute, not what: the whole run on
 * one generated delivery (600 firms, 2012–2013: UTF-8 and GB18030 Customs CSV, HS2012) gives the
 * same tables, reports and estimates as the code before them. What that code gave is stored in
 * src/test/resources/pipeline-digests.txt: per lake table its rows and, per column, an
 * order-free digest of its values (the sum of a hash of each value with its row's key, modulo 2^31 - 1; doubles to 12
 * significant digits, since Spark's sums of doubles depend on how rows are split), then the clean,
 * match and panel report lines and every model's estimates and standard errors.
 * Run with -Dquex.digests.write=PATH to write the file anew (only from code known to be right).
 */
class PipelineDigestTest {
    private static final String EXPECTED = "pipeline-digests.txt";
    private static List<String> actual;

    @BeforeAll
    static void run() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path work = Files.createTempDirectory("quex-digest-");
        Path raw = work.resolve("raw");
        SynthJob.run(spark, new GenerateSettings(5, 600, 2012, 2013, 100, 6, TrueCoefficients.FE_QU, 0.08, 2),
                TrueCoefficients.load(null), raw.toString(), true);
        LakeTables lake = new LakeTables(work.resolve("lake").toString());
        RunJob.Outcome outcome = RunJob.run(spark, new RunJob.Settings(raw.toString(), lake, List.of(2012, 2013),
                ConfigFile.load(null), ModelTable.load(null), false, false));
        actual = new ArrayList<>();
        for (String table : List.of("raw/asif", "raw/customs", "clean/asif", "clean/asif_rejected", "clean/customs",
                "clean/customs_rejected", "clean/customs_firm_year", "match/links", "panel/firm_year",
                "panel/summary", "panel/tfp_production_functions")) {
            actual.addAll(digest(spark, table, lake.root() + "/" + table));
        }
        for (CleanJob.Report r : outcome.cleaning()) {
            r.lines().forEach(l -> actual.add("report " + l));
        }
        for (MatchJob.Report r : outcome.matching()) {
            r.lines().forEach(l -> actual.add("report " + l));
        }
        outcome.panel().lines().forEach(l -> actual.add("report " + l));
        for (RunJob.FittedTable t : outcome.tables()) {
            for (FitResult fit : t.fits()) {
                StringBuilder b = new StringBuilder("fit " + t.table().id() + " " + fit.spec().model() + " n="
                        + fit.sample().n());
                for (FitResult.Term term : fit.terms()) {
                    b.append(String.format(Locale.ROOT, " %s=%.9g(%.9g)", term.name(), term.estimate(), term.stdError()));
                }
                actual.add(b.toString());
            }
        }
        String out = System.getProperty("quex.digests.write");
        if (out != null && !out.isBlank()) {
            Files.write(Path.of(out), actual, StandardCharsets.UTF_8);
        }
    }

    /** One line with the table's rows, then one per column: its name and the sum of its values' hashes. */
    static List<String> digest(SparkSession spark, String name, String path) {
        Dataset<Row> t = org.quex.lake.PartitionedParquet.read(spark, new org.apache.hadoop.fs.Path(path));
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        List<String> columns = new ArrayList<>();
        for (StructField f : t.schema().fields()) {
            if (f.name().equals("source_file")) {
                continue; // a temporary directory's path
            }
            columns.add(f.name());
            Column c = col("`" + f.name() + "`");
            Column text = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)
                    ? format_string("%.12g", c) : c.cast("string");
            // the row's year and key fields go with each value, so that a value moved to another row shows
            aggs.add(coalesce(sum(pmod(xxhash64(coalesce(text, lit("<null>")), rowKey(t)), lit(2147483647L))), lit(0L)));
        }
        Row r = t.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        List<String> lines = new ArrayList<>();
        lines.add("table " + name + " rows=" + r.getLong(0));
        for (int i = 0; i < columns.size(); i++) {
            lines.add("table " + name + " column " + columns.get(i) + " " + Long.toHexString(r.getLong(i + 1)));
        }
        return lines;
    }

    /** What identifies a row in the lake's tables: year and firm, file line, or the whole row's text. */
    private static Column rowKey(Dataset<Row> t) {
        List<Column> key = new ArrayList<>();
        for (String k : List.of("year", "month", "firm_id", "firm_code", "source_line", "customs_firm_code",
                "asif_firm_id", "industry2", "variable")) {
            if (java.util.Arrays.asList(t.columns()).contains(k)) {
                key.add(coalesce(col(k).cast("string"), lit("<null>")));
            }
        }
        return key.isEmpty() ? lit("") : concat_ws("\u001f", key.toArray(Column[]::new));
    }

    @Test
    void theRunGivesTheTablesReportsAndEstimatesOfTheCodeBeforeTheSpeedUps() throws IOException {
        List<String> expected = Files.readAllLines(Path.of(SparkTestSession.resource(EXPECTED)), StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1) + " of " + EXPECTED);
        }
        assertEquals(expected.size(), actual.size(), "lines of " + EXPECTED);
    }
}
