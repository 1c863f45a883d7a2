package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values as each year's scheme writes them, read by raw header name. */
class RawRowFormatterTest {
    private static final RawLayouts LAYOUTS = RawLayouts.shared();
    private static final ReferenceData REF = ReferenceData.shared();

    private static FirmHistory.CustomsRow customsRow(int year, int month, String country, int keep) {
        String[] f = new String[CustomsField.values().length];
        java.util.Arrays.fill(f, "x");
        f[CustomsField.DIRECTION.ordinal()] = "export";
        f[CustomsField.FIRM_CODE.ordinal()] = "8450111247";
        f[CustomsField.HS_CODE.ordinal()] = "01012100";
        f[CustomsField.COUNTRY.ordinal()] = country;
        f[CustomsField.VALUE_USD.ordinal()] = "1000";
        f[CustomsField.QUANTITY.ordinal()] = "8";
        f[CustomsField.UNIT.ordinal()] = "千克";
        f[CustomsField.TRADE_MODE.ordinal()] = "进料加工贸易";
        f[CustomsField.ADDRESS.ordinal()] = "苏州市东风路129号";
        f[CustomsField.MONTH.ordinal()] = Integer.toString(month);
        return new FirmHistory.CustomsRow(year, month, f, keep, null, false);
    }

    /** Raw header name → value of one Customs row in the file of its year and month. */
    private static Map<String, String> customs(int year, int month, String country) {
        RawRowFormatter f = new RawRowFormatter(LAYOUTS, LAYOUTS.fileFor("customs", year, month), REF, 1);
        return byName(f, f.customs(customsRow(year, month, country, CustomsField.values().length)));
    }

