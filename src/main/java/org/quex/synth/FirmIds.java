package org.quex.synth;

/**
 * Identifiers: the ASIF 法人代码 (9-character organization code with its GB 11714 check character)
 * the 10-digit customs firm code and a vendor's panel id. All are bijections of the unit number, so no
 * two firms share an id, whatever the number of firms.
 */
public final class FirmIds {
    private static final long ORG_SPACE = 100_000_000L;
    private static final long ORG_MULTIPLIER = 73_939_133L;   // coprime with 10: a bijection mod 10^8
    private static final long CUSTOMS_SPACE = 10_000_000_000L;
    private static final long CUSTOMS_MULTIPLIER = 7_919_117L; // coprime with 10: a bijection mod 10^10
    /** Id versions are spread this far apart in the organization-code space. */
    private static final long VERSION_STRIDE = 50_000_000L;
    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private FirmIds() {
    }

    public static String organizationCode(long unit, int version, long seed) {
        long n = Math.floorMod(unit + version * VERSION_STRIDE, ORG_SPACE);
        long body = Math.floorMod(n * ORG_MULTIPLIER + Math.floorMod(Seeds.mix(seed), ORG_SPACE), ORG_SPACE);
        String digits = String.format("%08d", body);
        return digits + checkCharacter(digits);
    }

    /** GB 11714 check: C9 = 11 − (Σ wᵢ·cᵢ mod 11), 10 written X, 11 written 0. */
    static char checkCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    /** The vendor's own panel id of a firm (CIED's {@code group}): 8 digits, one per true firm for its whole life. */
    public static long vendorGroup(long unit, long seed) {
        return 10_000_000L + Math.floorMod(unit * ORG_MULTIPLIER + Math.floorMod(Seeds.mix(seed + 1), 90_000_000L), 90_000_000L);
    }

    public static String customsCode(long unit, long seed) {
        long code = Math.floorMod(unit * CUSTOMS_MULTIPLIER + Math.floorMod(Seeds.mix(~seed), CUSTOMS_SPACE), CUSTOMS_SPACE);
        return String.format("%010d", code);
    }
}
