package org.quex.match;

import java.text.Normalizer;
import java.util.List;

/**
 * Firm names as the matching compares them (Yu 2015): Unicode compatibility folding (full-width
 * letters, digits and brackets to half-width), no whitespace anywhere, Latin letters in lower
 * case, brackets dropped (their content kept), and company-form suffix variants folded to one.
 */
public final class NameNormalizer {
    /** Suffix variants, longest first, and the form each is folded to. */
    private static final List<String[]> SUFFIXES = List.of(
            new String[] {"股份有限责任公司", "股份有限公司"},
            new String[] {"有限责任公司", "有限公司"},
            new String[] {"有限公司", "有限公司"});

    private NameNormalizer() {
    }

    /** The normalized name, or null for a missing or blank name. */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '(' || c == ')' || c == '['
                    || c == ']' || c == '〔' || c == '〕' || c == '【' || c == '】') {
                continue;
            }
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        String folded = b.toString();
        for (String[] suffix : SUFFIXES) {
            if (folded.endsWith(suffix[0])) {
                folded = folded.substring(0, folded.length() - suffix[0].length()) + suffix[1];
                break;
            }
        }
        return folded.isEmpty() ? null : folded;
    }

    /** The last seven digits of a phone number however it is written, or null with fewer than seven. */
    public static String phone7(String phone) {
        if (phone == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '０' && c <= '９') {
                digits.append((char) ('0' + (c - '０')));
            }
        }
        return digits.length() < 7 ? null : digits.substring(digits.length() - 7);
    }

    /** A six-digit zip code (full-width digits folded, spaces dropped), or null. */
    public static String zip(String zip) {
        if (zip == null) {
            return null;
        }
        String z = Normalizer.normalize(zip, Normalizer.Form.NFKC).replaceAll("\\s", "");
        return z.matches("\\d{6}") ? z : null;
    }
}
