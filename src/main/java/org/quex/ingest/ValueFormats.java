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
    private static final Pattern YYYY_MM_DD = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");

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
    static boolean isDigits(String v) {
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

    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d(\\.\\d+)?[eE][+-]?\\d+");
    private static final Pattern DIGITS_POINT_ZEROS = Pattern.compile("(\\d+)\\.0+");
    private static final Pattern YYYY_MM = Pattern.compile("(\\d{4})[-/.](\\d{1,2})");
    private static final Pattern YYYYMMDD = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    /** A text value as delivered; a NUL byte (a damaged export) rejects the row. */
    public static String text(String raw) throws BadValue {
        if (raw.indexOf('\0') >= 0) {
            throw new BadValue("NUL byte in the value (damaged export): '" + raw.replace('\0', '?') + "'");
        }
        return raw;
    }

    /**
     * A code as delivered, except that a code a statistics package stored as a number loses the
     * ".0" it was printed with ({@code 110.0} → {@code 110}).
     */
    public static String code(String raw) throws BadValue {
        String v = text(raw);
        if (v.indexOf('.') < 0) {
            return v; // the common case, without a regular expression
        }
        var m = DIGITS_POINT_ZEROS.matcher(v.strip());
        return m.matches() ? m.group(1) : v;
    }

    /** A code of {@code width} digits whose leading zeros numeric storage dropped ({@code 610} → {@code 0610}). */
    public static String padded(String code, int width) {
        String v = code.strip();
        if (v.length() < width && v.length() >= width - 2 && isDigits(v)) {
            return "0".repeat(width - v.length()) + v;
        }
        return code;
    }

    /** A firm id: "NULL" and spreadsheet scientific notation ({@code 8.63395E+09}, digits lost) are damage. */
    public static String firmId(String raw) throws BadValue {
        String v = code(raw);
        String s = v.strip();
        if (s.equalsIgnoreCase("NULL")) {
            throw new BadValue("firm id is the text NULL");
        }
        if (SCIENTIFIC.matcher(s).matches()) {
            throw new BadValue("firm id in scientific notation (a spreadsheet rounded it): '" + raw + "'");
        }
        return v;
    }

    /** Chinese registration-type labels (NBS texts and the CIED 2025 variants) → NBS codes. */
    private static final java.util.Map<String, String> REGISTRATION_LABELS = registrationLabels();

    private static java.util.Map<String, String> registrationLabels() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (var r : org.quex.CsvTable.resource("data-schemas/reference/registration_type_codes.csv").rows()) {
            m.put(org.quex.ingest.catalogue.HeaderNames.normalize(r.get("name_zh")), r.get("code"));
        }
        for (var r : org.quex.CsvTable.resource("data-schemas/reference/cied2025_registration_type_text.csv").rows()) {
            m.put(org.quex.ingest.catalogue.HeaderNames.normalize(r.get("text_in_source")), r.get("nbs_code"));
        }
        return java.util.Map.copyOf(m);
    }

    /** A registration-type code, or the code of a Chinese label; an unknown label is kept as delivered. */
    public static String registrationType(String raw) throws BadValue {
        String v = code(raw);
        if (isDigits(v.strip())) {
            return v;
        }
        String c = REGISTRATION_LABELS.get(org.quex.ingest.catalogue.HeaderNames.normalize(v));
        return c == null ? v : c;
    }

    /** import/export from 1/0 (1 = import in every public scheme), 进口/出口, import/export, I/E. */
    public static String direction(String raw) throws BadValue {
        String v = raw.strip();
        switch (v) {
            case "1", "进口", "I", "i", "import", "Import", "IMPORT", "imp", "1.0":
                return "import";
            case "0", "出口", "E", "e", "export", "Export", "EXPORT", "exp", "0.0":
                return "export";
            default:
                throw new BadValue("unknown direction code '" + raw + "' (expected 1/0, 进口/出口 or import/export)");
        }
    }

    /**
     * An 8-digit HS code. A 7-digit value is an 8-digit code stored as a number (chapters 01–09 lost
     * their leading zero); other lengths are kept for clean's nomenclature check.
     */
    public static String hsCode(String raw) throws BadValue {
        String v = raw.strip();
        if (!isDigits(v)) { // the common case skips the patterns
            var whole = WHOLE_WITH_ZERO_FRACTION.matcher(v);
            if (whole.matches()) {
                v = whole.group(1);
            }
            if (!DIGITS.matcher(v).matches()) {
                throw new BadValue("not an HS code (digits only): '" + raw + "'");
            }
        }
        return v.length() == 7 ? "0" + v : v;
    }

    /**
     * Month 1–12 from a month number, yyyyMM, yyyyMMdd, yyyy-MM or yyyy-MM-dd (also with / or .); a
     * year in the value must be the ingested year.
     */
    public static int month(String raw, int year) throws BadValue {
        int packed = monthAndYear(raw);
        if (packed >= 100 && packed / 100 != year) {
            throw new BadValue("date '" + raw + "' is in " + packed / 100 + ", the file is ingested as year " + year);
        }
        return packed % 100;
    }

    /**
     * A month number (1-12), or a date that also gives its year, packed as year × 100 + month
     * (yyyyMM, yyyyMMdd, yyyy-MM, yyyy-MM-dd): a Customs row's date says its year.
     */
    public static int monthAndYear(String raw) throws BadValue {
        String v = raw.strip();
        var point = DIGITS_POINT_ZEROS.matcher(v);
        if (point.matches()) {
            v = point.group(1);
        }
        int valueYear = 0;
        int month;
        java.util.regex.Matcher m;
        if (isDigits(v) && v.length() <= 2) {
            month = Integer.parseInt(v);
        } else if ((m = YYYYMM.matcher(v)).matches() || (m = YYYY_MM.matcher(v)).matches()) {
            valueYear = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
        } else if ((m = YYYYMMDD.matcher(v)).matches() || (m = YYYY_MM_DD.matcher(v)).matches()) {
            valueYear = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
        } else {
            throw new BadValue("not a month or date: '" + raw + "'");
        }
        if (month < 1 || month > 12) {
            throw new BadValue("month out of range 1-12: '" + raw + "'");
        }
        return valueYear * 100 + month;
    }
}
