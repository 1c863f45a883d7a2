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
        for (FitDirectory.Found f : FitDirectory.find(List.of(models().resolve(id).toString()))) {
            columns.add(new ModelColumn(f.dir().getFileName().toString(), f.fit()));
        }
        return new RegressionTable(id, title, "Dependent variable ln_export, exporters only; firm fixed effects absorbed"
                + " (| firm_id).", columns);
    }

    static List<RegressionTable> all() {
        List<RegressionTable> tables = new ArrayList<>();
        for (String[] t : TABLES) {
            tables.add(table(t[0], t[1]));
        }
        return tables;
    }
}
