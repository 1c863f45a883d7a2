package org.quex.panel;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quex.CsvTable;

/**
 * One industry classification for every year: GB/T 4754-2002 (CIC 2002). Codes of years written in
 * GB/T 4754-2011 are mapped back through reference/cic2002_to_cic2011_heuristic_4digit.csv; a 2011
 * code that several 2002 codes map to is given the source whose row is most reliable (same name and
 * code, then same name, then same code; the first in the table among equals), and counted as
 * ambiguous. Years before 2003 carry GB/T
 * 4754-1994 codes in the real data; the 1994 list is not in the reference set, so they pass as
 * they are (a known gap). Also the OECD technology class of a CIC 2002 industry (indus1..3).
 */
public final class IndustryClassification implements Serializable {
    static final String CROSSWALK = "data-schemas/reference/cic2002_to_cic2011_heuristic_4digit.csv";
    static final String OECD = "data-schemas/reference/oecd_tech_intensity_cic2002_2digit.csv";
    /** Crosswalk rows by how much to trust them: the same name beats the same digits with another name. */
    static final List<String> RELIABILITY = List.of("same_code_same_name", "name_match_code_changed",
            "same_code_name_differs_CHECK");
    public static final int LOW_TECH = 1;
    public static final int MEDIUM_TECH = 2;
    public static final int HIGH_TECH = 3;

    /** A 2002 code and whether the 2011 code it came from had other 2002 sources. */
    public record Mapped(String cic2002, boolean ambiguous) implements Serializable {
    }

    private final Map<String, Mapped> from2011;
    private final Map<String, Integer> techByDivision;
    private final List<String> highTechPrefixes;
    private final int first2011Year;

    IndustryClassification(Map<String, Mapped> from2011, Map<String, Integer> techByDivision,
                           List<String> highTechPrefixes, int first2011Year) {
        this.from2011 = from2011;
        this.techByDivision = techByDivision;
        this.highTechPrefixes = highTechPrefixes;
        this.first2011Year = first2011Year;
    }

    public static IndustryClassification load(PanelConfig config) {
        Map<String, String> chosen = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Integer> sources = new HashMap<>();
        for (Map<String, String> row : CsvTable.resource(CROSSWALK).rows()) {
            String c2011 = row.get("cic2011");
            if (c2011 == null || c2011.isBlank()) {
                continue;
            }
            sources.merge(c2011, 1, Integer::sum);
            int r = RELIABILITY.indexOf(row.get("match_type"));
            r = r < 0 ? RELIABILITY.size() : r;
            if (!rank.containsKey(c2011) || r < rank.get(c2011)) {
                chosen.put(c2011, row.get("cic2002"));
                rank.put(c2011, r);
            }
        }
        Map<String, Mapped> from2011 = new HashMap<>();
        chosen.forEach((c2011, c2002) -> from2011.put(c2011, new Mapped(c2002, sources.get(c2011) > 1)));
        Map<String, Integer> tech = new HashMap<>();
        for (Map<String, String> row : CsvTable.resource(OECD).rows()) {
            tech.put(row.get("cic2002_2d"), switch (row.get("oecd_tech_class")) {
                case "low" -> LOW_TECH;
                case "medium-low", "medium-high" -> MEDIUM_TECH;
                case "high" -> HIGH_TECH;
                default -> throw new IllegalStateException(OECD + ": unknown class " + row.get("oecd_tech_class"));
            });
        }
        return new IndustryClassification(from2011, tech, config.highTechPrefixes(), config.industry2011From());
    }

    /** The CIC 2002 4-digit code of a year's raw industry code; null if missing or not in the crosswalk. */
    public Mapped toCic2002(int year, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.trim();
        if (year < first2011Year) {
            return new Mapped(c, false);
        }
        return from2011.get(c);
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
