package org.quex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.estimate.ModelSpec;

/** Model files: the packed paper tables, a sample per table or model, and clear errors. */
class ModelTableTest {
    private static final org.apache.spark.sql.types.StructType SCHEMA = org.apache.spark.sql.types.DataTypes.createStructType(
            List.of(org.apache.spark.sql.types.DataTypes.createStructField("matched", org.apache.spark.sql.types.DataTypes.IntegerType, true),
                    org.apache.spark.sql.types.DataTypes.createStructField("year", org.apache.spark.sql.types.DataTypes.IntegerType, true)));

    /** A model file's properties from key, value, key, value, …. */
    private static Properties modelFile(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void thePackedFilesHoldThePapersSeventeenModels() {
        List<ModelTable> tables = ModelTable.load(null);
        assertEquals(List.of("table2", "table3", "table4"), tables.stream().map(ModelTable::id).toList());
        assertEquals(List.of(6, 6, 5), tables.stream().map(t -> t.models().size()).toList());
        ModelTable.Model m = tables.get(1).models().get(5);
        assertEquals("4-5", m.id());
        assertEquals(ModelSpec.Model.FE, m.spec().model());
        assertEquals(List.of("panel_id"), m.spec().formula().absorbed());   // the firm across id changes (docs/panel.md)
        assertTrue(m.spec().formula().regressors().containsAll(List.of("indus1", "indus2", "indus3")));
        assertNull(m.sample());
        assertTrue(m.spec().absorb().keepSingletons(), "table 3 is xtreg, fe: singletons kept");
        assertEquals(false, tables.get(0).models().get(0).spec().absorb().keepSingletons());
    }

    @Test
    void keepSingletonsForTheTableOrOneModel() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a, b",
                "keep_singletons", "true",
                "model.a.estimator", "fe",
                "model.a.formula", "y ~ x | firm + year",
                "model.b.estimator", "fe",
                "model.b.formula", "y ~ x | firm",
                "model.b.keep_singletons", "no");
        ModelTable t = ModelTable.parse("mine", p, "mine.conf");
        assertTrue(t.models().get(0).spec().absorb().keepSingletons());
        assertEquals(false, t.models().get(1).spec().absorb().keepSingletons());
        p.setProperty("model.b.keep_singletons", "maybe");
        QuexException e = assertThrows(QuexException.class, () -> ModelTable.parse("mine", p, "mine.conf"));
        assertEquals("mine.conf: model b: model.b.keep_singletons = 'maybe' is not true or false", e.getMessage());
    }

    @Test
    void aSampleForTheTableAppliesToEveryModelUnlessAModelHasItsOwn() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a, b",
                "sample", "matched = 1",
                "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu",
                "model.b.estimator", "ols",
                "model.b.formula", "ln_export ~ qu",
                "model.b.sample", "matched = 1 and year >= 2005");
        ModelTable t = ModelTable.parse("mine", p, "mine.conf");
        assertEquals("matched = 1", t.models().get(0).sample());
        assertEquals("matched = 1 and year >= 2005", t.models().get(1).sample());

        Dataset<Row> panel = SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1, 2004),
                RowFactory.create(1, 2006), RowFactory.create(0, 2006)),
                SCHEMA);
        assertEquals(2, RunJob.restrict(panel, t, t.models().get(0)).count());
        assertEquals(1, RunJob.restrict(panel, t, t.models().get(1)).count());
    }

    @Test
    void aSampleOnAnUnknownColumnNamesTheModel() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a",
                "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu",
                "model.a.sample", "matchd = 1");
        ModelTable t = ModelTable.parse("mine", p, "mine.conf");
        Dataset<Row> panel = SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1, 2004)),
                SCHEMA);
        QuexException e = assertThrows(QuexException.class, () -> RunJob.restrict(panel, t, t.models().get(0)));
        assertTrue(e.getMessage().startsWith("model file mine, model a: sample 'matchd = 1'"), e.getMessage());
    }

    @Test
    void anUnknownEstimatorNamesTheFileAndModel() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a",
                "model.a.estimator", "logit",
                "model.a.formula", "ex ~ qu");
        QuexException e = assertThrows(QuexException.class, () -> ModelTable.parse("mine", p, "mine.conf"));
        assertTrue(e.getMessage().startsWith("mine.conf: model a:"), e.getMessage());
    }

    @Test
    void weightsMarginsAndPredictionsAreSetPerTableOrModel() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a, b",
                "margins", "true",
                "weights", "fw:copies",
                "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu",
                "model.a.predict", "yes",
                "model.b.estimator", "probit",
                "model.b.formula", "ex ~ qu",
                "model.b.margins", "false",
                "model.b.weights", "");
        ModelTable t = ModelTable.parse("mine", p, "mine.conf");
        ModelTable.Model a = t.models().get(0);
        ModelTable.Model b = t.models().get(1);
        assertTrue(a.margins() && a.predict());
        assertEquals("fw:copies", a.spec().weights().toString());
        assertTrue(!b.margins() && !b.predict());
        assertNull(b.spec().weights());

        Properties bad = modelFile("title", "Mine", "models", "a", "model.a.estimator", "ols",
                "model.a.formula", "y ~ x", "model.a.margins", "true");
        QuexException e = assertThrows(QuexException.class, () -> ModelTable.parse("mine", bad, "mine.conf"));
        assertEquals("mine.conf: model a: margins = true is for probit models; this one is ols", e.getMessage());
    }

    @Test
    void showMarginsComputesThemAndSetsWhatTheProbitColumnsPrint() {
        Properties p = modelFile(
                "title", "Mine",
                "models", "a, b, c",
                "show", "margins",
                "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu",
                "model.b.estimator", "probit",
                "model.b.formula", "ex ~ qu",
                "model.b.show", "atmeans",
                "model.c.estimator", "fe",
                "model.c.formula", "y ~ qu | firm_id");
        ModelTable t = ModelTable.parse("mine", p, "mine.conf");
        assertEquals(org.quex.report.Shown.MARGINS, t.models().get(0).show());
        assertTrue(t.models().get(0).margins(), "show = margins computes the margins");
        assertEquals(org.quex.report.Shown.ATMEANS, t.models().get(1).show());
        assertEquals(org.quex.report.Shown.COEFFICIENTS, t.models().get(2).show(), "a table's show is for its probits");
        assertTrue(!t.models().get(2).margins());

        Properties ols = modelFile("title", "Mine", "models", "a", "model.a.estimator", "ols",
                "model.a.formula", "y ~ x", "model.a.show", "margins");
        QuexException e = assertThrows(QuexException.class, () -> ModelTable.parse("mine", ols, "mine.conf"));
        assertEquals("mine.conf: model a: show = margins is for probit models; this one is ols", e.getMessage());
        Properties typo = modelFile("title", "Mine", "models", "a", "model.a.estimator", "probit",
                "model.a.formula", "ex ~ qu", "model.a.show", "margin");
        QuexException t2 = assertThrows(QuexException.class, () -> ModelTable.parse("mine", typo, "mine.conf"));
        assertTrue(t2.getMessage().startsWith("mine.conf: model a: model.a.show 'margin' is not one of coefficients,"
                + " margins, atmeans"), t2.getMessage());
    }

    /** One model that cannot be estimated on its sample is a failed result with the reason; the run goes on. */
    @Test
    void aModelThatCannotBeEstimatedIsAFailedResult() {
        ModelTable.Model m = new ModelTable.Model("a", ModelSpec.of(ModelSpec.Model.OLS, "year ~ matched", null), null);
        Dataset<Row> empty = SparkTestSession.get().createDataFrame(List.of(RowFactory.create(null, 2004)), SCHEMA);
        org.quex.estimate.FitResult r = RunJob.fitOrFailure(empty, m, "mine");
        assertEquals(org.quex.estimate.FitResult.Diagnostics.Status.FAILED, r.diagnostics().status());
        assertTrue(r.diagnostics().message().startsWith("no observations"), r.diagnostics().message());
        assertEquals("failed", org.quex.estimate.FitOutput.fitJson(r).lines().filter(l -> l.contains("\"status\""))
                .findFirst().orElseThrow().replaceAll(".*: \"|\".*", ""));
    }
}
