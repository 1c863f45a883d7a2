package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.ingest.catalogue.ColumnCatalogue;
import org.quex.ingest.catalogue.HeaderMapping;
import org.quex.ingest.catalogue.HeaderNames;
import org.quex.lake.schema.CanonicalColumn;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.schema.ValueKind;
import org.quex.synth.RawLayouts;

/**
 * Headers as the real deliveries have them (the lists in src/test/resources/real_layouts, read in
 * public code that processes the files) and as the generator writes them, mapped and typed.
 */
class HeaderMappingTest {
    private static final List<String> ORDER = org.quex.ingest.catalogue.ColumnCatalogue.DEFAULT_EMPLOYEES_ORDER;

    private static ColumnCatalogue catalogue(String source) {
        return ColumnCatalogue.load(source, null);
    }

    private static HeaderMapping map(String source, List<String> header) {
        return HeaderMapping.of(header, catalogue(source), "f.csv", ORDER, true);
    }

    /** The distinct raw names of a real list that cover {@code year}, in list order. */
    private static List<Map<String, String>> realColumns(String list, int year) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (Map<String, String> r : CsvTable.resource("real_layouts/" + list + ".csv").rows()) {
            boolean covers = r.get("year_from").isEmpty()
                    || Integer.parseInt(r.get("year_from")) <= year && year <= Integer.parseInt(r.get("year_to"));
            // the researcher's own geocoding and merges are not delivery columns
            if (covers && !r.get("meaning").contains("[added by the repository author")) {
                byName.putIfAbsent(r.get("raw_name"), r);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Every column the generator writes as a canonical field is mapped to that field (the
     * generator's first employment measure first), and every extra column it writes maps to none;
     * the header is reversed so that no order is assumed.
     */
    @Test
    void everyHeaderTheGeneratorWritesMapsItsFieldsAndLeavesItsExtrasOut() {
        RawLayouts layouts = RawLayouts.shared();
        List<String> wrong = new ArrayList<>();
        for (RawLayouts.RawFile f : layouts.files()) {
            List<String> h = new ArrayList<>(layouts.header(f));
            Collections.reverse(h);
            HeaderMapping m = map(f.source(), h);
            for (RawLayouts.RawColumn c : layouts.columns(f.scheme())) {
                int at = h.indexOf(c.rawName());
                List<String> fedBy = new ArrayList<>();
                m.sources().forEach((canonical, positions) -> {
                    for (int p : positions) {
                        if (p == at) {
                            fedBy.add(canonical);
                        }
                    }
                });
                List<String> expected = c.extra() ? List.of() : List.of(c.canonical());
                if (!fedBy.equals(expected)) {
                    wrong.add(f.scheme() + " " + c.rawName() + " -> " + fedBy + ", generator says " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * A row of one real scheme and year: each column gets a value of its own; every column the list
     * says means a canonical column must arrive there (amounts converted from a unit suffix), extra
     * columns are listed, and a scheme that lacks a needed column is refused naming it, then
     * accepted once the column is added.
     */
    @ParameterizedTest
    @CsvSource({
            "asif,pernet_asif_pooled_1998_2007,2005,",
            "asif,cloudbrain_asif_zh_truncated_1998_2007,2004,industry_code",
            "asif,cloudbrain_asif_zh_truncated_1998_2007,1998,industry_code",
            "asif,landsat_asie2003,2003,",
            "asif,landsat_asie2010,2010,",
            "asif,testecon_asif_en_vendor_1998_2007,2001,firm_name",
            "asif,testecon_asif_en_vendor_1998_2007,2000,firm_name",
            "asif,lu_cie_abbrev_1998_2007,2007,",
            "asif,unitsuffixed_cied_zh_1998_2014,2004,sales",
            "customs,lu_customs_monthly_mdb_2000_2006,2000,",
            "customs,lu_customs_monthly_mdb_2000_2006,2002,",
            "customs,lu_customs_monthly_mdb_2000_2006,2004,",
            "customs,lu_customs_monthly_mdb_2000_2006,2006,",
            "customs,pernet_customs_yearly_en_2000_2006,2006,month",
            "customs,lu_pernet_customs_dta_parts_2007_2011,2009,",
    })
    void aRealSchemeMapsItsColumnsToTheirCanonicalNames(String source, String list, int year, String firstMissing)
            throws Exception {
        SourceSchema schema = SourceSchema.of(source);
        List<Map<String, String>> cols = realColumns(list, year);
        List<String> header = new ArrayList<>(cols.stream().map(r -> r.get("raw_name")).toList());
        header.add("delivery_extra");
        if (firstMissing != null) {
            QuexException e = assertThrows(QuexException.class, () -> map(source, header));
            assertTrue(e.getMessage().startsWith("f.csv: no column for " + firstMissing), e.getMessage());
            assertTrue(e.getMessage().contains("; columns of the file that map to nothing: "), e.getMessage());
            for (CanonicalColumn c : schema.columns()) {
                boolean needed = c.need() == CanonicalColumn.Need.REQUIRED
                        || c.need() == CanonicalColumn.Need.PARTITION && !c.name().equals("year");
                if (needed && header.stream().noneMatch(h -> catalogue(source).lookup(HeaderNames.normalize(h)).stream()
                        .anyMatch(a -> a.canonical().equals(c.name())))) {
                    header.add(c.name()); // the lake's own name: the column the scheme lacks
                }
            }
        }
        HeaderMapping m = map(source, header);
        assertEquals("delivery_extra", m.extras().get(m.extras().size() - 1));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            fields.add(valueFor(header.get(i), i, source));
        }
        Object[] row = new RowTyper(schema, m, header, year).type(fields);
        int checked = 0;
        for (Map<String, String> r : cols) {
            String canonical = r.get("canonical_hint");
            if (canonical.isEmpty() || schema.indexOf(canonical) < 0 || canonical.equals("year")
                    || m.sources().get(canonical)[0] != header.indexOf(r.get("raw_name"))) {
                continue; // not a canonical column, or a second source of one (checked below)
            }
            int i = header.indexOf(r.get("raw_name"));
            assertEquals(expected(schema.column(canonical), r.get("raw_name"), i), row[schema.indexOf(canonical)],
                    list + " " + year + ": " + r.get("raw_name") + " → " + canonical);
            checked++;
        }
        assertTrue(checked >= 5, list + ": only " + checked + " columns checked");
        assertEquals(year, row[schema.indexOf("year")]);
    }

    /** A valid value for a column, distinct per position. */
    private static String valueFor(String raw, int i, String source) {
        List<ColumnCatalogue.Alias> a = catalogue(source).resolve(raw).aliases();
        String canonical = a.isEmpty() ? "" : a.get(0).canonical();
        return switch (canonical) {
            case "direction" -> "出口";
            case "month" -> "5";
            case "hs_code" -> "1012100";
            case "year" -> "";
            case "founding_month" -> "7";
            default -> Integer.toString(200000 + 10 * i + 7);
        };
    }

    private static Object expected(CanonicalColumn c, String raw, int i) {
        long v = 200000 + 10 * i + 7;
        return switch (c.name()) {
            case "direction" -> "export";
            case "month" -> 5;
            case "hs_code" -> "01012100";
            case "founding_month" -> 7;
            default -> c.kind() == ValueKind.STRING ? Long.toString(v) : c.kind() == ValueKind.INT ? (Object) (int) v
                    : c.kind() == ValueKind.DOUBLE ? (Object) (double) v : (Object) v;
        };
    }

    @Test
    void namesAreComparedNormalizedAndUnitSuffixesConvertAmounts() throws Exception {
        SourceSchema schema = SourceSchema.of("asif");
        List<String> h = List.of("\uFEFFFRDM", " en ", "INDTYPE", "全部从业人员年平均人数人", "年末从业人员合计人",
                "主营业务收入万元", "资产总计（千元）", "出口交货值元", "CompanyType");
        HeaderMapping m = map("asif", h);
        assertEquals(List.of("CompanyType"), m.extras());
        Object[] row = new RowTyper(schema, m, h, 2009).type(List.of("000123.0", "甲公司", "610", "", "55",
                "12.5", "900", "1500", "x"));
        assertEquals("000123", row[schema.indexOf("firm_id")]);
        assertEquals("甲公司", row[schema.indexOf("firm_name")]);
        assertEquals("0610", row[schema.indexOf("industry_code")], "a code stored as a number gets its zero back");
        assertEquals(55L, row[schema.indexOf("employees")], "year-end count where the average is missing");
        assertEquals("year_end", row[schema.indexOf("employees_measure")]);
        assertEquals(125L, row[schema.indexOf("sales")], "12.5 万元 = 125 thousand RMB");
        assertEquals(900L, row[schema.indexOf("total_assets")]);
        assertEquals(2L, row[schema.indexOf("export_value")], "1,500 元 = 1.5 thousand RMB, rounded");
        Object[] both = new RowTyper(schema, m, h, 2009).type(List.of("1", "甲", "1310", "40", "55", "1", "1", "", "x"));
        assertEquals(40L, both[schema.indexOf("employees")], "the annual average goes first");
        assertEquals("average", both[schema.indexOf("employees_measure")]);
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("employees from 全部从业人员年平均人数人 (average)")), m.notes().toString());
        // the CIED 2025 do-file's convention, chosen in quex.conf (ingest.employees.order)
        org.quex.ingest.catalogue.ColumnCatalogue yearEndFirst = catalogue("asif")
                .withEmployeesOrder(List.of("year_end", "average"));
        HeaderMapping y = HeaderMapping.of(h, yearEndFirst, "f.csv", yearEndFirst.employeesOrder(), true);
        Object[] yearEnd = new RowTyper(schema, y, h, 2009).type(List.of("1", "甲", "1310", "40", "55", "1", "1", "", "x"));
        assertEquals(55L, yearEnd[schema.indexOf("employees")], "the year-end count goes first");
        assertEquals("year_end", yearEnd[schema.indexOf("employees_measure")]);
        assertEquals("ingest.employees.order must be average,year_end or year_end,average, not average,average",
                assertThrows(org.quex.QuexException.class, () -> yearEndFirst.withEmployeesOrder(
                        List.of("average", "average"))).getMessage());
    }

    /** Names that normalize alike in two schemes: the scheme that spells them exactly is the file's. */
    @Test
    void theSchemeThatSpellsTheNamesExactlyWinsATie() {
        List<String> parts = List.of("_进口或出口", "_企业编码", "_经营单位", "_税号编码", "_起运国或目的国", "_金额", "_数量",
                "_日期");
        assertEquals("lu_pernet_dta_parts", map("customs", parts).scheme());
        List<String> monthly = parts.stream().map(n -> n.substring(1)).toList();
        assertTrue(!map("customs", monthly).scheme().equals("lu_pernet_dta_parts"), map("customs", monthly).scheme());
    }

    @Test
    void aUserAddsAnAliasWithAFileAndAConflictIsRefusedNamingBoth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("asif_mydelivery.csv"),
                "canonical,raw_name,scheme\nsales,营业收入合计,my_2015\n", StandardCharsets.UTF_8);
        List<String> h = List.of("法人代码", "企业名称", "行业代码", "从业人数", "营业收入合计", "资产总计");
        assertThrows(QuexException.class, () -> map("asif", h), "unknown without the user's file");
        HeaderMapping m = HeaderMapping.of(h, ColumnCatalogue.load("asif", dir), "f.csv", ORDER, true);
        assertEquals(4, m.sources().get("sales")[0]);
        java.nio.file.Files.writeString(dir.resolve("asif_zz.csv"), "canonical,raw_name\nprofit,SI\n",
                StandardCharsets.UTF_8);
        QuexException e = assertThrows(QuexException.class, () -> ColumnCatalogue.load("asif", dir));
        assertTrue(e.getMessage().contains("raw name 'SI' (scheme user) means profit, but 'SI' (scheme lu_cie_abbrev) "
                + "means sales"), e.getMessage());
    }

    @Test
    void caseTwinsMergeAndAnAmbiguousColumnIsOneLine() throws Exception {
        SourceSchema schema = SourceSchema.of("customs");
        List<String> h = List.of("exp_or_imp", "company", "hs_id", "value", "shipment_date", "CompanyType", "companyType");
        HeaderMapping m = map("customs", h);
        Object[] row = new RowTyper(schema, m, h, 2005).type(List.of("进口", "甲", "84091000", "10", "200503", "", "外资"));
        assertEquals("外资", row[schema.indexOf("company_type")], "the empty twin falls to the other");
        assertEquals("import", row[schema.indexOf("direction")]);
        assertEquals(3, row[schema.indexOf("month")]);
        assertTrue(m.notes().contains("CompanyType and companyType merged into company_type (first non-empty value)"));
        QuexException e = assertThrows(QuexException.class, () -> map("customs",
                List.of("exp_or_imp", "company", "经营单位", "hs_id", "value", "shipment_date")));
        assertEquals("f.csv: column firm_name is ambiguous: company, 经营单位 all map to it; remove one or give the "
                + "file's scheme its own alias file (docs/ingest.md)", e.getMessage());
    }

    @Test
    void aRowCounterCalledIdIsNotTheFirmIdWhenTheFileHasOne() {
        HeaderMapping m = map("asif", List.of("id", "firm", "name", "cic", "employ", "sales", "toasset"));
        assertEquals(1, m.sources().get("firm_id")[0]);
        assertTrue(m.notes().contains("firm_id from firm, not id (weaker aliases)"), m.notes().toString());
    }

    @Test
    void customsRowIsTypedFromTheStataPartsScheme() throws Exception {
        SourceSchema schema = SourceSchema.of("customs");
        List<String> h = List.of("_进口或出口", "_企业编码", "_经营单位", "_企业性质", "_税号编码", "_金额", "_数量",
                "_起运国或目的国", "_贸易方式", "_日期", "电话", "邮编");
        RowTyper typer = new RowTyper(schema, map("customs", h), h, 2007);
        Object[] row = typer.type(List.of("1", "0845011124", " 天津力达 ", "私营企业", "1012100", "23,333.5", "975",
                "344", "一般贸易", "20070315", "(022)78637209", "NA"));
        assertEquals("import", row[schema.indexOf("direction")]);
        assertEquals("0845011124", row[schema.indexOf("firm_code")]);
        assertEquals(" 天津力达 ", row[schema.indexOf("firm_name")]);
        assertEquals("01012100", row[schema.indexOf("hs_code")]);
        assertEquals(23333.5, row[schema.indexOf("value_usd")]);
        assertEquals("344", row[schema.indexOf("country")]);
        assertEquals("customs_code", row[schema.indexOf("country_format")]);
        assertNull(row[schema.indexOf("zip")]);
        assertNull(row[schema.indexOf("contact")]);
        assertEquals(3, row[schema.indexOf("month")]);
        assertEquals(2007, row[schema.indexOf("year")]);
    }

    @Test
    void anAsifRowWithALetterInANumberIsRejectedNamingTheColumnAndARowKeepsItsOwnYear() throws ValueFormats.BadValue {
        SourceSchema schema = SourceSchema.of("asif");
        List<String> h = List.of("firm", "year", "name", "cic", "employ", "sales", "toasset");
        RowTyper typer = new RowTyper(schema, map("asif", h), h, 2000);
        List<String> fields = new ArrayList<>(List.of("1", "2000", "甲", "1310", "6O8", "1", "1"));
        assertEquals("column employees (employ): not an integer: '6O8'",
                assertThrows(ValueFormats.BadValue.class, () -> typer.type(fields)).getMessage());
        fields.set(4, "68");
        fields.set(1, "2001");
        assertEquals(2001, typer.type(fields)[schema.indexOf("year")], "the year column wins over the file's year");
        fields.set(1, "2000");
        fields.set(0, "8.63395E+09");
        assertEquals("column firm_id (firm): firm id in scientific notation (a spreadsheet rounded it): '8.63395E+09'",
                assertThrows(ValueFormats.BadValue.class, () -> typer.type(fields)).getMessage());
    }

    @Test
    void aHandMadeFileAccountsForEveryPhysicalLine() {
        List<String> h = List.of("企业名称", "获得年份", "荣誉名称", "省份", "有效期至");
        String text = String.join(",", h) + "\r\n"
                + "\"甲公司,\r\n分厂\",2008,中国名牌产品,浙江省,2013\r\n"  // quoted newline: one record on lines 2-3
                + "\"乙公司,2009,省著名商标,江苏省,\r\n"                    // unbalanced quote: line 4
                + "丙公司,2010\r\n"                                          // short row: line 5
                + "丁公司,20l0,省著名商标,江苏省,\r\n"                       // letter l in a year: line 6
                + "戊公司,2011,省著名商标,江苏省,NA\r\n";                     // line 7
        InputFile file = new InputFile("h.csv", text.length(), RawFormat.DELIMITED, "UTF-8", "given", ',',
                map("honours", h), h);
        FileIngestion ingestion = new FileIngestion(RawTables.open(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), file, 20), file, SourceSchema.of("honours"), 2013);
        List<String> outcomes = new ArrayList<>();
        ingestion.forEachRemaining(o -> outcomes.add(o instanceof IngestOutcome.Typed t
                ? "row " + t.values()[0] + " @" + t.values()[SourceSchema.of("honours").indexOf("source_line")]
                : "quarantine @" + ((IngestOutcome.Quarantined) o).line() + ": " + ((IngestOutcome.Quarantined) o).reason()));
        assertEquals(List.of("row 甲公司,\n分厂 @2",
                "quarantine @4: unbalanced quote: the quoted field in column 1 never closes",
                "quarantine @5: 2 fields, expected 5",
                "quarantine @6: column year_obtained (获得年份): not an integer: '20l0'",
                "row 戊公司 @7"), outcomes);
        assertEquals(new FileCounts(7, 5, 2, 3, 0, 0), ingestion.counts());
    }
}
