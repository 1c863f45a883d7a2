package org.quex.synth;

/** Canonical ASIF fields (canonical_name in data-schemas/raw/asif_schemes.csv); a row is a String[] by ordinal. */
public enum AsifField {
    FIRM_ID, YEAR, FIRM_NAME, LEGAL_PERSON, PHONE, ZIP, ADDRESS, REGION_CODE, INDUSTRY_CODE, REGISTRATION_TYPE,
    AFFILIATION, FOUNDING_YEAR, FOUNDING_MONTH, EMPLOYEES, GROSS_OUTPUT, VALUE_ADDED, INTERMEDIATE_INPUT,
    EXPORT_VALUE, SALES, TOTAL_ASSETS, CURRENT_ASSETS, FIXED_ASSETS, NET_FIXED_ASSETS, TOTAL_LIABILITIES, PROFIT,
    INTEREST_EXPENSE, WAGES_PAYABLE, SUBSIDY_INCOME, RD_EXPENSE, PAID_IN_CAPITAL, STATE_CAPITAL, COLLECTIVE_CAPITAL,
    LEGAL_PERSON_CAPITAL, INDIVIDUAL_CAPITAL, HMT_CAPITAL, FOREIGN_CAPITAL, VAT;

    public String canonical() {
        return name().toLowerCase();
    }

    public static AsifField ofCanonical(String canonical) {
        return valueOf(canonical.toUpperCase());
    }
}
