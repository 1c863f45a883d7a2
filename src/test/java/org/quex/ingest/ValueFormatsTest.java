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
    void directionCodes() throws Exception {
        assertEquals("export", ValueFormats.direction("0", "0=export;1=import"));
        assertEquals("import", ValueFormats.direction("进口", "出口=export;进口=import"));
        assertEquals("b", ValueFormats.direction(" 1 ", "10=a;1=b"), "a code is matched whole, not as a prefix");
        assertEquals("unknown direction code '2' (expected one of 0, 1)", assertThrows(ValueFormats.BadValue.class,
                () -> ValueFormats.direction("2", "0=export;1=import")).getMessage());
    }

    @Test
    void hsCodesKeepLeadingZerosAndUnpaddedOnesGetThemBack() throws Exception {
        assertEquals("01012100", ValueFormats.hsCode("01012100", "hs8"));
        assertEquals("01012100", ValueFormats.hsCode("1012100", "hs8_unpadded"));
        assertEquals("84091000", ValueFormats.hsCode("84091000", "hs8_unpadded"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode("8409-10", "hs8"));
        assertEquals("01012100", ValueFormats.hsCode("1012100.0", "hs8_unpadded"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode("-84091000", "hs8"));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.hsCode("", "hs8"));
    }

    @Test
    void monthsFromEachFormAndTheirYearMustBeTheIngestedOne() throws Exception {
        assertEquals(3, ValueFormats.month("200003", "yyyyMM", 2000));
        assertEquals(11, ValueFormats.month("2004-11-01", "yyyy-MM-dd", 2004));
        assertEquals(7, ValueFormats.month("7", "M", 2008));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.month("13", "M", 2008));
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.month("200113", "yyyyMM", 2001));
        assertEquals("date '200103' is in 2001, the file is ingested as year 2000", assertThrows(
                ValueFormats.BadValue.class, () -> ValueFormats.month("200103", "yyyyMM", 2000)).getMessage());
    }
}
