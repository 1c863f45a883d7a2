package org.quex.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quex.synth.AsifField;
import org.quex.synth.FirmHistory;
import org.quex.synth.FirmSimulator;
import org.quex.synth.GenerateSettings;
import org.quex.synth.RawLayouts;
import org.quex.synth.ReferenceData;
import org.quex.synth.TrueCoefficients;

/** The BVZ chain on hand-made firm-years, and against the generator's planted id changes, renames and namesakes. */
class PanelIdsTest {
    private static final List<PanelIds.Step> DEFAULT = List.of(PanelIds.Step.FIRM_ID, PanelIds.Step.NAME,
            PanelIds.Step.LEGAL_PERSON, PanelIds.Step.PHONE);

    private static PanelIds.FirmYear fy(int year, String id, String name, String person, String phone) {
        return new PanelIds.FirmYear(year, id, name, person, "320500", 1995, phone, "3411");
    }

    @Test
    void eachStepLinksWhatTheEarlierOnesLeft() {
        List<PanelIds.FirmYear> rows = List.of(
                fy(2001, "A1", "甲机械有限公司", "李强", "1111111"),       // 0: id change, same name → name
                fy(2002, "A2", "甲机械有限公司", "李强", "1111111"),       // 1
                fy(2001, "B1", "乙电子厂", "张伟", "2222222"),             // 2: id change and rename → legal person
                fy(2002, "B2", "乙电子有限公司", "张伟", "2222222"),        // 3
                fy(2001, "C1", "丙五金厂", "赵敏", "3333333"),             // 4: new name and legal person → phone
                fy(2002, "C2", "丙五金有限公司", "孙丽", "3333333"),        // 5
                fy(2001, "D1", "同名有限公司", "周杰", "4444444"),          // 6: namesake of E, id change → name (E took its id link)
                fy(2001, "E1", "同名有限公司", "吴涛", "5555555"),          // 7
                fy(2002, "D2", "同名有限公司", "周杰", "4444444"),          // 8
                fy(2002, "E1", "同名有限公司", "吴涛", "5555555"),          // 9
                fy(2001, "F1", "丁塑料厂", "王芳", "6666666"),             // 10: F and G share legal person, county, founding
                fy(2001, "G1", "戊塑料厂", "王芳", null),                  // 11
                fy(2002, "F2", "丁塑料有限公司", "王芳", "6666666"),        // 12: ambiguous by legal person, linked by phone
                fy(2002, "G2", "戊塑料有限公司", "王芳", null),             // 13: ambiguous, no phone: not linked
                fy(2001, "H1", "己玩具厂", "马超", "7777777"),             // 14: absent in 2002, back in 2003
                fy(2003, "H1", "己玩具厂", "马超", "7777777"));            // 15
        PanelIds.Result r = PanelIds.build(rows, DEFAULT, 2);
        List<String> ids = r.panelIds();
        assertEquals("A1/2001", ids.get(1));
        assertEquals("B1/2001", ids.get(3));
        assertEquals("C1/2001", ids.get(5));
        assertEquals("D1/2001", ids.get(8));
        assertEquals("E1/2001", ids.get(9));
        assertEquals("F1/2001", ids.get(12));
        assertEquals("G2/2002", ids.get(13));
        assertNotEquals(ids.get(11), ids.get(13));
        assertEquals("H1/2001", ids.get(15));
        Map<String, Long> byStep = new TreeMap<>(Map.of("firm_id 2002", 1L, "name 2002", 2L, "legal_person 2002", 1L,
                "phone 2002", 2L, "firm_id 2003 gap 2", 1L));
        assertEquals(byStep, r.linksByStepAndYear());
        assertEquals(1L, r.ambiguousByStep().get("legal_person"));   // F1/G1 → F2/G2
        assertEquals(0L, r.ambiguousByStep().get("name"));            // 同名 had one left on each side after the id step
        assertEquals(9, r.ids());                                    // A B C D E F G1 G2 H
        assertEquals(Map.of(1, 4L, 2, 5L), r.idsByFirmIds());         // E, G1, G2, H keep one firm id
        assertEquals(0, r.firmIdsSplit());

        PanelIds.Result consecutiveOnly = PanelIds.build(rows, DEFAULT, 1);
        assertEquals("H1/2003", consecutiveOnly.panelIds().get(15));
        assertEquals(1, consecutiveOnly.firmIdsSplit());              // H1 now in two ids
        assertEquals("A2/2002", PanelIds.build(rows, List.of(PanelIds.Step.FIRM_ID), 2).panelIds().get(1));
    }

