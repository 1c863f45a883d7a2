package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each definition of domain.md's variable table on hand-computed values. */
class FirmYearVariablesTest {
    private static final List<String> STATE = List.of("110", "141", "143", "151");

    @Test
    void ratiosWithAZeroOrMissingDenominatorAreMissingNotInfinite() {
        assertEquals(0.25, FirmYearVariables.ratio(250L, 1000L)); // roa = profit / assets
        assertNull(FirmYearVariables.ratio(250L, 0L));
        assertNull(FirmYearVariables.ratio(250L, null));
        assertNull(FirmYearVariables.ratio(null, 1000L));
    }

    @Test
    void logsOfNonPositiveValuesAreMissing() {
        assertEquals(Math.log(1000), FirmYearVariables.logPlusOne(999L), 1e-15); // pro = ln(profit + 1)
        assertEquals(0.0, FirmYearVariables.logPlusOne(0L));
        assertNull(FirmYearVariables.logPlusOne(-1L));                             // a loss: no pro
        assertNull(FirmYearVariables.logPlusOne(-50L));
        assertEquals(Math.log(64.0), FirmYearVariables.log(6400.0 / 100), 1e-15); // ln_cap of 6400 / 100 workers
        assertNull(FirmYearVariables.log(0.0));
        assertNull(FirmYearVariables.log(null));
    }

    @Test
    void ageIsSurveyYearMinusFoundingYear() {
        assertEquals(12, FirmYearVariables.age(2007, 1995));
        assertNull(FirmYearVariables.age(2007, null));
        assertEquals(0.0004, FirmYearVariables.square(0.02), 1e-18); // si2
    }

    @Test
    void positiveMarksExportersAndSubsidisedFirms() {
        assertEquals(1, FirmYearVariables.positive(3L));
        assertEquals(0, FirmYearVariables.positive(0L));
        assertNull(FirmYearVariables.positive(null));
    }

    @Test
    void foreignByRegistrationTypeAndForeignShareOfPaidInCapital() {
        assertEquals(1, FirmYearVariables.foreign("210", List.of("2", "3")));
        assertEquals(1, FirmYearVariables.foreign("340", List.of("2", "3")));
        assertEquals(0, FirmYearVariables.foreign("173", List.of("2", "3")));
        assertNull(FirmYearVariables.foreign(" ", List.of("2", "3")));
        assertEquals(0.6, FirmYearVariables.foreignShare(200L, 400L, 1000L), 1e-15);
        assertEquals(0.4, FirmYearVariables.foreignShare(null, 400L, 1000L), 1e-15);
        assertNull(FirmYearVariables.foreignShare(200L, 400L, 0L));
        assertNull(FirmYearVariables.foreignShare(null, null, 1000L));
    }

    @Test
    void stateOwnedByTypeOrByTheLargestCapitalShareTiesIncluded() {
        assertEquals(1, FirmYearVariables.state("110", STATE, true, 0L, 0L, 0L, 500L, 0L, 0L));
        assertEquals(1, FirmYearVariables.state("160", STATE, true, 500L, 100L, 500L, 0L, 0L, 0L)); // tie
        assertEquals(0, FirmYearVariables.state("160", STATE, true, 400L, 100L, 500L, 0L, 0L, 0L));
        assertEquals(0, FirmYearVariables.state("160", STATE, false, 500L, 100L, 0L, 0L, 0L, 0L));
        assertEquals(0, FirmYearVariables.state("160", STATE, true, 0L, 0L, 0L, 0L, 0L, 0L));
    }

    @Test
    void centralByAffiliationCode() {
        assertEquals(1, FirmYearVariables.central("10", List.of("10", "11")));
        assertEquals(1, FirmYearVariables.central("11", List.of("10", "11")));
        assertEquals(0, FirmYearVariables.central("40", List.of("10", "11")));
        assertNull(FirmYearVariables.central(null, List.of("10", "11")));
    }

    @Test
    void sizeClassesFollowTheStandardOfTheYear() {
        SizeStandards s = SizeStandards.load(2011);
        // 2003 standard: employees, sales and assets must all reach a class (thousand RMB)
        assertEquals(SizeStandards.LARGE, s.classOf(2008, 2000L, 300_000L, 400_000L));
        assertEquals(SizeStandards.MEDIUM, s.classOf(2008, 2000L, 299_999L, 400_000L));
        assertEquals(SizeStandards.MEDIUM, s.classOf(2008, 300L, 30_000L, 40_000L));
        assertEquals(SizeStandards.SMALL, s.classOf(2008, 300L, 30_000L, 39_999L));
        assertEquals(SizeStandards.SMALL, s.classOf(2008, 8L, 5_000L, 100L)); // no micro before 2011
        // 2011 standard: employees and revenue; micro below 20 employees or 3 million RMB
        assertEquals(SizeStandards.LARGE, s.classOf(2011, 1000L, 400_000L, null));
        assertEquals(SizeStandards.MEDIUM, s.classOf(2011, 999L, 400_000L, null));
        assertEquals(SizeStandards.SMALL, s.classOf(2011, 20L, 3_000L, null));
        assertEquals(SizeStandards.MICRO, s.classOf(2011, 19L, 300_000L, null));
        assertEquals(SizeStandards.MICRO, s.classOf(2012, 500L, 2_999L, null));
        assertNull(s.classOf(2012, null, 2_999L, null));
        assertEquals(1, FirmYearVariables.dummy(SizeStandards.SMALL, SizeStandards.SMALL));
        assertEquals(0, FirmYearVariables.dummy(SizeStandards.MICRO, SizeStandards.SMALL));
    }

