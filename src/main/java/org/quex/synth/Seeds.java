package org.quex.synth;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, unit, year, purpose). Every draw of the generator
 * comes from such a stream, so a firm's data depend only on the seed and the firm, never on the
 * partition it lands in or on thread timing.
 */
public final class Seeds {
    /** What a stream is used for; a new purpose gets a new constant, never a reused one. */
    public static final int PROFILE = 1;
    public static final int YEAR = 2;
    public static final int CUSTOMS = 3;
    public static final int DEFECTS = 4;
    public static final int NAMES = 5;
    public static final int HONOURS = 6;
    public static final int INTERMEDIARY = 7;
    public static final int INDUSTRY = 8;
    /** Innovations of the firm's persistent productivity (the TFP estimators' Markov process). */
    public static final int PRODUCTIVITY = 20;
    /** Values of the extra columns real files carry (not part of the data-generating process). */
    public static final int EXTRAS = 9;
    /** VAT payable of a firm-year (its own stream, so that adding it changed no other draw). */
    public static final int VAT = 10;
    /** The demo's price indices (truth/deflators.csv). */
    public static final int DEFLATORS = 11;
    /** A firm's re-registration (new id, new name, perhaps a new legal person; FirmProfile.draw). */
    public static final int IDENTITY = 12;
    /** The shared draws of a pair of firms (2k, 2k + 1) planted as near-collisions of the panel-id keys. */
    public static final int IDENTITY_PAIR = 13;

    private Seeds() {
    }

    public static SplittableRandom stream(long seed, long unit, int year, int purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ unit);
        h = mix(h ^ ((long) year << 20 | purpose));
        return new SplittableRandom(h);
    }

    /** SplitMix64's finalizer: a bijective avalanche of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
