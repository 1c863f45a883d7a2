package org.quex.panel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;
import org.quex.CsvTable;

/**
 * NBS enterprise size classes of industry, read from reference/nbs_size_standards_industry.csv:
 * the 2003 standard (国统字[2003]17号: employees, sales and total assets must all reach a class's
 * lower bounds; no micro class) and the 2011 standard (国统字[2011]75号: employees and revenue;
 * adds micro). A firm is in the highest class whose lower bounds it reaches; the bottom class has
 * none. The standards are in 10 thousand RMB, ASIF money in thousand RMB.
 */
public final class SizeStandards implements Serializable {
    public static final int MICRO = 0;
    public static final int SMALL = 1;
    public static final int MEDIUM = 2;
    public static final int LARGE = 3;
    static final String TABLE = "data-schemas/reference/nbs_size_standards_industry.csv";

    /** Lower bounds of one class; null = no bound. */
    record Tier(int sizeClass, Long employees, Long revenueThousand, Long assetsThousand) implements Serializable {
        boolean reached(long employees, Long revenue, Long assets) {
            return (this.employees == null || employees >= this.employees)
                    && (revenueThousand == null || (revenue != null && revenue >= revenueThousand))
                    && (assetsThousand == null || (assets != null && assets >= assetsThousand));
        }
    }

    private final List<Tier> standard2003;
    private final List<Tier> standard2011;
    private final int firstYearOf2011;

    SizeStandards(List<Tier> standard2003, List<Tier> standard2011, int firstYearOf2011) {
        this.standard2003 = standard2003;
        this.standard2011 = standard2011;
        this.firstYearOf2011 = firstYearOf2011;
    }

    public static SizeStandards load(int firstYearOf2011) {
        CsvTable table = CsvTable.resource(TABLE);
        List<Tier> s2003 = new ArrayList<>();
        List<Tier> s2011 = new ArrayList<>();
        for (Map<String, String> row : table.rows()) {
            int sizeClass = switch (row.get("class")) {
                case "large" -> LARGE;
                case "medium" -> MEDIUM;
                case "small" -> SMALL;
                case "micro" -> MICRO;
                default -> throw new QuexException(TABLE + ": unknown class " + row.get("class"));
            };
            Tier tier = new Tier(sizeClass, lowerBound(row.get("employees_rule"), 1),
                    lowerBound(row.get("revenue_rule_10k_rmb"), 10), lowerBound(row.get("total_assets_rule_10k_rmb"), 10));
            (row.get("standard").startsWith("2003") ? s2003 : s2011).add(tier);
        }
        // highest class first, so the first tier reached is the class
        s2003.sort((a, b) -> b.sizeClass() - a.sizeClass());
        s2011.sort((a, b) -> b.sizeClass() - a.sizeClass());
        return new SizeStandards(s2003, s2011, firstYearOf2011);
    }

    /** ">=2000", "300-<2000", "2000-<40000 (note)" give their lower bound × unit; "<300" and "n/a" none. */
    static Long lowerBound(String rule, long unit) {
        String r = rule.trim();
        if (r.startsWith(">=")) {
            return Long.parseLong(r.substring(2).split("[^0-9]")[0]) * unit;
        }
        if (r.matches("[0-9]+-<.*")) {
            return Long.parseLong(r.substring(0, r.indexOf('-'))) * unit;
        }
        return null;
    }

    /** The size class (MICRO … LARGE) of a firm-year; null when employees are missing. */
    public Integer classOf(int year, Long employees, Long salesThousand, Long totalAssetsThousand) {
        if (employees == null) {
            return null;
        }
        List<Tier> tiers = year >= firstYearOf2011 ? standard2011 : standard2003;
        for (Tier t : tiers) {
            if (t.reached(employees, salesThousand, totalAssetsThousand)) {
                return t.sizeClass();
            }
        }
        throw new IllegalStateException("no size class reached; the bottom tier has no bounds");
    }
}
