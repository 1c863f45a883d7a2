package org.quex.panel;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.quex.CsvTable;

/**
 * The quality level qu (1–9) of each honour name (reference/quality_honour_levels.csv, the paper's
 * classification), the low/mid/high groups of lqu, mqu and hqu, and the province codes that honour
 * lists name.
 */
public final class HonourLevels implements Serializable {
    static final String LEVELS = "data-schemas/reference/quality_honour_levels.csv";
    static final String PROVINCES = "data-schemas/reference/province_codes.csv";

    private final Map<String, Integer> levelByHonour;
    private final Map<String, String> groupByLevel;
    private final Map<String, String> provinceByPrefix;

    HonourLevels(Map<String, Integer> levelByHonour, Map<String, String> groupByLevel,
                 Map<String, String> provinceByPrefix) {
        this.levelByHonour = levelByHonour;
        this.groupByLevel = groupByLevel;
        this.provinceByPrefix = provinceByPrefix;
    }

    public static HonourLevels load() {
        Map<String, Integer> levels = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        for (Map<String, String> row : CsvTable.resource(LEVELS).rows()) {
            int qu = Integer.parseInt(row.get("qu"));
            levels.put(normalize(row.get("honour_zh")), qu);
            groups.put(Integer.toString(qu), row.get("level"));
        }
        Map<String, String> provinces = new HashMap<>();
        for (Map<String, String> row : CsvTable.resource(PROVINCES).rows()) {
            provinces.put(row.get("name_zh").substring(0, 2), row.get("code"));
        }
        return new HonourLevels(levels, groups, provinces);
    }

    /** qu of an honour name (spaces and full-width brackets ignored); null if the name is unknown. */
    public Integer level(String honour) {
        return honour == null ? null : levelByHonour.get(normalize(honour));
    }

    /** lqu / mqu / hqu: 1 if qu belongs to the group ("low", "mid", "high"); qu 0 (no honour) is in none. */
    public int inGroup(int qu, String group) {
        return group.equals(groupByLevel.get(Integer.toString(qu))) ? 1 : 0;
    }

    /** The levels of a group ("low", "mid", "high"), ascending. */
    public java.util.List<Integer> levelsOf(String group) {
        return groupByLevel.entrySet().stream().filter(e -> e.getValue().equals(group))
                .map(e -> Integer.parseInt(e.getKey())).sorted().toList();
    }

    /**
     * The 2-digit province code of a province name as lists write it (江苏省, 江苏, 广西壮族自治区);
     * the first two characters identify each of the 31 provinces. Null if missing or unknown.
     */
    public String provinceCode(String name) {
        if (name == null || name.strip().length() < 2) {
            return null;
        }
        return provinceByPrefix.get(name.strip().substring(0, 2));
    }

    static String normalize(String honour) {
        return java.text.Normalizer.normalize(honour, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
