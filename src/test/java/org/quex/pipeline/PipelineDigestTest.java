package org.quex.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
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
 * order-free digest of its values (the sum of a hash of each value with its row's key, modulo 2^31 - 1; for doubles
 * sums weighted by a hash of the key, compared to 1e-9, since Spark's sums of doubles depend on how rows are split), then the clean,
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
        // the kept Customs rows too (not written by default), so that every table of the stored run is compared
        java.util.Properties config = new java.util.Properties();
        config.putAll(ConfigFile.load(null).properties());
        config.setProperty("clean.customs.write_kept_rows", "true");
        RunJob.Outcome outcome = RunJob.run(spark, new RunJob.Settings(raw.toString(), lake, List.of(2012, 2013),
                new ConfigFile(config, "test"), ModelTable.load(null), false, false));
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

    /**
     * One line with the table's rows, then one per column: its name and the sum of its values' hashes,
     * or for a column of doubles, sums weighted by a hash of the row's key (compared to 1e-9 of the
     * sum of magnitudes: the last bits of an estimate such as TFP move with how Spark splits its sums,
     * which would flip some values at any number of printed digits).
     */
    static List<String> digest(SparkSession spark, String name, String path) {
        Dataset<Row> t = org.quex.lake.PartitionedParquet.read(spark, new org.apache.hadoop.fs.Path(path));
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (StructField f : t.schema().fields()) {
            if (f.name().equals("source_file")) {
                continue; // a temporary directory's path
            }
            columns.add(f.name());
            Column c = col("`" + f.name() + "`");
            if (f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)) {
                numeric.add(true);
                Column finite = c.isNotNull().and(not(isnan(c)));
                // the row's year and key fields weigh each value, so that a value moved to another row shows
                Column weight = pmod(xxhash64(rowKey(t)), lit(1000003L)).plus(1).divide(1000003.0);
                aggs.add(coalesce(sum(when(finite, c.multiply(weight))), lit(0.0)));
                aggs.add(coalesce(sum(when(finite, abs(c))), lit(0.0)));
                aggs.add(sum(when(finite, 0L).otherwise(1L)));
            } else {
                numeric.add(false);
                aggs.add(coalesce(sum(pmod(xxhash64(coalesce(c.cast("string"), lit("<null>")), rowKey(t)),
                        lit(2147483647L))), lit(0L)));
            }
        }
        Row r = t.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        List<String> lines = new ArrayList<>();
        lines.add("table " + name + " rows=" + r.getLong(0));
        int at = 1;
        for (int i = 0; i < columns.size(); i++) {
            if (numeric.get(i)) {
                lines.add(String.format(Locale.ROOT, "table %s column %s weighted=%.15e magnitude=%.15e missing=%d",
                        name, columns.get(i), r.getDouble(at), r.getDouble(at + 1), r.isNullAt(at + 2) ? 0 : r.getLong(at + 2)));
                at += 3;
            } else {
                lines.add("table " + name + " column " + columns.get(i) + " " + Long.toHexString(r.getLong(at)));
                at++;
            }
        }
        return lines;
    }

    /** Equal lines, or for a column of doubles equal missing counts and sums within 1e-9 of the magnitude. */
    static boolean same(String expected, String actual) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(.*) weighted=(\\S+) magnitude=(\\S+) (missing=\\d+)");
        java.util.regex.Matcher e = p.matcher(expected);
        java.util.regex.Matcher a = p.matcher(actual);
        if (!e.matches() || !a.matches()) {
            return expected.equals(actual);
        }
        double scale = Math.max(Double.parseDouble(e.group(3)), Double.MIN_NORMAL);
        return e.group(1).equals(a.group(1)) && e.group(4).equals(a.group(4))
                && Math.abs(Double.parseDouble(e.group(2)) - Double.parseDouble(a.group(2))) <= 1e-9 * scale
                && Math.abs(Double.parseDouble(e.group(3)) - Double.parseDouble(a.group(3))) <= 1e-9 * scale;
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
            if (!same(expected.get(i), actual.get(i))) {
                assertEquals(expected.get(i), actual.get(i), "line " + (i + 1) + " of " + EXPECTED);
            }
        }
        assertEquals(expected.size(), actual.size(), "lines of " + EXPECTED);
    }
}
