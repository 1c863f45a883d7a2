package org.quex.ingest.catalogue;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * How a delivery's header name is compared with the catalogue: full-width forms folded (NFKC),
 * lower case, a UTF-8 BOM, spaces and the separators that vary between deliveries
 * ({@code _ ( ) . - : 、 /}) removed. {@code 工业总产值（当年价格）}, {@code 工业总产值(当年价格)} and
 * {@code 工业总产值_当年价格} are one name; so are {@code CompanyType} and {@code companyType}.
 */
public final class HeaderNames {
    /** Unit suffixes glued to Chinese labels (工业总产值_当年价格千元, 年末从业人员合计人), longest first. */
    public static final List<String> UNIT_SUFFIXES = List.of("千元", "万元", "元", "人");

    private HeaderNames() {
    }

    public static String normalize(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || "_().-:、/·".indexOf(c) >= 0) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The unit suffix a normalized name ends with (and has more before it), or null. */
    public static String unitSuffix(String normalized) {
        for (String u : UNIT_SUFFIXES) {
            if (normalized.endsWith(u) && normalized.length() > u.length() + 1) {
                return u;
            }
        }
        return null;
    }

    /** Factor that brings an amount in {@code unit} (千元, 万元, 元 or blank) to thousand RMB. */
    public static double toThousandRmb(String unit) {
        return switch (unit == null ? "" : unit) {
            case "", "千元", "thousand_rmb" -> 1;
            case "万元" -> 10;
            case "元" -> 0.001;
            default -> throw new IllegalArgumentException("not a money unit: " + unit);
        };
    }
}
