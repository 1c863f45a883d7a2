package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirmIdsTest {
    @Test
    void organizationCodeCarriesTheGb11714CheckCharacter() {
        // 3·1+7·2+9·3+10·4+5·5+8·6+4·7+2·8 = 201; 201 mod 11 = 3; 11 − 3 = 8
        assertEquals('8', FirmIds.checkCharacter("12345678"));
        assertEquals('9', FirmIds.checkCharacter("00000001"));  // sum 2 → 9
        assertEquals('X', FirmIds.checkCharacter("00000006"));  // sum 12 ≡ 1 → 10, written X
        assertEquals('0', FirmIds.checkCharacter("00000000"));  // sum 0 → 11, written 0
    }

    @Test
    void idsAreUniqueAcrossFirmsAndIdVersions() {
        Set<String> org = new HashSet<>();
        Set<String> customs = new HashSet<>();
        for (int unit = 0; unit < 200_000; unit++) {
            for (int version = 0; version < 2; version++) {
                assertTrue(org.add(FirmIds.organizationCode(unit, version, 7)), "org code of " + unit + "/" + version);
            }
            assertTrue(customs.add(FirmIds.customsCode(unit, 7)), "customs code of " + unit);
        }
        assertEquals(9, FirmIds.organizationCode(5, 0, 7).length());
        assertEquals(10, FirmIds.customsCode(5, 7).length());
    }
}
