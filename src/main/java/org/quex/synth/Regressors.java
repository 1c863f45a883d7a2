package org.quex.synth;

import java.util.Set;

/**
 * The paper's firm-year variables (domain.md, Table 1) computed from an ASIF row exactly as written
 * (integers in thousand RMB), so that a pipeline reading the raw files can rebuild them; qu and tfp
 * come from outside the row (honours; the production function).
 */
public record Regressors(double lnCap, int age, int age2, int scale1, int scale2, int scale3, double pro,
                         double roa, int sta, int cen, int foreign) {
    static final Set<String> STATE_REGISTRATION_TYPES = Set.of("110", "141", "143", "151");

    public static Regressors of(String[] row) {
        int year = intOf(row, AsifField.YEAR);
        long employees = longOf(row, AsifField.EMPLOYEES);
        long sales = longOf(row, AsifField.SALES);
        long assets = longOf(row, AsifField.TOTAL_ASSETS);
        long netFixed = longOf(row, AsifField.NET_FIXED_ASSETS);
        long profit = longOf(row, AsifField.PROFIT);
        int age = year - intOf(row, AsifField.FOUNDING_YEAR);
        int size = SizeClass.of(year, employees, sales, assets);
        String type = row[AsifField.REGISTRATION_TYPE.ordinal()];
        String affiliation = row[AsifField.AFFILIATION.ordinal()];
        return new Regressors(
                Math.log((double) netFixed / employees), age, age * age,
                size == SizeClass.SMALL ? 1 : 0, size == SizeClass.MEDIUM ? 1 : 0, size == SizeClass.LARGE ? 1 : 0,
                profit > -1 ? Math.log(profit + 1.0) : Double.NaN,
                (double) profit / assets,
                isState(type, row) ? 1 : 0,
                affiliation.equals("10") || affiliation.equals("11") ? 1 : 0,
                type.startsWith("2") || type.startsWith("3") ? 1 : 0);
    }

    /** State-owned: an SOE registration type, or state capital the largest (ties included) of the six parts. */
    static boolean isState(String type, String[] row) {
        if (STATE_REGISTRATION_TYPES.contains(type)) {
            return true;
        }
        long state = longOf(row, AsifField.STATE_CAPITAL);
        long others = Math.max(Math.max(longOf(row, AsifField.COLLECTIVE_CAPITAL), longOf(row, AsifField.LEGAL_PERSON_CAPITAL)),
                Math.max(longOf(row, AsifField.INDIVIDUAL_CAPITAL),
                        Math.max(longOf(row, AsifField.HMT_CAPITAL), longOf(row, AsifField.FOREIGN_CAPITAL))));
        return state > 0 && state >= others;
    }

    static long longOf(String[] row, AsifField f) {
        return Long.parseLong(row[f.ordinal()]);
    }

    static int intOf(String[] row, AsifField f) {
        return Integer.parseInt(row[f.ordinal()]);
    }
}
