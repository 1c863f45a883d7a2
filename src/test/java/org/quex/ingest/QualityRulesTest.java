package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityRulesTest {
    private static Map<String, Double> asifMetrics(double rows, double withId, double distinctIds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("nonnull:firm_id", withId);
        m.put("nonnull:sales", rows);
        m.put("distinct:firm_id", distinctIds);
        m.put("min:employees", 8.0);
        m.put("max:employees", 5000.0);
        return m;
    }

    private static String level(List<QualityCheck> checks, String check) {
        return checks.stream().filter(c -> c.check().equals(check)).findFirst().orElseThrow().level();
    }

    @Test
    void aCleanYearHasOnlyInformation() {
        List<QualityCheck> checks = QualityRules.DEFAULTS.evaluate("asif", asifMetrics(1000, 1000, 1000), 950, 1000, 0, 0, null);
        assertEquals(List.of(), checks.stream().filter(c -> !c.level().equals(QualityCheck.INFO)).toList());
        assertEquals("min 8, max 5000", checks.stream().filter(c -> c.check().equals("range:employees"))
                .findFirst().orElseThrow().message());
    }

    @Test
    void theEmploymentMeasuresTakenAreCounted() {
        Map<String, Double> m = asifMetrics(1000, 1000, 1000);
        m.put("measure:employees:average", 990.0);
        m.put("measure:employees:year_end", 10.0);
        QualityCheck c = QualityRules.DEFAULTS.evaluate("asif", m, -1, 1000, 0, 0, null).stream()
                .filter(x -> x.check().equals("employees_measure")).findFirst().orElseThrow();
        assertEquals(QualityCheck.INFO, c.level());
        assertEquals("990 rows average, 10 rows year_end", c.message());
    }

    @Test
    void levelsFollowTheThresholds() {
        List<QualityCheck> checks = QualityRules.DEFAULTS.evaluate("asif", asifMetrics(1000, 400, 390), 3000, 1100, 100, 20, "f.csv, line 7");
        assertEquals(QualityCheck.WARNING, level(checks, "row_change_vs_previous_year"));      // -66.7 %
        assertEquals(QualityCheck.ERROR, level(checks, "quarantine_share"));                   // 9.1 % > 5 %
        assertEquals(QualityCheck.ERROR, level(checks, "replacement_character_share"));        // 1.8 % > 1 %
        assertEquals("20 lines hold U+FFFD (the delivery stored replacement characters); first: f.csv, line 7",
                checks.stream().filter(c -> c.check().equals("replacement_character_share")).findFirst().orElseThrow()
                        .message());
        assertEquals(QualityCheck.ERROR, level(checks, "completeness:firm_id"));               // 40 % < 50 %
        assertEquals(QualityCheck.WARNING, level(checks, "duplicate_share:firm_id,year"));     // 10 of 400
    }

    @Test
    void noRowsIsAnError() {
        assertEquals(QualityCheck.ERROR, level(QualityRules.DEFAULTS.evaluate("customs", Map.of("rows", 0.0), -1, 3, 3, 0, null),
                "row_count"));
    }
}
