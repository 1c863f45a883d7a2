package org.quex.synth;

/**
 * NBS enterprise size classes of industry (reference/nbs_size_standards_industry.csv): the 2003
 * standard (国统字[2003]17号: employees, sales and total assets must all reach a tier) up to 2010,
 * the 2011 standard (国统字[2011]75号: employees and revenue; adds micro) from 2011. Money in thousand
 * RMB as ASIF writes it (the standards are in 10 thousand RMB).
 */
public final class SizeClass {
    public static final int MICRO = 0;
    public static final int SMALL = 1;
    public static final int MEDIUM = 2;
    public static final int LARGE = 3;
    public static final int FIRST_YEAR_OF_2011_STANDARD = 2011;

    private SizeClass() {
    }

    public static int of(int year, long employees, long salesThousand, long totalAssetsThousand) {
        if (year < FIRST_YEAR_OF_2011_STANDARD) {
            if (employees >= 2000 && salesThousand >= 300_000 && totalAssetsThousand >= 400_000) {
                return LARGE;
            }
            if (employees >= 300 && salesThousand >= 30_000 && totalAssetsThousand >= 40_000) {
                return MEDIUM;
            }
            return SMALL;
        }
        if (employees >= 1000 && salesThousand >= 400_000) {
            return LARGE;
        }
        if (employees >= 300 && salesThousand >= 20_000) {
            return MEDIUM;
        }
        if (employees >= 20 && salesThousand >= 3_000) {
            return SMALL;
        }
        return MICRO;
    }

    /**
     * The least sales and total assets (thousand RMB) at which a firm's class is fixed by its
     * employees alone. The generator keeps domestic sales above them, so adding exports to sales
     * never moves a firm to another class: the size dummies stay exogenous to the export draw.
     */
    public static long[] floorsForEmployeeBand(int year, long employees) {
        if (year < FIRST_YEAR_OF_2011_STANDARD) {
            if (employees >= 2000) {
                return new long[] {300_000, 400_000};
            }
            if (employees >= 300) {
                return new long[] {30_000, 40_000};
            }
            return new long[] {0, 0};
        }
        if (employees >= 1000) {
            return new long[] {400_000, 0};
        }
        if (employees >= 300) {
            return new long[] {20_000, 0};
        }
        if (employees >= 20) {
            return new long[] {3_000, 0};
        }
        return new long[] {0, 0};
    }
}