    @Test
    void sizeStandardBoundsAreReadFromTheNbsTable() {
        assertEquals(300_000L, SizeStandards.lowerBound(">=30000 (sales revenue)", 10));
        assertEquals(300L, SizeStandards.lowerBound("300-<2000", 1));
        assertNull(SizeStandards.lowerBound("<300", 1));
        assertNull(SizeStandards.lowerBound("n/a", 10));
    }

    @Test
    void theSurveyFrameOfEachYear() {
        SurveyFrame frame = PanelConfig.from(org.quex.ConfigFile.load(null)).frame();
        assertNull(frame.minSales(1997));
        assertEquals(5000L, frame.minSales(1998));
        assertEquals(5000L, frame.minSales(2010));
        assertEquals(20000L, frame.minSales(2011));
        assertEquals(20000L, frame.minSales(2013));
        java.util.List<org.apache.spark.sql.Row> rows = org.quex.SparkTestSession.get().range(2009, 2013)
                .selectExpr("cast(id as int) as year").select(frame.column()).collectAsList();
        assertEquals(java.util.List.of(5000L, 5000L, 20000L, 20000L), rows.stream().map(r -> r.getLong(0)).toList());
    }

    @Test
    void industriesMapTo2002AndToOecdTechnologyClasses() {
        IndustryClassification c = IndustryClassification.load(PanelConfig.from(org.quex.ConfigFile.load(null)));
        assertEquals(new IndustryClassification.Mapped("3551", false), c.toCic2002(2008, "3551"));   // 2002 codes pass
        assertNull(c.toCic2002(2008, "3515"), "a 2002-vintage code not in the GB/T 4754-2002 list is unmapped");
        // GB/T 4754-1994 codes before 2003 (gb4754_crosswalk_1994_2002.csv, 4-digit rows)
        assertEquals(new IndustryClassification.Mapped("1310", false), c.toCic2002(2001, "1311"));   // 1:1, renumbered
        assertEquals(new IndustryClassification.Mapped("1610", false), c.toCic2002(2002, "1610"));   // 1:1, same number
        assertEquals(new IndustryClassification.Mapped("2031", true), c.toCic2002(1998, "2031"));    // 2031, 2032, 2039
        assertEquals(new IndustryClassification.Mapped("1364", true), c.toCic2002(2000, "1359"));    // 1364, 1369: smallest
        assertNull(c.toCic2002(2001, "1300"), "1300 is not a 1994 class");
        assertEquals(2002, c.vintage(2003));
        assertEquals(1994, c.vintage(2002));
        assertEquals(2011, c.vintage(2012));
        // GB/T 4754-2011 codes from 2012 (gb4754_crosswalk_2002_2011.csv read backwards, 4-digit rows)
        assertEquals(new IndustryClassification.Mapped("2920", false), c.toCic2002(2012, "2912"));   // 1:1, renumbered
        assertEquals(new IndustryClassification.Mapped("3162", false), c.toCic2002(2013, "3082"));   // 1:1, renumbered
        assertEquals(new IndustryClassification.Mapped("1721", true), c.toCic2002(2012, "1721"));    // 1721, 1722: own number
        assertEquals(new IndustryClassification.Mapped("1751", true), c.toCic2002(2012, "1771"));    // 1751 … 1759: smallest
        assertEquals(new IndustryClassification.Mapped("3679", true), c.toCic2002(2012, "4330"));    // 8 sources: smallest
        assertNull(c.toCic2002(2012, "9999"));
        // every class of GB/T 4754-2011 reaches a class of the 2002 list
        java.util.Set<String> classes2002 = new java.util.HashSet<>();
        org.quex.CsvTable.resource(IndustryClassification.CODES_2002).rows().stream()
                .filter(r -> "class".equals(r.get("level"))).forEach(r -> classes2002.add(r.get("code")));
        long classes2011 = 0;
        for (java.util.Map<String, String> r : org.quex.CsvTable.resource("data-schemas/reference/cic_gbt4754_2011_codes.csv")
                .rows()) {
            if ("class".equals(r.get("level"))) {
                classes2011++;
                IndustryClassification.Mapped m = c.toCic2002(2013, r.get("code"));
                assertTrue(m != null && classes2002.contains(m.cic2002()), r.get("code") + " -> " + m);
            }
        }
        assertEquals(1094, classes2011);
        assertEquals(IndustryClassification.LOW_TECH, c.techClass("1711"));
        assertEquals(IndustryClassification.MEDIUM_TECH, c.techClass("2511"));    // medium-low
        assertEquals(IndustryClassification.MEDIUM_TECH, c.techClass("3511"));    // medium-high
        assertEquals(IndustryClassification.HIGH_TECH, c.techClass("4011"));
        assertEquals(IndustryClassification.HIGH_TECH, c.techClass("3681"));      // medical instruments in division 36
        assertEquals(0, c.techClass("0610"));                                      // mining: the base
    }

    @Test
    void yearListsAndRanges() {
        assertEquals(List.of(2000, 2001, 2002), YearList.parse("2000-2002"));
        assertEquals(List.of(2001, 2012), YearList.parse("2012, 2001"));
        org.junit.jupiter.api.Assertions.assertThrows(org.quex.QuexException.class, () -> YearList.parse("2012-2001"));
        org.junit.jupiter.api.Assertions.assertThrows(org.quex.QuexException.class, () -> YearList.parse("twenty"));
    }
}
