package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawRowFormatterTest {
    private static final RawLayouts LAYOUTS = RawLayouts.shared();
    private static final ReferenceData REF = ReferenceData.shared();

    private static FirmHistory.CustomsRow row(int year, int keep) {
        String[] f = new String[CustomsField.values().length];
        java.util.Arrays.fill(f, "x");
        f[CustomsField.DIRECTION.ordinal()] = "export";
        f[CustomsField.HS_CODE.ordinal()] = "01012100";
        f[CustomsField.COUNTRY.ordinal()] = "502";
        f[CustomsField.MONTH.ordinal()] = "3";
        return new FirmHistory.CustomsRow(year, 3, f, keep, null, false);
    }

    private static String[] fields(int year) {
        RawRowFormatter f = new RawRowFormatter(LAYOUTS, LAYOUTS.fileFor("customs", year), REF);
        return f.customs(row(year, CustomsField.values().length)).split(",", -1);
    }

    @Test
    void eachYearWritesDirectionCountryHsAndMonthInItsOwnForm() {
        // 2000: 0=export, Chinese country name, YYYYMM
        String[] y2000 = fields(2000);
        assertEquals("0", y2000[0]);
        assertEquals("01012100", y2000[4]);
        assertEquals("美国", y2000[8]);
        assertEquals("200003", y2000[16]);
        // 2004: 出口, date of the month's first day
        String[] y2004 = fields(2004);
        assertEquals("出口", y2004[0]);
        assertEquals("2004-03-01", y2004[16]);
        // 2009: numeric HS loses its leading zero, numeric country code, bare month
        String[] y2009 = fields(2009);
        assertEquals("1012100", y2009[4]);
        assertEquals("502", y2009[8]);
        assertEquals("3", y2009[16]);
    }

    @Test
    void aShortRowKeepsOnlyItsFirstFields() {
        RawRowFormatter f = new RawRowFormatter(LAYOUTS, LAYOUTS.fileFor("customs", 2005), REF);
        assertEquals(5, f.customs(row(2005, 5)).split(",", -1).length);
    }
}