    private static Map<String, String> byName(RawRowFormatter f, String[] values) {
        List<String> header = f.header();
        assertEquals(header.size(), values.length);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(header.get(i), values[i]);
        }
        return m;
    }

    @Test
    void eachYearWritesDirectionCountryHsAndMonthInItsOwnForm() {
        Map<String, String> y2000 = customs(2000, 3, "502");
        assertEquals("0", y2000.get("exp_imp"));
        assertEquals("01012100", y2000.get("hs_id"));
        assertEquals("美国", y2000.get("country"));
        assertEquals("200003", y2000.get("shipment_date"));

        Map<String, String> y2004 = customs(2004, 3, "502");
        assertEquals("出口", y2004.get("进口或出口"));
        assertTrue(y2004.get("日期").matches("2004-03-(0[1-9]|1\\d|2[0-8])"), y2004.get("日期"));

        // 2005: CompanyType in the first months, companyType later, Chinese headers in December
        assertTrue(customs(2005, 3, "502").containsKey("CompanyType"));
        assertTrue(customs(2005, 7, "502").containsKey("companyType"));
        Map<String, String> dec2005 = customs(2005, 12, "142");
        assertEquals("中华人民共和国", dec2005.get("起运国或目的国"));
        assertEquals("125.00", dec2005.get("价格"));
        assertEquals("苏州市", dec2005.get("消费地或生产地"));

        Map<String, String> y2006 = customs(2006, 3, "116");
        assertEquals("日本", y2006.get("var18"));
        assertEquals(18, List.copyOf(y2006.keySet()).indexOf("var18") + 1, "the unnamed 18th column");

        // the Stata parts: HS code as a number without its leading zero, numeric country code
        Map<String, String> y2009 = customs(2009, 3, "502");
        assertEquals("0", y2009.get("_进口或出口"));
        assertEquals("1012100", y2009.get("_税号编码"));
        assertEquals("502", y2009.get("_起运国或目的国"));
        assertEquals("200903", y2009.get("_日期"));
        assertTrue(y2009.containsKey("_电话") && y2009.containsKey("_邮编"));
        Map<String, String> y2011 = customs(2011, 3, "502");
        assertFalse(y2011.containsKey("_电话") || y2011.containsKey("_邮编"), "2011 has no phone or zip");

        Map<String, String> y2012 = customs(2012, 3, "502");
        assertEquals("0", y2012.get("进出口分类代码_ImpExpTypeCd"));
        assertEquals("3", y2012.get("月份_Month"));
        assertEquals("15", y2012.get("贸易方式代码_TrdMdCd"));
        assertEquals("035", y2012.get("数量单位代码_QuantityUnitCd"));
        // 2013 has two schemes: the vendor's to June, Chinese headers from July
        assertTrue(customs(2013, 6, "502").containsKey("进出口分类代码_ImpExpTypeCd"));
        Map<String, String> sep2013 = customs(2013, 9, "502");
        assertEquals("出口", sep2013.get("进口或出口"));
        assertTrue(sep2013.get("日期").startsWith("201309") && sep2013.get("日期").length() == 8, sep2013.get("日期"));
    }

    private static Map<String, String> asif(int year, boolean defective) {
        String[] f = AsifDefectsTest.cleanRow();
        f[AsifField.YEAR.ordinal()] = Integer.toString(year);
        f[AsifField.REGISTRATION_TYPE.ordinal()] = "330";
        f[AsifField.REGION_CODE.ordinal()] = "320505";
        f[AsifField.INDUSTRY_CODE.ordinal()] = "3331";
        FirmHistory.AsifRow row = new FirmHistory.AsifRow(year, 42, f, f.length,
                defective ? Defect.ASIF_DUPLICATE_FIRM_YEAR : null);
        RawRowFormatter formatter = new RawRowFormatter(LAYOUTS, LAYOUTS.fileFor("asif", year), REF, 1);
        return byName(formatter, formatter.asif(row));
    }

    @Test
    void asifAmountsLabelsAndEmploymentAsEachSchemeWritesThem() {
        // 2013: amounts in RMB, (元) in the header; registration type as its NBS label
        Map<String, String> y2013 = asif(2013, false);
        assertEquals("38000000", y2013.get("主营业务收入（元）"));
        assertEquals("30000000", y2013.get("资产总计318（元）"), "a copy of total assets, in the same unit");
        assertEquals("外资企业", y2013.get("登记注册类型"));
        assertEquals("120", y2013.get("全部从业人员年平均人数"));
        long yearEnd = Long.parseLong(y2013.get("年末从业人员合计_总计"));
        assertTrue(yearEnd >= 110 && yearEnd <= 130, "year-end count near the average: " + yearEnd);
        // a defective row has equal measures, so either measure keeps it the one defect
        assertEquals("120", asif(2013, true).get("年末从业人员合计_总计"));

        Map<String, String> y2012 = asif(2012, false);
        assertEquals("38000", y2012.get("主营业务收入"));
        assertEquals("330", y2012.get("登记注册类型"));
        assertEquals("江苏省", y2012.get("省自治区直辖市"));

        // CIED: thousand RMB glued to the name, registration type as the delivery's text
        Map<String, String> y2008 = asif(2008, false);
        assertEquals("38000", y2008.get("主营业务收入千元"));
        assertEquals("外资（独资）企业", y2008.get("登记注册类型"));
        assertEquals("苏州市", y2008.get("市"));
        assertEquals("33", y2008.get("行业大类代码"));
        assertEquals(Long.toString(FirmIds.vendorGroup(42, 1)), y2008.get("group"));

        // the pooled file: dictionary names, operating profit beside total profit (c131), age
        Map<String, String> pooled = asif(2006, false);
        assertEquals("38000", pooled.get("sales"));
        assertEquals("7", pooled.get("age"));
        assertEquals("1", pooled.get("exportdum"));
        assertEquals("0", pooled.get("c131"));
        assertEquals(y2008.get("年末从业人员合计人"), asif(2008, false).get("年末从业人员合计人"), "extras repeat");
    }

    @Test
    void aShortRowKeepsOnlyItsFirstFields() {
        RawRowFormatter f = new RawRowFormatter(LAYOUTS, LAYOUTS.fileFor("customs", 2012, 5), REF, 1);
        assertEquals(5, f.customs(customsRow(2012, 5, "502", 5)).length);
        assertEquals(5, f.line(f.customs(customsRow(2012, 5, "502", 5))).split(",", -1).length);
    }
}
