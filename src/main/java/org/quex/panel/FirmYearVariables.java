package org.quex.panel;

import java.util.List;

/**
 * The firm-year variables of domain.md ("Variables", Table 1 of the paper) as plain functions of
 * raw ASIF fields (money in thousand RMB). A missing input gives a missing (null) result, and so
 * does a ratio with a zero denominator or a log of a non-positive number: never infinity or NaN.
 */
public final class FirmYearVariables {
    private FirmYearVariables() {
    }

    /** numerator / denominator; null when either is missing or the denominator is zero. */
    public static Double ratio(Long numerator, Long denominator) {
        if (numerator == null || denominator == null || denominator == 0) {
            return null;
        }
        return (double) numerator / denominator;
    }

    /** ln(x); null for a missing or non-positive x. */
    public static Double log(Double x) {
        return x == null || !(x > 0) ? null : Math.log(x);
    }

    /** ln(v + 1), as pro = ln(profit + 1) and fc = ln(interest + 1); null when v + 1 ≤ 0. */
    public static Double logPlusOne(Long v) {
        return v == null ? null : log(v + 1.0);
    }

    public static Double square(Double x) {
        return x == null ? null : x * x;
    }

    /** age = survey year − founding year. */
    public static Integer age(int year, Integer foundingYear) {
        return foundingYear == null ? null : year - foundingYear;
    }

    /** 1 if v > 0, 0 if v ≤ 0, null if missing: ex (export delivery value), sub (subsidy income). */
    public static Integer positive(Long v) {
        return v == null ? null : v > 0 ? 1 : 0;
    }

    /** for: 1 if the registration type starts with one of the prefixes (2xx HMT, 3xx foreign). */
    public static Integer foreign(String registrationType, List<String> prefixes) {
        if (registrationType == null || registrationType.isBlank()) {
            return null;
        }
        return prefixes.stream().anyMatch(registrationType.trim()::startsWith) ? 1 : 0;
    }

    /** fi = (Hong Kong/Macao/Taiwan + foreign capital) / paid-in capital. */
    public static Double foreignShare(Long hmtCapital, Long foreignCapital, Long paidIn) {
        if (hmtCapital == null && foreignCapital == null) {
            return null;
        }
        return ratio(orZero(hmtCapital) + orZero(foreignCapital), paidIn);
    }

    /**
     * sta: 1 for a state registration type, or (if {@code byLargestCapital}) when state capital is
     * positive and at least each other part of paid-in capital (ties count as state-owned).
     *
     * @param capital state, collective, legal-person, individual, HMT and foreign capital, in that order
     */
    public static Integer state(String registrationType, List<String> stateTypes, boolean byLargestCapital,
                                Long... capital) {
        if (registrationType != null && stateTypes.contains(registrationType.trim())) {
            return 1;
        }
        if (byLargestCapital && capital[0] != null && capital[0] > 0) {
            for (int i = 1; i < capital.length; i++) {
                if (capital[i] != null && capital[i] > capital[0]) {
                    return 0;
                }
            }
            return 1;
        }
        return registrationType == null || registrationType.isBlank() ? null : 0;
    }

    /** cen: 1 if the 隶属关系 code is one of the central-government codes. */
    public static Integer central(String affiliation, List<String> centralCodes) {
        if (affiliation == null || affiliation.isBlank()) {
            return null;
        }
        return centralCodes.contains(affiliation.trim()) ? 1 : 0;
    }

    /** The dummy of one class: 1 if {@code value} equals {@code which}, null if value is missing. */
    public static Integer dummy(Integer value, int which) {
        return value == null ? null : value == which ? 1 : 0;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
