package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FirmNamesTest {
    private static final List<String> KEYWORDS = ReferenceData.shared().allKeywords();

    /** What matching step 1 of domain.md does: trim, fold widths and brackets, Latin case, suffix variants. */
    static String normalize(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.strip().toCharArray()) {
            if (c == '（') {
                c = '(';
            } else if (c == '）') {
                c = ')';
            } else if (c >= '！' && c <= '～') {
                c = (char) (c - 0xFEE0);
            }
            if (c != ' ') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString().replace("有限责任公司", "有限公司");
    }

    @Test
    void manufacturerNamesCarryNoIntermediaryKeywordUnlessPlanted工贸() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 5000; i++) {
            String name = FirmNames.manufacturerName(FirmNames.stem(i, 3), r, false);
            for (String k : KEYWORDS) {
                assertFalse(name.contains(k), name + " contains " + k);
            }
            String written = FirmNames.customsName(name, r, 0.5).text();
            for (String k : KEYWORDS) {
                assertFalse(written.contains(k), written + " contains " + k);
            }
        }
        assertTrue(FirmNames.manufacturerName(FirmNames.stem(1, 3), r, true).contains("工贸"));
    }

    @Test
    void everyVariantButTheTypoNormalizesBackToTheRegisteredName() {
        SplittableRandom r = new SplittableRandom(11);
        Map<FirmNames.NameVariant, Integer> seen = new EnumMap<>(FirmNames.NameVariant.class);
        for (int i = 0; i < 5000; i++) {
            String name = FirmNames.manufacturerName(FirmNames.stem(i, 11), r, false);
            FirmNames.Written w = FirmNames.customsName(name, r, 0.1);
            seen.merge(w.variant(), 1, Integer::sum);
            if (w.variant() == FirmNames.NameVariant.TYPO) {
                assertNotEquals(normalize(name), normalize(w.text()));
            } else {
                assertEquals(normalize(name), normalize(w.text()), w.variant() + ": " + w.text());
            }
        }
        assertEquals(FirmNames.NameVariant.values().length, seen.size(), "every variant occurs: " + seen);
    }

    @Test
    void aCorporatizedNameKeepsItsStemAndDoesNotNormalizeToTheOldName() {
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 2000; i++) {
            FirmNames.NameStem stem = FirmNames.stem(i, 8);
            String name = FirmNames.manufacturerName(stem, r, i % 10 == 0);
            String renamed = FirmNames.corporatized(name);
            assertNotEquals(normalize(name), normalize(renamed), name + " → " + renamed);
            assertTrue(renamed.contains(stem.word()), renamed);
        }
    }

    @Test
    void registeredNameStemsAreUniqueUpToTheNameSpace() {
        assertTrue(FirmNames.NAME_SPACE > 1_000_000, "room for real-size runs: " + FirmNames.NAME_SPACE);
        java.util.Set<FirmNames.NameStem> stems = new java.util.HashSet<>();
        for (int unit = 0; unit < 600_000; unit++) {
            assertTrue(stems.add(FirmNames.stem(unit, 7)), "stem of unit " + unit + " repeats");
        }
    }

    @Test
    void everyCustomsPhoneFormKeepsTheLastSevenDigits() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            String area = i % 2 == 0 ? "021" : "0574";
            String local = FirmNames.localNumber(area, r);
            String digits = FirmNames.asifPhone(area, local).replaceAll("\\D", "");
            String written = FirmNames.customsPhone(area, local, r).replaceAll("\\D", "");
            assertEquals(digits.substring(digits.length() - 7), written.substring(written.length() - 7));
        }
    }
}
