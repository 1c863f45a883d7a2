package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;
import org.quex.synth.RawLayouts;

class LayoutAndTypingTest {
    private static final RawLayouts LAYOUTS = RawLayouts.shared();

    private static List<String> header(String layout) {
        return LAYOUTS.columns(layout).stream().map(RawLayouts.RawColumn::rawName).toList();
    }

    @Test
    void aHeaderMatchesItsLayoutInAnyColumnOrder() {
        List<String> h = new ArrayList<>(header("asif_abbr_2011"));
        Collections.reverse(h);
        assertEquals("asif_abbr_2011", LayoutMatcher.match("asif", h, LAYOUTS, "f.csv"));
        assertEquals("customs_2007", LayoutMatcher.match("customs", header("customs_2007"), LAYOUTS, "f.csv"));
    }

    @Test
    void everyLayoutOfEverySourceIsFoundByItsOwnHeader() {
        for (String source : SourceSchema.SOURCES) {
            for (String layout : SourceSchema.layoutsOf(source, LAYOUTS)) {
                assertEquals(layout, LayoutMatcher.match(source, header(layout), LAYOUTS, "f.csv"));
            }
        }
    }

    @Test
    void anUnknownHeaderNamesTheUnmappedColumnsAndTheClosestLayout() {
        List<String> h = new ArrayList<>(header("asif_en_2001"));
        h.set(h.indexOf("wage"), "wage_total");
        QuexException e = assertThrows(QuexException.class, () -> LayoutMatcher.match("asif", h, LAYOUTS, "a.csv"));
        assertTrue(e.getMessage().startsWith("a.csv: the header matches no asif layout"), e.getMessage());
        assertTrue(e.getMessage().contains("columns that map to no layout: wage_total;"), e.getMessage());
        assertTrue(e.getMessage().contains("closest layout asif_en_2001 (35 of 36 columns match"), e.getMessage());
        assertTrue(e.getMessage().contains("it also has: wage)"), e.getMessage());
    }

    @Test
    void theLakeSchemaDocsAreTheSchemaTheCodeWrites() throws IOException {
        for (String source : SourceSchema.SOURCES) {
            try (InputStream in = getClass().getResourceAsStream("/data-schemas/lake/raw_" + source + ".csv")) {
                assertEquals(SourceSchema.of(source, LAYOUTS).describe(), new String(in.readAllBytes(),
                        StandardCharsets.UTF_8), "data-schemas/lake/raw_" + source + ".csv is out of date");
            }
        }
    }

    @Test
    void customsRowIsTypedWithItsValueFormats() throws Exception {
        SourceSchema schema = SourceSchema.of("customs", LAYOUTS);
        RowTyper typer = new RowTyper(schema, LAYOUTS.columns("customs_2007"), header("customs_2007"), 2007);
        Object[] row = typer.type(List.of("1", "0845011124", " 天津力达 ", "私营企业", "1012100", "23,333.5", "975",
                "米", "344", "一般贸易", "天津海关", "航空运输", "NA", "(022)78637209", "300765", ".", "3"));
        assertEquals("import", row[schema.indexOf("direction")]);
        assertEquals("0845011124", row[schema.indexOf("firm_code")]);
        assertEquals(" 天津力达 ", row[schema.indexOf("firm_name")]);
        assertEquals("01012100", row[schema.indexOf("hs_code")]);
        assertEquals(23333.5, row[schema.indexOf("value_usd")]);
        assertEquals("344", row[schema.indexOf("country")]);
        assertEquals("customs_code", row[schema.indexOf("country_format")]);
        assertNull(row[schema.indexOf("address")]);
        assertNull(row[schema.indexOf("contact")]);
        assertEquals(3, row[schema.indexOf("month")]);
        assertEquals(2007, row[schema.indexOf("year")]);
    }

    @Test
    void anAsifRowOfAnotherYearOrWithALetterInANumberIsRejectedNamingTheColumn() {
        SourceSchema schema = SourceSchema.of("asif", LAYOUTS);
        List<String> h = header("asif_en_1998");
        RowTyper typer = new RowTyper(schema, LAYOUTS.columns("asif_en_1998"), h, 2000);
        List<String> fields = new ArrayList<>(Collections.nCopies(h.size(), "1"));
        fields.set(h.indexOf("year"), "2000");
        fields.set(h.indexOf("employ"), "6O8");
        assertEquals("column employees (employ): not an integer: '6O8'",
                assertThrows(ValueFormats.BadValue.class, () -> typer.type(fields)).getMessage());
        fields.set(h.indexOf("employ"), "68");
        fields.set(h.indexOf("year"), "2001");
        assertEquals("column year: 2001, but the file is ingested as year 2000",
                assertThrows(ValueFormats.BadValue.class, () -> typer.type(fields)).getMessage());
    }

    @Test
    void aHandMadeFileAccountsForEveryPhysicalLine() {
        List<String> h = header("honours");
        String text = String.join(",", h) + "\r\n"
                + "\"甲公司,\r\n分厂\",2008,中国名牌产品,浙江省,2013\r\n"  // quoted newline: one record on lines 2-3
                + "\"乙公司,2009,省著名商标,江苏省,\r\n"                    // unbalanced quote: line 4
                + "丙公司,2010\r\n"                                          // short row: line 5
                + "丁公司,20l0,省著名商标,江苏省,\r\n"                       // letter l in a year: line 6
                + "戊公司,2011,省著名商标,江苏省,NA\r\n";                     // line 7
        InputFile file = new InputFile("h.csv", text.length(), "UTF-8", "given", ',', "honours", h);
        FileIngestion ingestion = new FileIngestion(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                file, SourceSchema.of("honours", LAYOUTS), LAYOUTS, 2013, 20);
        List<String> outcomes = new ArrayList<>();
        ingestion.forEachRemaining(o -> outcomes.add(o instanceof IngestOutcome.Typed t
                ? "row " + t.values()[0] + " @" + t.values()[SourceSchema.of("honours", LAYOUTS).indexOf("source_line")]
                : "quarantine @" + ((IngestOutcome.Quarantined) o).line() + ": " + ((IngestOutcome.Quarantined) o).reason()));
        assertEquals(List.of("row 甲公司,\n分厂 @2",
                "quarantine @4: unbalanced quote: the quoted field in column 1 never closes",
                "quarantine @5: 2 fields, expected 5",
                "quarantine @6: column year_obtained (获得年份): not an integer: '20l0'",
                "row 戊公司 @7"), outcomes);
        assertEquals(new FileCounts(7, 5, 2, 3, 0, 0), ingestion.counts());
    }
}
