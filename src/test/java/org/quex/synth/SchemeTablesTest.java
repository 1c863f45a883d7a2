package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quex.CsvTable;

/**
 * The generator's description of the real deliveries against the public header lists it cites
 * (src/test/resources/real_layouts, copies of shared/reference/real_layouts): a name the tables
 * attribute to a list is spelled as that list spells it.
 */
class SchemeTablesTest {
    private static String list(String file) throws IOException {
        try (InputStream in = SchemeTablesTest.class.getClassLoader().getResourceAsStream("real_layouts/" + file)) {
            assertTrue(in != null, "no real list " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyNameCitingARealListIsSpelledAsThatListSpellsIt() throws IOException {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (String table : List.of("asif_schemes.csv", "customs_schemes.csv")) {
            for (Map<String, String> r : CsvTable.resource("data-schemas/raw/" + table).rows()) {
                String source = r.get("source");
                if (source.startsWith("assumed")) {
                    continue;
                }
                String file = source.substring(0, source.indexOf(".csv") + 4);
                // 2013 carries its unit in the header: the list's name with (元) glued to it
                String name = r.get("raw_name").replace("（元）", "");
                String text = list(file);
                boolean spelled = file.startsWith("customs_raw_column_names")
                        ? text.contains(name) : text.contains("," + name + ",");
                if (!spelled) {
                    wrong.add(r.get("scheme") + " " + r.get("raw_name") + " not in " + file);
                }
                checked++;
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 330, "names checked: " + checked);
    }

    @Test
    void everyFileRowCitesAListAndEverySchemeIsUsed() throws IOException {
        RawLayouts layouts = RawLayouts.shared();
        Set<String> used = new java.util.HashSet<>();
        for (RawLayouts.RawFile f : layouts.files()) {
            used.add(f.scheme());
            if (!f.source().equals("honours")) {
                list(f.realLayout());
            }
            assertTrue(!layouts.columns(f.scheme()).isEmpty());
        }
        for (String table : List.of("asif_schemes.csv", "customs_schemes.csv")) {
            for (Map<String, String> r : CsvTable.resource("data-schemas/raw/" + table).rows()) {
                assertTrue(used.contains(r.get("scheme")), r.get("scheme") + " is described but never written");
            }
        }
    }

    /** Every year and month of 1998-2013 has exactly one file description per source (Customs from 2000). */
    @Test
    void theFileTableCoversEveryYearAndMonthOnce() {
        RawLayouts layouts = RawLayouts.shared();
        for (int year = GenerateSettings.FIRST_SUPPORTED_YEAR; year <= GenerateSettings.LAST_SUPPORTED_YEAR; year++) {
            for (int m = 1; m <= 12; m++) {
                for (String source : List.of("asif", "customs", "honours")) {
                    final int y = year;
                    final int month = m;
                    long n = layouts.files().stream().filter(f -> f.source().equals(source) && f.covers(y, month)).count();
                    assertEquals(source.equals("customs") && year < 2000 ? 0 : 1, n, source + " " + year + "-" + m);
                }
            }
        }
    }

    @Test
    void brokenLinesLiveInTextFilesOnlyAndLettersInNumbersWhereACellMayHoldText() {
        RawLayouts l = RawLayouts.shared();
        assertTrue(l.carries(Defect.ASIF_MALFORMED_SHORT_ROW, 2012, 0));
        assertTrue(!l.carries(Defect.ASIF_MALFORMED_SHORT_ROW, 2009, 0), "an Excel row has no short form");
        assertTrue(l.carries(Defect.ASIF_MALFORMED_NON_NUMERIC, 2009, 0), "an Excel cell may hold text");
        assertTrue(!l.carries(Defect.ASIF_MALFORMED_NON_NUMERIC, 2005, 0), "a Stata number is a number");
        assertTrue(l.carries(Defect.CUSTOMS_MALFORMED_NON_NUMERIC, 2006, 4), "2006 Access amounts are text");
        assertTrue(!l.carries(Defect.CUSTOMS_MALFORMED_NON_NUMERIC, 2004, 4), "2004 Access amounts are numbers");
        assertTrue(!l.carries(Defect.CUSTOMS_MALFORMED_UNBALANCED_QUOTE, 2010, 4));
        assertTrue(l.carries(Defect.CUSTOMS_MALFORMED_UNBALANCED_QUOTE, 2013, 9));
        assertTrue(l.carries(Defect.ASIF_DUPLICATE_FIRM_YEAR, 2005, 0), "rule defects exist in any format");
    }

    @Test
    void aPathOfPartsNeedsItsPart() {
        RawLayouts.RawFile parts = RawLayouts.shared().fileFor("customs", 2009, 5);
        assertEquals("customs/2009/tradedata_2009_15.dta", parts.path(2009, 5, 15));
        assertEquals("customs/2009/tradedata_2009_parts.dta", parts.stagingKey(2009, 5));
        assertThrows(IllegalStateException.class, () -> parts.path(2009, 5));
        assertEquals("asif/all9807finalruiliyong14.dta", RawLayouts.shared().fileFor("asif", 2003).path(2003, 1));
        assertEquals("200512", RawLayouts.shared().fileFor("customs", 2005, 12).table(2005, 12));
    }
}
