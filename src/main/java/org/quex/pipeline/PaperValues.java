package org.quex.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.quex.report.ReferenceValues;
import org.quex.CsvTable;

/** The published coefficients of Tables 2–4 (reference/paper_tables.csv), as reference values for the tables. */
public final class PaperValues {
    static final String TABLE = "data-schemas/reference/paper_tables.csv";

    private PaperValues() {
    }

    /** The paper's values of a table ("table2" is the paper's table 2), or null for a table of the user's own. */
    public static ReferenceValues of(String tableId) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (Map<String, String> row : CsvTable.resource(TABLE).rows()) {
            if (("table" + row.get("table")).equals(tableId)) {
                values.computeIfAbsent(row.get("model"), m -> new LinkedHashMap<>())
                        .put(row.get("term"), Double.parseDouble(row.get("value")));
            }
        }
        return values.isEmpty() ? null : new ReferenceValues("paper", values);
    }
}
