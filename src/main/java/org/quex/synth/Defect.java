package org.quex.synth;

/**
 * Every kind of planted defect, the cleaning rule (domain.md) or ingest check that must remove it,
 * and how often it is planted. ASIF rates are per firm-year row (the defects are exclusive: a
 * defective row has exactly one); Customs rates are extra rows per trading firm-year, except
 * {@link #CUSTOMS_INTERMEDIARY}, which counts the rows that intermediaries file for producers.
 */
public enum Defect {
    ASIF_MISSING_KEY_VALUE(Source.ASIF, "missing_key_value", 0.003),
    ASIF_NEGATIVE_VALUE(Source.ASIF, "negative_value", 0.003),
    ASIF_EMPLOYEES_BELOW_MIN(Source.ASIF, "employees_below_min", 0.003),
    ASIF_FIXED_ASSETS_BELOW_MIN(Source.ASIF, "fixed_assets_below_min", 0.003),
    ASIF_SALES_BELOW_MIN(Source.ASIF, "sales_below_min", 0.003),
    ASIF_VALUE_ADDED_OVER_OUTPUT(Source.ASIF, "value_added_over_output", 0.003),
    ASIF_EXPORT_OVER_SALES(Source.ASIF, "export_over_sales", 0.003),
    ASIF_CURRENT_ASSETS_OVER_TOTAL(Source.ASIF, "current_assets_over_total", 0.003),
    ASIF_FIXED_ASSETS_OVER_TOTAL(Source.ASIF, "fixed_assets_over_total", 0.003),
    ASIF_NET_FIXED_ASSETS_OVER_TOTAL(Source.ASIF, "net_fixed_assets_over_total", 0.003),
    ASIF_INVALID_FOUNDING_MONTH(Source.ASIF, "invalid_founding_month", 0.003),
    ASIF_FOUNDING_AFTER_SURVEY_YEAR(Source.ASIF, "founding_after_survey_year", 0.003),
    ASIF_MISSING_FIRM_ID(Source.ASIF, "missing_firm_id", 0.003),
    /** Two rows for one (year, firm id) with conflicting values: both must go. */
    ASIF_DUPLICATE_FIRM_YEAR(Source.ASIF, "duplicate_firm_year", 0.004),
    ASIF_MALFORMED_UNBALANCED_QUOTE(Source.ASIF, "malformed_unbalanced_quote", 0.0015),
    ASIF_MALFORMED_NON_NUMERIC(Source.ASIF, "malformed_non_numeric", 0.0015),
    ASIF_MALFORMED_SHORT_ROW(Source.ASIF, "malformed_short_row", 0.0015),

    CUSTOMS_INTERMEDIARY(Source.CUSTOMS, "intermediary", 0),
    CUSTOMS_VALUE_BELOW_50_USD(Source.CUSTOMS, "value_below_50_usd", 0.05),
    CUSTOMS_QUANTITY_BELOW_1(Source.CUSTOMS, "quantity_below_1", 0.02),
    CUSTOMS_REIMPORT_FROM_CHINA(Source.CUSTOMS, "reimport_from_china", 0.02),
    CUSTOMS_EMPTY_FIRM_CODE(Source.CUSTOMS, "empty_firm_code", 0.02),
    CUSTOMS_EXCLUDED_HS_CHAPTER(Source.CUSTOMS, "excluded_hs_chapter", 0.02),
    CUSTOMS_MALFORMED_UNBALANCED_QUOTE(Source.CUSTOMS, "malformed_unbalanced_quote", 0.003),
    CUSTOMS_MALFORMED_NON_NUMERIC(Source.CUSTOMS, "malformed_non_numeric", 0.003),
    CUSTOMS_MALFORMED_SHORT_ROW(Source.CUSTOMS, "malformed_short_row", 0.003);

    public enum Source { ASIF, CUSTOMS }

    private final Source source;
    private final String label;
    private final double rate;

    Defect(Source source, String label, double rate) {
        this.source = source;
        this.label = label;
        this.rate = rate;
    }

    public Source source() {
        return source;
    }

    /** The name in truth/defects.csv. */
    public String label() {
        return label;
    }

    public double rate() {
        return rate;
    }

    /** Rows the defect puts in the files: a duplicated firm-year is two rows to remove. */
    public int rowsPerOccurrence() {
        return this == ASIF_DUPLICATE_FIRM_YEAR ? 2 : 1;
    }

    public boolean malformed() {
        return label.startsWith("malformed_");
    }
}
