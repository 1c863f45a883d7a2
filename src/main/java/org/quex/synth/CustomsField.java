package org.quex.synth;

/** Canonical Customs fields (canonical_name in data-schemas/raw/customs_schemes.csv); a row is a String[] by ordinal. */
public enum CustomsField {
    DIRECTION, FIRM_CODE, FIRM_NAME, COMPANY_TYPE, HS_CODE, VALUE_USD, QUANTITY, UNIT, COUNTRY, TRADE_MODE,
    CUSTOMS_PORT, TRANSPORT, ADDRESS, PHONE, ZIP, CONTACT, MONTH;

    public String canonical() {
        return name().toLowerCase();
    }

    public static CustomsField ofCanonical(String canonical) {
        return valueOf(canonical.toUpperCase());
    }
}