    /** Links scored against the generator's true firms: precision and recall of the firm-year links. */
    record Score(long links, long correct, long truePairs, long found, long yearsWithTwoFirms, long idChanges) {
        double precision() {
            return (double) correct / links;
        }

        double recall() {
            return (double) found / truePairs;
        }
    }

    static Score score(GenerateSettings s, int maxGap) {
        FirmSimulator sim = new FirmSimulator(s, ReferenceData.shared(), TrueCoefficients.load(null), RawLayouts.shared());
        List<PanelIds.FirmYear> rows = new ArrayList<>();
        List<Long> firm = new ArrayList<>();
        for (int f = 0; f < s.firms(); f++) {
            FirmHistory h = sim.simulate(f);
            for (FirmHistory.AsifRow a : h.asif) {
                if (a.defect() != null) {
                    continue; // clean removes it
                }
                String[] v = a.fields();
                rows.add(new PanelIds.FirmYear(a.year(), v[AsifField.FIRM_ID.ordinal()],
                        NameNormalizer.normalize(v[AsifField.FIRM_NAME.ordinal()]), v[AsifField.LEGAL_PERSON.ordinal()],
                        v[AsifField.REGION_CODE.ordinal()].substring(0, 6),
                        Integer.valueOf(v[AsifField.FOUNDING_YEAR.ordinal()]),
                        NameNormalizer.phone7(v[AsifField.PHONE.ordinal()]), v[AsifField.INDUSTRY_CODE.ordinal()]));
                firm.add(a.firm());
            }
        }
        PanelIds.Result r = PanelIds.build(rows, DEFAULT, maxGap);
        long correct = r.links().stream().filter(l -> firm.get(l.from()).equals(firm.get(l.to()))).count();
        // true pairs: consecutive clean firm-years of one true firm, at most maxGap years apart
        Map<Long, TreeMap<Integer, Integer>> byFirm = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byFirm.computeIfAbsent(firm.get(i), k -> new TreeMap<>()).put(rows.get(i).year(), i);
        }
        Set<Long> pairs = new HashSet<>();
        long idChanges = 0;
        for (TreeMap<Integer, Integer> years : byFirm.values()) {
            Integer previous = null;
            for (int i : years.values()) {
                if (previous != null && rows.get(i).year() - rows.get(previous).year() <= maxGap) {
                    pairs.add((long) previous << 32 | i);
                    idChanges += rows.get(i).firmId().equals(rows.get(previous).firmId()) ? 0 : 1;
                }
                previous = i;
            }
        }
        long found = r.links().stream().filter(l -> pairs.contains((long) l.from() << 32 | l.to())).count();
        Map<String, Set<Integer>> yearsOfId = new HashMap<>();
        long twice = 0;
        for (int i = 0; i < rows.size(); i++) {
            twice += yearsOfId.computeIfAbsent(r.panelIds().get(i), k -> new HashSet<>()).add(rows.get(i).year()) ? 0 : 1;
        }
        r.lines().forEach(System.out::println);
        return new Score(r.links().size(), correct, pairs.size(), found, twice, idChanges);
    }

    @Test
    void theDemoPanelIsLinkedWithPrecisionAndRecallAbove98Percent() {
        // RunDemoTest's generator settings: 2,500 firms, 2011-2013, seed 3
        Score demo = score(new GenerateSettings(3, 2500, 2011, 2013, 500, 10, TrueCoefficients.FE_QU, 0.08, 1), 2);
        System.out.println("demo: " + demo + " precision " + demo.precision() + " recall " + demo.recall());
        assertTrue(demo.idChanges() > 20, "the generator plants id changes: " + demo.idChanges());
        assertTrue(demo.precision() >= 0.98 && demo.recall() >= 0.98, demo.toString());
        assertEquals(0, demo.yearsWithTwoFirms());
    }

    @Test
    void aLongerPanelWithMoreIdChangesAndRenames() {
        Score longer = score(new GenerateSettings(11, 6000, 1998, 2007, 500, 10, TrueCoefficients.FE_QU, 0.08, 1), 2);
        System.out.println("1998-2007: " + longer + " precision " + longer.precision() + " recall " + longer.recall());
        assertTrue(longer.precision() >= 0.98 && longer.recall() >= 0.98, longer.toString());
        assertEquals(0, longer.yearsWithTwoFirms());
    }
}
