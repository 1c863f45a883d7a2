package org.quex.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NameNormalizerTest {
    @Test
    void spacesAnywhereAreDropped() {
        assertEquals(NameNormalizer.normalize("苏州兴宝五金有限公司"), NameNormalizer.normalize(" 苏州兴宝五金 有限公司 "));
        assertEquals(NameNormalizer.normalize("苏州兴宝五金有限公司"), NameNormalizer.normalize("苏州兴宝五金\u3000有限公司"));
    }

    @Test
    void fullWidthAndHalfWidthBracketsAndLettersAreTheSame() {
        assertEquals(NameNormalizer.normalize("兴宝（苏州）五金有限公司"), NameNormalizer.normalize("兴宝(苏州)五金有限公司"));
        assertEquals("兴宝苏州五金有限公司", NameNormalizer.normalize("兴宝（苏州）五金有限公司"));
        assertEquals(NameNormalizer.normalize("苏州ＴＣＬ电子有限公司"), NameNormalizer.normalize("苏州TCL电子有限公司"));
    }

    @Test
    void latinCaseIsIgnored() {
        assertEquals(NameNormalizer.normalize("宁波ABB开关有限公司"), NameNormalizer.normalize("宁波abb开关有限公司"));
    }

    @Test
    void companyFormSuffixVariantsFold() {
        assertEquals(NameNormalizer.normalize("无锡华源纺织有限公司"), NameNormalizer.normalize("无锡华源纺织有限责任公司"));
        assertEquals(NameNormalizer.normalize("无锡华源纺织股份有限公司"), NameNormalizer.normalize("无锡华源纺织股份有限责任公司"));
        // a different company form is a different firm
        assertNotEquals(NameNormalizer.normalize("无锡华源纺织有限公司"), NameNormalizer.normalize("无锡华源纺织厂"));
    }

    @Test
    void aTypoIsNotNormalizedAway() {
        assertNotEquals(NameNormalizer.normalize("无锡华源纺织有限公司"), NameNormalizer.normalize("无锡化源纺织有限公司"));
    }

    @Test
    void blankNamesAreMissing() {
        assertNull(NameNormalizer.normalize("  "));
        assertNull(NameNormalizer.normalize(null));
    }

    @Test
    void phoneKeepsTheLastSevenDigitsHoweverWritten() {
        assertEquals("4863720", NameNormalizer.phone7("0512-84863720"));
        assertEquals("4863720", NameNormalizer.phone7("(0512)84863720"));
        assertEquals("4863720", NameNormalizer.phone7("0512 8486 3720"));
        assertEquals("4863720", NameNormalizer.phone7("８４８６３７２０"));
        assertNull(NameNormalizer.phone7("12345"));
        assertEquals("215248", NameNormalizer.zip(" 215248"));
        assertNull(NameNormalizer.zip("2152"));
    }
}
