package org.quex.ingest.excel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * A numeric cell as the text ingest types: a plain decimal without exponent or trailing ".0"
 * (1012100, 8633950000, 12.5) to the 15 significant digits Excel keeps and shows; a date-formatted
 * cell as yyyy-MM-dd; a whole number formatted with leading zeros ("00000000") padded as shown.
 * (POI's DataFormatter renders the display format instead: General turns 12-digit ids into
 * 1.23457E+11 and "0.0" drops digits, so ingest formats the stored value itself.)
 */
final class CellText {
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_UP);

    /** What a cell's number format says about its value. */
    record Format(boolean date, int zeros) {
        static final Format GENERAL = new Format(false, 0);

        static Format of(int index, String pattern) {
            if (DateUtil.isADateFormat(index, pattern)) {
                return new Format(true, 0);
            }
            if (pattern != null && pattern.matches("0{2,}")) {
                return new Format(false, pattern.length());
            }
            return GENERAL;
        }
    }

    private CellText() {
    }

    static String numeric(double value, Format format, boolean date1904) {
        if (format.date() && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        String text = number(value);
        if (format.zeros() > text.length() && value >= 0 && value == Math.rint(value)) {
            return "0".repeat(format.zeros() - text.length()) + text;
        }
        return text;
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String shortest = Double.toString(d);
        if (!Double.isFinite(d) || shortest.indexOf('E') < 0 && significantDigits(shortest) <= 15) {
            return shortest; // the shortest text of a double with <= 15 digits is also its 15-digit rounding
        }
        return new BigDecimal(d).round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Digits of a plain decimal without its sign, point and leading zeros ("0.0125" has 3). */
    private static int significantDigits(String plain) {
        int n = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c >= '1' && c <= '9' || c == '0' && n > 0) {
                n++;
            }
        }
        return n;
    }

    /** Column letters of a 0-based position: 0 → A, 26 → AA. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }
}
