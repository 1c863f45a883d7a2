package org.quex.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pure parsing of raw values into canonical ones: missing markers, numbers with thousands
 * separators, and the Customs value formats of data-schemas/raw/customs_layouts.csv. A value that
 * does not fit throws {@link BadValue} with a message that says what was expected.
 */
public final class ValueFormats {
    /** A raw value that cannot be read as its column requires. */
    public static final class BadValue extends Exception {
        public BadValue(String message) {
            super(message, null, false, false); // no stack trace: this is a per-row outcome, not a bug
        }
    }

    private static final Pattern PLAIN_INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern GROUPED_INTEGER = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");
    // Stata and Excel exports write whole numbers as 1234.0 or 1,234.00
    private static final Pattern WHOLE_WITH_ZERO_FRACTION = Pattern.compile("([+-]?[\\d,]+)\\.0*");
    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(\\d+|\\d{1,3}(,\\d{3})+)?(\\.\\d*)?([eE][+-]?\\d+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern YYYYMM = Pattern.compile("(\\d{4})(\\d{2})");
    private static final Pattern YYYY_MM_DD = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})");

    private ValueFormats() {
    }

    /** "", "NA" and "." (Stata's missing) are missing values in every column. */
    public static boolean isMissing(String raw) {
        String v = raw.strip();
        return v.isEmpty() || v.equals("NA") || v.equals(".");
    }

    public static long parseLong(String raw) throws BadValue {
        if (isPlainDigits(raw, 18)) {
            return Long.parseLong(raw); // the common case, without regular expressions
        }
        String v = raw.strip();
        var whole = WHOLE_WITH_ZERO_FRACTION.matcher(v);
        if (whole.matches()) {
            v = whole.group(1);
        }
        if (GROUPED_INTEGER.matcher(v).matches()) {
            v = v.replace(",", "");
        }
        if (!PLAIN_INTEGER.matcher(v).matches()) {
            throw new BadValue("not an integer: '" + raw + "'");
        }
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new BadValue("integer out of range: '" + raw + "'");
        }
    }

    public static int parseInt(String raw) throws BadValue {
        long v = parseLong(raw);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadValue("integer out of range: '" + raw + "'");
        }
        return (int) v;
    }

    public static double parseDouble(String raw) throws BadValue {
        if (isPlainDigits(raw, 15)) {
            return Long.parseLong(raw); // exact in a double below 10^15
        }
        String v = raw.strip();
        if (v.isEmpty() || !DECIMAL.matcher(v).matches() || v.chars().noneMatch(Character::isDigit)) {
            throw new BadValue("not a number: '" + raw + "'");
        }
        double d = Double.parseDouble(v.replace(",", ""));
        if (!Double.isFinite(d)) {
            throw new BadValue("number out of range: '" + raw + "'");
        }
        return d;
    }

    /** An optional minus and 1..maxDigits ASCII digits, nothing else. */
    private static boolean isPlainDigits(String v, int maxDigits) {
        int start = !v.isEmpty() && v.charAt(0) == '-' ? 1 : 0;
        int n = v.length() - start;
        return n >= 1 && n <= maxDigits && digitsFrom(v, start);
    }

    /** One or more ASCII digits, nothing else. */
    private static boolean isDigits(String v) {
        return !v.isEmpty() && digitsFrom(v, 0);
    }

    /** Whether every character from {@code start} on is an ASCII digit. */
    private static boolean digitsFrom(String v, int start) {
        for (int i = start; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Formats that say in which form a value was delivered (kept as given, with the form alongside). */
    public static boolean isDeliveryForm(String format) {
        return format.equals("name_zh") || format.equals("customs_code");
    }

    public static boolean isMonthForm(String format) {
        return format.equals("yyyyMM") || format.equals("yyyy-MM-dd") || format.equals("M");
    }

    /** Direction code to canonical word by a format such as {@code 0=export;1=import}. */
    public static String direction(String raw, String format) throws BadValue {
        String v = raw.strip();
        // scanned in place: this runs once per Customs row
        for (int start = 0; start < format.length(); ) {
            int end = format.indexOf(';', start);
            end = end < 0 ? format.length() : end;
            int eq = format.indexOf('=', start);
            if (eq > start && eq < end && format.regionMatches(start, v, 0, eq - start) && v.length() == eq - start) {
                return format.substring(eq + 1, end);
            }
            start = end + 1;
        }
        List<String> codes = new ArrayList<>();
        for (String pair : format.split(";")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                codes.add(kv[0]);
            }
        }
        throw new BadValue("unknown direction code '" + raw + "' (expected one of " + String.join(", ", codes) + ")");
    }

    /** An 8-digit HS code; {@code hs8_unpadded} restores the leading zeros that numeric storage dropped. */
    public static String hsCode(String raw, String format) throws BadValue {
        String v = raw.strip();
        if (!isDigits(v)) { // the common case skips the patterns
            var whole = WHOLE_WITH_ZERO_FRACTION.matcher(v);
            if (format.equals("hs8_unpadded") && whole.matches()) {
                v = whole.group(1);
            }
            if (!DIGITS.matcher(v).matches()) {
                throw new BadValue("not an HS code (digits only): '" + raw + "'");
            }
        }
        if (format.equals("hs8_unpadded") && v.length() < 8) {
            v = "0".repeat(8 - v.length()) + v;
        }
        return v;
    }

    /** Month 1–12 from yyyyMM, yyyy-MM-dd or M; a year in the value must be the ingested year. */
    public static int month(String raw, String format, int year) throws BadValue {
        String v = raw.strip();
        int valueYear;
        int month;
        switch (format) {
            case "yyyyMM" -> {
                var m = YYYYMM.matcher(v);
                if (!m.matches()) {
                    throw new BadValue("not a yyyyMM month: '" + raw + "'");
                }
                valueYear = Integer.parseInt(m.group(1));
                month = Integer.parseInt(m.group(2));
            }
            case "yyyy-MM-dd" -> {
                var m = YYYY_MM_DD.matcher(v);
                if (!m.matches()) {
                    throw new BadValue("not a yyyy-MM-dd date: '" + raw + "'");
                }
                valueYear = Integer.parseInt(m.group(1));
                month = Integer.parseInt(m.group(2));
            }
            case "M" -> {
                valueYear = year;
                month = parseInt(v);
            }
            default -> throw new IllegalArgumentException("not a month format: " + format);
        }
        if (month < 1 || month > 12) {
            throw new BadValue("month out of range 1-12: '" + raw + "'");
        }
        if (valueYear != year) {
            throw new BadValue("date '" + raw + "' is in " + valueYear + ", the file is ingested as year " + year);
        }
        return month;
    }
}
