package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each planted ASIF defect breaks its own rule and no earlier one (rules as RawFileRecount reads them). */
class AsifDefectsTest {
    private static final int YEAR = 2006;

    static String[] cleanRow() {
        Map<AsifField, String> v = new HashMap<>();
        for (AsifField f : AsifField.values()) {
            v.put(f, "0");
        }
        v.put(AsifField.FIRM_ID, "123456788");
        v.put(AsifField.YEAR, "" + YEAR);
        v.put(AsifField.FIRM_NAME, "杭州华新机械有限公司");
        v.put(AsifField.FOUNDING_YEAR, "1999");
        v.put(AsifField.FOUNDING_MONTH, "6");
        v.put(AsifField.EMPLOYEES, "120");
        v.put(AsifField.GROSS_OUTPUT, "40000");
        v.put(AsifField.VALUE_ADDED, "10000");
        v.put(AsifField.EXPORT_VALUE, "3000");
        v.put(AsifField.SALES, "38000");
        v.put(AsifField.TOTAL_ASSETS, "30000");
        v.put(AsifField.CURRENT_ASSETS, "12000");
        v.put(AsifField.FIXED_ASSETS, "15000");
        v.put(AsifField.NET_FIXED_ASSETS, "11000");
        v.put(AsifField.WAGES_PAYABLE, "2000");
        String[] row = new String[AsifField.values().length];
        v.forEach((f, s) -> row[f.ordinal()] = s);
        return row;
    }

    static Map<String, String> canonical(String[] row) {
        Map<String, String> m = new HashMap<>();
        for (AsifField f : AsifField.values()) {
            m.put(f.canonical(), row[f.ordinal()]);
        }
        return m;
    }

    @Test
    void theCleanRowPassesEveryRule() {
        assertNull(RawFileRecount.asifRule(canonical(cleanRow()), YEAR));
    }

    @Test
    void everyRuleDefectIsCaughtByItsOwnRule() {
        for (Defect d : Defect.values()) {
            if (d.source() != Defect.Source.ASIF || d.malformed() || d == Defect.ASIF_DUPLICATE_FIRM_YEAR) {
                continue;
            }
            for (int seed = 0; seed < 50; seed++) {
                List<FirmHistory.AsifRow> rows = AsifDefects.plant(d, cleanRow(), YEAR, 7, new SplittableRandom(seed));
                assertEquals(1, rows.size());
                assertEquals(d.label(), RawFileRecount.asifRule(canonical(rows.get(0).fields()), YEAR), d + " seed " + seed);
            }
        }
    }

    @Test
    void aDuplicateIsTwoOtherwiseCleanRowsOfOneFirmYear() {
        List<FirmHistory.AsifRow> rows = AsifDefects.plant(Defect.ASIF_DUPLICATE_FIRM_YEAR, cleanRow(), YEAR, 7,
                new SplittableRandom(1));
        assertEquals(2, rows.size());
        for (FirmHistory.AsifRow r : rows) {
            assertNull(RawFileRecount.asifRule(canonical(r.fields()), YEAR));
            assertEquals("123456788", r.fields()[AsifField.FIRM_ID.ordinal()]);
        }
        // conflicting values: no row can be kept as "the" record
        org.junit.jupiter.api.Assertions.assertNotEquals(rows.get(0).fields()[AsifField.EMPLOYEES.ordinal()],
                rows.get(1).fields()[AsifField.EMPLOYEES.ordinal()]);
    }
}
