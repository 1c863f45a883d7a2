package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real codes of each relation type of the UN correlation tables. */
class HsConcordanceTest {
    private final HsConcordance hs = HsConcordance.load();

    @Test
    void oneToOne() {
        assertEquals(List.of("010110"), hs.targets("HS2007", "010110"));
    }

    @Test
    void oneToManyListsEveryTargetSorted() {
        // HS2007 010594 (fowls > 185 g) was split over HS2002 010592 and 010593.
        assertEquals(List.of("010592", "010593"), hs.targets("HS2007", "010594"));
        // HS1996 010600 (other live animals) became 010611, 010612, 010619 … in HS2002.
        List<String> t = hs.targets("HS1996", "010600");
        assertTrue(t.size() >= 3 && t.containsAll(List.of("010611", "010612", "010619")), t.toString());
    }

    @Test
    void manyToOneMapsEachSourceToTheSameTarget() {
        assertEquals(List.of("030199"), hs.targets("HS2007", "030194"));
        assertEquals(List.of("030199"), hs.targets("HS2007", "030195"));
        assertEquals(List.of("030199"), hs.targets("HS2007", "030199"));
    }

    @Test
    void hs2002CodesMapToThemselvesAndUnknownCodesToNothing() {
        assertEquals(List.of("010592"), hs.targets("HS2002", "010592"));
        assertEquals(List.of(), hs.targets("HS2002", "999999"));
        assertEquals(List.of(), hs.targets("HS2007", "010592")); // an HS2002-only code is not HS2007
    }
}
