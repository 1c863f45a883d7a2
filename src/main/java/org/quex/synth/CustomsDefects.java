package org.quex.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Extra Customs rows that the cleaning (domain.md, Customs 2) or ingest must remove, planted next to
 * a trading firm-year's first clean row and derived from it, so each breaks exactly one rule. They
 * are extra lines: the true trade flows of the firm are the clean rows alone.
 */
public final class CustomsDefects {
    private static final List<Defect> EXTRAS = java.util.Arrays.stream(Defect.values())
            .filter(d -> d.source() == Defect.Source.CUSTOMS && d != Defect.CUSTOMS_INTERMEDIARY).toList();

    private CustomsDefects() {
    }

    /** Plants the extra rows, except kinds the template's file cannot carry (a broken line in a Stata part). */
    public static void plantExtras(FirmHistory.CustomsRow template, int year, ReferenceData ref, RawLayouts layouts,
                                   double scale, SplittableRandom r, FirmHistory h) {
        for (Defect d : EXTRAS) {
            if (r.nextDouble() < d.rate() * scale && layouts.carries(d, year, template.month())) {
                h.customs.add(plant(d, template, year, ref, r));
            }
        }
    }

    static FirmHistory.CustomsRow plant(Defect d, FirmHistory.CustomsRow template, int year, ReferenceData ref,
                                        SplittableRandom r) {
        String[] f = template.fields().clone();
        int keep = f.length;
        switch (d) {
            case CUSTOMS_VALUE_BELOW_50_USD -> {
                f[CustomsField.VALUE_USD.ordinal()] = Integer.toString(1 + r.nextInt(49));
                f[CustomsField.QUANTITY.ordinal()] = "1";
            }
            case CUSTOMS_QUANTITY_BELOW_1 -> f[CustomsField.QUANTITY.ordinal()] = "0";
            case CUSTOMS_REIMPORT_FROM_CHINA -> {
                f[CustomsField.DIRECTION.ordinal()] = "import";
                f[CustomsField.COUNTRY.ordinal()] = FirmSimulator.CHINA;
            }
            case CUSTOMS_EMPTY_FIRM_CODE -> f[CustomsField.FIRM_CODE.ordinal()] = "";
            case CUSTOMS_EXCLUDED_HS_CHAPTER -> {
                List<String> codes = ref.excludedChapterCodes(year);
                f[CustomsField.HS_CODE.ordinal()] = codes.get(r.nextInt(codes.size())) + "00";
            }
            case CUSTOMS_MALFORMED_UNBALANCED_QUOTE ->
                    f[CustomsField.FIRM_NAME.ordinal()] = "\"" + f[CustomsField.FIRM_NAME.ordinal()];
            case CUSTOMS_MALFORMED_NON_NUMERIC ->
                    f[CustomsField.VALUE_USD.ordinal()] = AsifDefects.letterO(f[CustomsField.VALUE_USD.ordinal()]);
            case CUSTOMS_MALFORMED_SHORT_ROW -> keep = 4 + r.nextInt(6);
            default -> throw new IllegalArgumentException(d + " is not a planted customs row");
        }
        return new FirmHistory.CustomsRow(year, template.month(), f, keep, d, template.gongmaoManufacturer());
    }
}
