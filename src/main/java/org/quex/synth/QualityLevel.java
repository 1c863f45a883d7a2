package org.quex.synth;

/** lqu / mqu / hqu of domain.md: qu 1–2 low, 3–6 mid, 7–9 high; 0 (no honour) is none of them. */
public final class QualityLevel {
    private QualityLevel() {
    }

    public static int low(int qu) {
        return qu >= 1 && qu <= 2 ? 1 : 0;
    }

    public static int mid(int qu) {
        return qu >= 3 && qu <= 6 ? 1 : 0;
    }

    public static int high(int qu) {
        return qu >= 7 ? 1 : 0;
    }
}
