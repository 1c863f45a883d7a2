package org.quex.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CommandRun;
import org.quex.SparkTestSession;
import org.quex.lake.TableReader;
import org.quex.stata.DtaWriter;

/**
 * What estimate reads (issue 18, point 5): a Parquet table partitioned in year= folders (all of
 * them, with the year column), a Stata .dta file (codes, not value labels), and --where.
 */
class EstimateInputsTest {
    @TempDir
    Path tmp;

    private static void assertSameFit(FitResult expected, FitResult actual) {
        assertEquals(expected.fit().get("n"), actual.fit().get("n"));
        for (FitResult.Term t : expected.terms()) {
            assertEquals(t.omitted(), actual.term(t.name()).omitted(), t.name());
            if (!t.omitted()) {
                OracleTest.assertRelative(t.estimate(), actual.term(t.name()).estimate(), 1e-10, t.name());
                OracleTest.assertRelative(t.stdError(), actual.term(t.name()).stdError(), 1e-10, t.name() + " se");
            }
        }
    }

    @Test
    void aPartitionedParquetTableIsReadWithAllItsYearsAndWhereSelectsRows() throws Exception {
        Dataset<Row> csv = FormulaOracleTest.panel();
        Path lake = tmp.resolve("panel/firm_year");
        csv.selectExpr("cast(firm as int) firm", "cast(year as int) year", "cast(y as double) y",
                "cast(x1 as double) x1", "cast(x2 as double) x2").write().partitionBy("year").parquet(lake.toString());
        Dataset<Row> read = TableReader.read(SparkTestSession.get(), lake.toString());
        assertEquals(600, read.count());
        assertEquals(10, read.select("year").distinct().count());

        Path out = tmp.resolve("out");
        CommandRun r = CommandRun.of("estimate", "--input", lake.toString(), "--where", "year >= 2003 and firm <> 7",
                "--model", "fe", "--formula", "y ~ x1 + x1:x2 + i(year) | firm", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        FitResult expected = Estimation.fit(csv.where("cast(year as int) >= 2003 and cast(firm as int) <> 7"),
                ModelSpec.of(ModelSpec.Model.FE, "y ~ x1 + x1:x2 + i(year) | firm", null));
        assertEquals(472L, expected.fit().get("n")); // 59 firms × 8 years
        List<String> lines = Files.readAllLines(out.resolve("coefficients.csv"));
        String x1 = lines.stream().filter(l -> l.startsWith("x1,")).findFirst().orElseThrow();
        OracleTest.assertRelative(expected.term("x1").estimate(), Double.parseDouble(x1.split(",")[1]), 1e-10, "x1");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("year::2003,")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("year::2002,")), lines.toString());
        assertTrue(Files.readString(out.resolve("fit.json")).contains("\"n\" : 472"));

        CommandRun bad = CommandRun.of("estimate", "--input", lake.toString(), "--where", "yeer >= 2003", "--model", "ols",
                "--formula", "y ~ x1", "--out", out.toString());
        assertEquals(1, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("quex estimate: error: --where 'yeer >= 2003' is not a condition on the columns of "
                + lake), bad.err());
    }

    @Test
    void aStataFileIsReadWithItsCodesNotItsValueLabels() throws Exception {
        List<Row> rows = FormulaOracleTest.panel().selectExpr("cast(firm as int)", "cast(year as int)",
                "cast(d as int)", "cast(x1 as double)", "cast(x2 as double)").collectAsList();
        Path dta = tmp.resolve("panel.dta");
        List<DtaWriter.Variable> vars = List.of(new DtaWriter.Variable("firm", DtaWriter.Type.LONG),
                new DtaWriter.Variable("year", DtaWriter.Type.INT),
                new DtaWriter.Variable("d", DtaWriter.Type.BYTE, "exports", "yesno"),
                new DtaWriter.Variable("x1", DtaWriter.Type.DOUBLE), new DtaWriter.Variable("x2", DtaWriter.Type.DOUBLE));
        Map<String, Map<Integer, String>> labels = new HashMap<>();
        labels.put("yesno", Map.of(0, "否", 1, "是"));
        try (OutputStream os = Files.newOutputStream(dta);
             DtaWriter w = DtaWriter.open(os, 118, StandardCharsets.UTF_8, vars, rows.size(), labels)) {
            for (Row r : rows) {
                w.writeRow(new Object[] {r.getInt(0), (short) r.getInt(1), (byte) r.getInt(2), r.getDouble(3), r.getDouble(4)});
            }
        }
        String formula = "d ~ x1 + i(year) + x1:x2";
        FitResult fromDta = Estimation.fit(TableReader.read(SparkTestSession.get(), dta.toString()),
                ModelSpec.of(ModelSpec.Model.PROBIT, formula, null));
        assertSameFit(Estimation.fit(FormulaOracleTest.panel(), ModelSpec.of(ModelSpec.Model.PROBIT, formula, null)),
                fromDta);
    }
}
