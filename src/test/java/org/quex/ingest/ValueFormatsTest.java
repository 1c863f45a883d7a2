package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueFormatsTest {
    @Test
    void missingMarkers() {
        assertTrue(ValueFormats.isMissing(""));
        assertTrue(ValueFormats.isMissing(" NA "));
        assertTrue(ValueFormats.isMissing("."));
        assertFalse(ValueFormats.isMissing("0"));
    }

    @Test
    void integersWithThousandsSeparatorsSignsAndZeroFractions() throws Exception {
        assertEquals(1234567L, ValueFormats.parseLong("1,234,567"));
        assertEquals(-247L, ValueFormats.parseLong("-247"));
        assertEquals(1234L, ValueFormats.parseLong("1234.00"));
        assertEquals(12L, ValueFormats.parseLong(" +12 "));
    }

    @Test
    void malformedIntegersAreRejectedWithTheValue() {
        assertEquals("not an integer: '6O8'", assertThrows(ValueFormats.BadValue.class,
                () -> ValueFormats.parseLong("6O8")).getMessage());
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseLong("12,34"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseLong("1.5"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseLong("99999999999999999999"));
    }

    @Test
    void decimals() throws Exception {
        assertEquals(1234.5, ValueFormats.parseDouble("1,234.5"));
        assertEquals(1e3, ValueFormats.parseDouble("1e3"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseDouble("2O333"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseDouble("."));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.parseDouble("NaN"));
    }

    @Test
    void directionsInEveryDeliveredForm() throws Exception {
        assertEquals("export", ValueFormats.direction("0"));
        assertEquals("import", ValueFormats.direction(" 1 "));
        assertEquals("import", ValueFormats.direction("进口"));
        assertEquals("export", ValueFormats.direction("出口"));
        assertEquals("export", ValueFormats.direction("0.0"), "a numeric Stata column printed as a double");
        assertEquals("unknown direction code '2' (expected 1/0, 进口/出口 or import/export)",
                assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.direction("2")).getMessage());
    }

    @Test
    void hsCodesKeepLeadingZerosAndNumericOnesGetThemBack() throws Exception {
        assertEquals("01012100", ValueFormats.hsCode("01012100"));
        assertEquals("01012100", ValueFormats.hsCode("1012100"));
        assertEquals("84091000", ValueFormats.hsCode("84091000"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode("8409-10"));
        assertEquals("01012100", ValueFormats.hsCode("1012100.0"));
        assertEquals("840910", ValueFormats.hsCode("840910"), "other lengths are left to clean's nomenclature check");
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode("-84091000"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode(""));
    }

    @Test
    void monthsFromEachFormAndTheirYearMustBeTheIngestedOne() throws Exception {
        assertEquals(3, ValueFormats.month("200003", 2000));
        assertEquals(11, ValueFormats.month("2004-11-01", 2004));
        assertEquals(11, ValueFormats.month("20041101", 2004));
        assertEquals(5, ValueFormats.month("2004/5", 2004));
        assertEquals(7, ValueFormats.month("7", 2008));
        assertEquals(7, ValueFormats.month("7.0", 2008));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.month("13", 2008));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.month("200113", 2001));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.month("2007", 2007), "a plain year has no month");
        assertEquals("date '200103' is in 2001, the file is ingested as year 2000", assertThrows(
                ValueFormats.BadValue.class, () -> ValueFormats.month("200103", 2000)).getMessage());
    }

    @Test
    void codesAsDeliveriesHoldThem() throws Exception {
        assertEquals("110", ValueFormats.registrationType("110.0"));
        assertEquals("110", ValueFormats.registrationType("国有企业"));
        assertEquals("210", ValueFormats.registrationType("合资经营企业（港或澳台资）"));
        assertEquals("330", ValueFormats.registrationType("外资(独资)企业"), "half-width parentheses too");
        assertEquals("某类企业", ValueFormats.registrationType("某类企业"), "an unknown label is kept as delivered");
        assertEquals("0610", ValueFormats.padded(ValueFormats.code("610"), 4));
        assertEquals("050011", ValueFormats.padded(ValueFormats.code("50011.0"), 6));
        assertEquals("1234", ValueFormats.padded("1234", 4));
        assertEquals("863395012", ValueFormats.firmId("863395012.0"));
        assertEquals("firm id in scientific notation (a spreadsheet rounded it): '8.63395E+09'", assertThrows(
                ValueFormats.BadValue.class, () -> ValueFormats.firmId("8.63395E+09")).getMessage());
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.firmId("NULL"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.text("甲公司\0"));
    }
}
