package org.quex.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quex.match.FirmMatcher.Firm;
import org.quex.match.FirmMatcher.Link;
import org.quex.match.FirmMatcher.Pair;
import org.quex.match.FirmMatcher.Quality;

/** The two passes and their scoring on hand-made firms (no Spark). */
class FirmMatcherTest {
    private static final List<Firm> ASIF = List.of(
            Firm.of("A1", "苏州华丰机械有限责任公司", "215000", "0512-84863720"),
            Firm.of("A1", "苏州华丰机械有限公司", "215000", "0512-84863720"), // a second row of A1: one firm
            Firm.of("A2", "昆山明达电子有限公司", null, null),
            Firm.of("A3", "昆山明达电子有限公司", null, null), // namesake of A2
            Firm.of("A4", "无锡新光纺织厂", "214000", "(0510)82345678"),
            Firm.of("A5", "常州永盛化工有限公司", "213000", "86543210"),
            Firm.of("A6", "常州永盛化工有限公司二厂", "213000", "0519-86543210"),
            Firm.of("A7", null, "200000", "021-5555-1234"));

    private static final List<Firm> CUSTOMS = List.of(
            Firm.of("C1", "苏州华丰机械 有限公司", "215000", "84863720"), // A1 by name
            Firm.of("C2", "昆山明达电子有限公司", "215300", "57771234"), // A2 and A3: ambiguous by name
            Firm.of("C3", "无锡新光纺织有限公司", "214000", "0510 8234 5678"), // A4 by zip+phone7 only
            Firm.of("C4", "常州永盛化工", "213000", "0519-86543210"), // A5 and A6 by zip+phone7: ambiguous
            Firm.of("C5", "上海远东贸易", null, "021-5555-1234"), // no zip: no zip+phone7 key
            Firm.of("C6", "ＳＵＺＨＯＵ （华丰）", "215000", "84863720")); // zip+phone7 of A1, linked already

    @Test
    void eachPassLinksOnlyOneToOnePairsAndCountsTheAmbiguousCustomsFirms() {
        FirmMatcher.Result r = FirmMatcher.match(ASIF, CUSTOMS);
        assertEquals(List.of(new Link("C1", "A1", FirmMatcher.BY_NAME), new Link("C3", "A4", FirmMatcher.BY_ZIP_PHONE)),
                r.links());
        assertEquals(1, r.ambiguousByName()); // C2
        // C4 has two candidates (A5, A6); C6 has A1's zip+phone7, but A1 is linked by name and no
        // longer a candidate, so C6 stays unlinked without being ambiguous
        assertEquals(1, r.ambiguousByZipPhone());
    }

    @Test
    void anAsifFirmWantedByTwoCustomsFirmsIsLinkedToNeither() {
        List<Firm> customs = List.of(Firm.of("C1", "无锡新光纺织厂", null, null), Firm.of("C2", "无锡新光纺织厂", null, null));
        FirmMatcher.Result r = FirmMatcher.match(ASIF, customs);
        assertEquals(List.of(), r.links());
        assertEquals(2, r.ambiguousByName());
    }

    @Test
    void precisionAndRecallAgainstTheTruePairsEachPassCouldFind() {
        FirmMatcher.Result r = FirmMatcher.match(ASIF, CUSTOMS);
        List<Pair> truth = List.of(new Pair("C1", "A1"), new Pair("C1", "A1"), new Pair("C2", "A3"),
                new Pair("C3", "A4"), new Pair("C4", "A6"), new Pair("C9", "A7"));
        List<Quality> q = FirmMatcher.evaluate(ASIF, CUSTOMS, r.links(), truth);
        // C1-A1 (twice in the truth, once counted) equal names, found by name, and equal zip+phone7,
        // which pass 2 could not find after pass 1; C2-A3 equal names, not found; C3-A4 and C4-A6
        // equal zip+phone7 (C3 found); C9 is in no input
        assertEquals(new Quality(FirmMatcher.BY_NAME, 1, 1, 2), q.get(0));
        assertEquals(new Quality(FirmMatcher.BY_ZIP_PHONE, 1, 1, 2), q.get(1));
        assertEquals(new Quality("all", 2, 2, 4), q.get(2));
    }
}
