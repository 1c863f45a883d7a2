package org.quex.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plants at most one defect in an ASIF firm-year row. Each defect breaks exactly one cleaning rule
 * (domain.md, ASIF 1–5) or makes the line unparseable, and leaves every other rule satisfied, so
 * the rule that must remove the row is known.
 */
public final class AsifDefects {
    private static final List<Defect> KINDS = java.util.Arrays.stream(Defect.values())
            .filter(d -> d.source() == Defect.Source.ASIF).toList();

    private AsifDefects() {
    }

    /** One uniform draw against the cumulative rates (times {@code scale}): null (a clean row) or the defect to plant. */
    public static Defect draw(SplittableRandom r, double scale) {
        double u = r.nextDouble();
        for (Defect d : KINDS) {
            u -= d.rate() * scale;
            if (u < 0) {
                return d;
            }
        }
        return null;
    }

    /** The rows to write for a firm-year: the clean row, or its defective form (two rows for a duplicate). */
    public static List<FirmHistory.AsifRow> plant(Defect defect, String[] clean, int year, long firm, SplittableRandom r) {
        String[] row = clean.clone();
        int width = row.length;
        if (defect == null) {
            return List.of(new FirmHistory.AsifRow(year, firm, row, width, null));
        }
        switch (defect) {
            case ASIF_MISSING_KEY_VALUE -> {
                AsifField[] keys = {AsifField.SALES, AsifField.EMPLOYEES, AsifField.TOTAL_ASSETS, AsifField.VALUE_ADDED};
                AsifField key = keys[r.nextInt(keys.length)];
                row[key.ordinal()] = "";
                if (key == AsifField.VALUE_ADDED) {
                    row[AsifField.VAT.ordinal()] = ""; // else clean rebuilds it from output, input and VAT
                }
            }
            case ASIF_NEGATIVE_VALUE -> {
                AsifField[] signed = {AsifField.EXPORT_VALUE, AsifField.VALUE_ADDED, AsifField.WAGES_PAYABLE,
                    AsifField.SALES, AsifField.SUBSIDY_INCOME};
                AsifField f = signed[r.nextInt(signed.length)];
                long v = get(row, f);
                put(row, f, -(v > 0 ? v : 1 + r.nextInt(999)));
            }
            case ASIF_EMPLOYEES_BELOW_MIN -> put(row, AsifField.EMPLOYEES, 1 + r.nextInt(7));
            case ASIF_FIXED_ASSETS_BELOW_MIN -> {
                long fixed = 10 + r.nextInt(90);
                put(row, AsifField.FIXED_ASSETS, fixed);
                put(row, AsifField.NET_FIXED_ASSETS, Math.min(get(row, AsifField.NET_FIXED_ASSETS), fixed));
            }
            case ASIF_SALES_BELOW_MIN -> {
                long sales = 1000 + r.nextInt(4000);
                put(row, AsifField.SALES, sales);
                put(row, AsifField.EXPORT_VALUE, Math.min(get(row, AsifField.EXPORT_VALUE), sales));
            }
            case ASIF_VALUE_ADDED_OVER_OUTPUT -> {
                long output = get(row, AsifField.GROSS_OUTPUT);
                put(row, AsifField.VALUE_ADDED, output + 1 + r.nextInt((int) Math.min(Integer.MAX_VALUE - 1, output / 10 + 1)));
            }
            case ASIF_EXPORT_OVER_SALES -> {
                long sales = get(row, AsifField.SALES);
                put(row, AsifField.EXPORT_VALUE, sales + 1 + r.nextInt((int) Math.min(Integer.MAX_VALUE - 1, sales / 10 + 1)));
            }
            case ASIF_CURRENT_ASSETS_OVER_TOTAL -> put(row, AsifField.CURRENT_ASSETS, above(row, r));
            case ASIF_FIXED_ASSETS_OVER_TOTAL -> put(row, AsifField.FIXED_ASSETS, above(row, r));
            case ASIF_NET_FIXED_ASSETS_OVER_TOTAL -> put(row, AsifField.NET_FIXED_ASSETS, above(row, r));
            case ASIF_INVALID_FOUNDING_MONTH -> put(row, AsifField.FOUNDING_MONTH, new int[] {0, 13, 15, 20, 99}[r.nextInt(5)]);
            case ASIF_FOUNDING_AFTER_SURVEY_YEAR -> put(row, AsifField.FOUNDING_YEAR, year + 1 + r.nextInt(3));
            case ASIF_MISSING_FIRM_ID -> row[AsifField.FIRM_ID.ordinal()] = "";
            case ASIF_DUPLICATE_FIRM_YEAR -> {
                String[] twin = row.clone();
                put(twin, AsifField.EMPLOYEES, get(row, AsifField.EMPLOYEES) + 1 + r.nextInt(5));
                return List.of(new FirmHistory.AsifRow(year, firm, row, width, defect),
                        new FirmHistory.AsifRow(year, firm, twin, width, defect));
            }
            case ASIF_MALFORMED_UNBALANCED_QUOTE ->
                    row[AsifField.FIRM_NAME.ordinal()] = "\"" + row[AsifField.FIRM_NAME.ordinal()];
            case ASIF_MALFORMED_NON_NUMERIC -> row[AsifField.EMPLOYEES.ordinal()] = letterO(row[AsifField.EMPLOYEES.ordinal()]);
            case ASIF_MALFORMED_SHORT_ROW -> {
                return List.of(new FirmHistory.AsifRow(year, firm, row, 5 + r.nextInt(10), defect));
            }
            default -> throw new IllegalArgumentException(defect + " is not an ASIF defect");
        }
        if (defect == Defect.ASIF_NEGATIVE_VALUE || defect == Defect.ASIF_VALUE_ADDED_OVER_OUTPUT) {
            keepIdentity(row);
        }
        return List.of(new FirmHistory.AsifRow(year, firm, row, width, defect));
    }

    /**
     * VAT that keeps value added = output − intermediate input + VAT after a defect changed value added,
     * so that a file without value added (clean rebuilds it) carries the same defect.
     */
    private static void keepIdentity(String[] row) {
        if (!row[AsifField.VALUE_ADDED.ordinal()].isEmpty()) {
            put(row, AsifField.VAT, get(row, AsifField.VALUE_ADDED) - get(row, AsifField.GROSS_OUTPUT)
                    + get(row, AsifField.INTERMEDIATE_INPUT));
        }
    }

    /** A digit string with a letter O slipped in after its first digit, as OCR and typists do. */
    static String letterO(String digits) {
        return digits.charAt(0) + "O" + digits.substring(1);
    }

    private static long above(String[] row, SplittableRandom r) {
        long total = get(row, AsifField.TOTAL_ASSETS);
        return total + 1 + r.nextInt((int) Math.min(Integer.MAX_VALUE - 1, total / 10 + 1));
    }

    private static long get(String[] row, AsifField f) {
        return Long.parseLong(row[f.ordinal()]);
    }

    private static void put(String[] row, AsifField f, long v) {
        row[f.ordinal()] = Long.toString(v);
    }
}
