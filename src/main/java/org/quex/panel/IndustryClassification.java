package org.quex.panel;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quex.CsvTable;

/**
 * One industry classification for every year: GB/T 4754-2002 (CIC 2002). Codes of years written in
 * GB/T 4754-1994 (before {@code panel.industry.gbt4754_2002_from}) are mapped forward through the
 * official correspondence (reference/gb4754_crosswalk_1994_2002.csv, 4-digit rows): a 1994 code with
 * several 2002 targets takes the target with the same digits when there is one (the class kept its
 * number), else the smallest, and is counted as ambiguous. Codes of years written in GB/T 4754-2011
 * are mapped back through the official correspondence of 2002 and 2011
 * (reference/gb4754_crosswalk_2002_2011.csv, 4-digit rows, read from the 2011 side) by the same rule:
 * a 2011 class with several 2002 sources takes the source with its own number when there is one,
 * else the smallest, and is counted as ambiguous. 2002 codes must be in the 2002 list. A code none of this knows is unmapped (null) and reported by the panel.
 * Also the OECD technology class of a CIC 2002 industry (indus1..3).
 */
public final class IndustryClassification implements Serializable {
    static final String CROSSWALK_1994 = "data-schemas/reference/gb4754_crosswalk_1994_2002.csv";
    static final String CROSSWALK_2011 = "data-schemas/reference/gb4754_crosswalk_2002_2011.csv";
    static final String CODES_2002 = "data-schemas/reference/cic_gbt4754_2002_codes.csv";
    static final String OECD = "data-schemas/reference/oecd_tech_intensity_cic2002_2digit.csv";
    public static final int LOW_TECH = 1;
    public static final int MEDIUM_TECH = 2;
    public static final int HIGH_TECH = 3;

    /** A 2002 code and whether the 1994 or 2011 code it came from had other 2002 targets or sources. */
    public record Mapped(String cic2002, boolean ambiguous) implements Serializable {
    }

    private final Map<String, Mapped> from1994;
    private final java.util.Set<String> codes2002;
    private final Map<String, Mapped> from2011;
    private final Map<String, Integer> techByDivision;
    private final List<String> highTechPrefixes;
    private final int first2002Year;
    private final int first2011Year;

    IndustryClassification(Map<String, Mapped> from1994, java.util.Set<String> codes2002, Map<String, Mapped> from2011,
                           Map<String, Integer> techByDivision, List<String> highTechPrefixes, int first2002Year,
                           int first2011Year) {
        this.from1994 = from1994;
        this.codes2002 = codes2002;
        this.first2002Year = first2002Year;
        this.from2011 = from2011;
        this.techByDivision = techByDivision;
        this.highTechPrefixes = highTechPrefixes;
        this.first2011Year = first2011Year;
    }

    public static IndustryClassification load(PanelConfig config) {
        Map<String, Integer> tech = new HashMap<>();
        for (Map<String, String> row : CsvTable.resource(OECD).rows()) {
            tech.put(row.get("cic2002_2d"), switch (row.get("oecd_tech_class")) {
                case "low" -> LOW_TECH;
                case "medium-low", "medium-high" -> MEDIUM_TECH;
                case "high" -> HIGH_TECH;
                default -> throw new IllegalStateException(OECD + ": unknown class " + row.get("oecd_tech_class"));
            });
        }
        java.util.Set<String> codes2002 = new java.util.HashSet<>();
        for (Map<String, String> row : CsvTable.resource(CODES_2002).rows()) {
            if ("class".equals(row.get("level"))) {
                codes2002.add(row.get("code"));
            }
        }
        return new IndustryClassification(from1994(CsvTable.resource(CROSSWALK_1994).rows()), Set.copyOf(codes2002),
                from2011(CsvTable.resource(CROSSWALK_2011).rows()), tech, config.highTechPrefixes(), config.industry2002From(), config.industry2011From());
    }

    /**
     * 1994 code → 2002 code from the 4-digit rows of the official correspondence: the target with the
     * same digits if the code has it among several, else the smallest; ambiguous when there are several.
     */
    static Map<String, Mapped> from1994(List<Map<String, String>> rows) {
        return oneCode(rows, "from_code", "to_code");
    }

    /**
     * 2011 code → 2002 code from the 4-digit rows of the official 2002 → 2011 correspondence read
     * backwards: the 2002 source with the same digits if the 2011 class has it among several, else the
     * smallest; ambiguous when there are several.
     */
    static Map<String, Mapped> from2011(List<Map<String, String>> rows) {
        return oneCode(rows, "to_code", "from_code");
    }

    /** For every code of column {@code key} (4-digit rows), one code of column {@code value} by the rule above. */
    private static Map<String, Mapped> oneCode(List<Map<String, String>> rows, String key, String value) {
        Map<String, java.util.TreeSet<String>> targets = new HashMap<>();
        for (Map<String, String> row : rows) {
            String k = row.get(key);
            String v = row.get(value);
            if ("S".equals(row.get("level")) && k != null && k.length() == 4 && v != null && v.length() == 4) {
                targets.computeIfAbsent(k, c -> new java.util.TreeSet<>()).add(v);
            }
        }
        Map<String, Mapped> out = new HashMap<>();
        targets.forEach((from, to) -> out.put(from, new Mapped(to.contains(from) ? from : to.first(), to.size() > 1)));
        return out;
    }

    /** Which edition of GB/T 4754 a year's codes follow: 1994, 2002 or 2011. */
    public int vintage(int year) {
        return year < first2002Year ? 1994 : year < first2011Year ? 2002 : 2011;
    }

    /** The CIC 2002 4-digit code of a year's raw industry code; null if missing or not in the crosswalk. */
    public Mapped toCic2002(int year, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.trim();
        return switch (vintage(year)) {
            case 1994 -> from1994.get(c);
            case 2002 -> codes2002.contains(c) ? new Mapped(c, false) : null;
            default -> from2011.get(c);
        };
    }

    /**
     * OECD technology class of a CIC 2002 industry: LOW_TECH, MEDIUM_TECH (medium-low and
     * medium-high) or HIGH_TECH; 0 for industries outside manufacturing (mining, utilities: the
     * base of indus1..3); null when the code is missing.
     */
    public Integer techClass(String cic2002) {
        if (cic2002 == null || cic2002.length() < 2) {
            return null;
        }
        if (highTechPrefixes.stream().anyMatch(cic2002::startsWith)) {
            return HIGH_TECH;
        }
        return techByDivision.getOrDefault(cic2002.substring(0, 2), 0);
    }
}
