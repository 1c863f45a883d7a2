package org.quex.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.quex.SparkTestSession;

/** The paper's three tables from the 17 fits of a demo run (src/test/resources/report/demo_models). */
final class PaperTables {
    static final String[][] TABLES = {
        {"table2", "Table 2. Product quality upgrading and export status (Probit)"},
        {"table3", "Table 3. Product quality upgrading and export scale (firm fixed effects)"},
        {"table4", "Table 4. Quality upgrading levels and export scale (firm fixed effects)"}};

    private PaperTables() {
    }

    static Path models() {
        return Path.of(SparkTestSession.resource("report/demo_models"));
    }

    static RegressionTable table(String id, String title) {
        List<ModelColumn> columns = new ArrayList<>();
        for (FitDirectory.Found f : FitDirectory.find(List.of(models().resolve(id).toString()),
                new org.apache.hadoop.conf.Configuration())) {
            columns.add(new ModelColumn(f.dir().getName(), f.fit()));
        }
        return new RegressionTable(id, title, "Dependent variable ln_export, exporters only; firm fixed effects absorbed"
                + " (| firm_id).", columns);
    }

    /**
     * A stored probit fit with margins.csv (report/spector_margins, written by estimate --margins)
     * three times: its coefficients, average marginal effects and effects at the means.
     */
    static RegressionTable spectorMargins() {
        org.quex.estimate.FitResult fit = FitDirectory.read(Path.of(SparkTestSession.resource("report/spector_margins")));
        return new RegressionTable("margins", "Spector and Mazzeo's probit: coefficients and marginal effects", null,
                List.of(new ModelColumn("coef", fit, null, Shown.COEFFICIENTS), new ModelColumn("ame", fit, null, Shown.MARGINS),
                        new ModelColumn("mem", fit, null, Shown.ATMEANS)));
    }

    static List<RegressionTable> all() {
        List<RegressionTable> tables = new ArrayList<>();
        for (String[] t : TABLES) {
            tables.add(table(t[0], t[1]));
        }
        return tables;
    }
}
