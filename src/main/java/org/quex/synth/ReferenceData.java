package org.quex.synth;

import org.quex.CsvTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.quex.QuexException;

/**
 * The reference tables the generator draws from, loaded from data-schemas/reference on the
 * classpath (copies of ../shared/reference, sources in data-schemas/reference/SOURCE.md).
 */
public final class ReferenceData implements Serializable {
    public static final String DIR = "data-schemas/reference/";
    /** HS chapters the Customs cleaning drops (arms, art, Chinese special codes); good rows avoid them. */
    public static final Set<String> EXCLUDED_HS_CHAPTERS = Set.of("93", "97", "98", "99");

    public enum HsVintage { HS1996, HS2002, HS2007, HS2012 }

    /** An industry's code in each GB/T 4754 edition the deliveries use (1994 to 2002, 2002 to 2011, 2011 after). */
    public record Industry(String cic2002, String cic2011, String cic1994) implements Serializable {
        public String division() {
            return cic2002.substring(0, 2);
        }
    }

    public record Honour(int qu, String level, String name, Integer expiresAfterYears) implements Serializable {
    }

    public record Country(String code, String nameZh) implements Serializable {
    }

    /** HS2002 6-digit product codes that have a counterpart in every vintage and are not in excluded chapters. */
    private final List<String> products;
    /** Per vintage: HS2002 code → the (smallest) code of that vintage that corresponds to it. */
    private final Map<HsVintage, Map<String, String>> productCodeByVintage;
    /** Per vintage: real codes of chapters 93 and 97 (planted as excluded-chapter rows). */
    private final Map<HsVintage, List<String>> excludedChapterCodes;
    private final List<Industry> industries;
    private final List<String> intermediaryKeywords;
    private final List<String> allKeywords;
    private final Set<String> registrationTypes;
    /** Registration-type code → the NBS standard text (registration_type_codes.csv). */
    private final Map<String, String> registrationNbsText;
    /** Registration-type code → the text the CIED delivery writes (cied2025_registration_type_text.csv), where it has one. */
    private final Map<String, String> registrationCiedText;
    private final List<Honour> honours;
    private final List<Country> countries;

    private ReferenceData(List<String> products, Map<HsVintage, Map<String, String>> productCodeByVintage,
                          Map<HsVintage, List<String>> excludedChapterCodes, List<Industry> industries,
                          List<String> intermediaryKeywords, List<String> allKeywords, Set<String> registrationTypes,
                          Map<String, String> registrationNbsText, Map<String, String> registrationCiedText,
                          List<Honour> honours, List<Country> countries) {
        this.products = products;
        this.productCodeByVintage = productCodeByVintage;
        this.excludedChapterCodes = excludedChapterCodes;
        this.industries = industries;
        this.intermediaryKeywords = intermediaryKeywords;
        this.allKeywords = allKeywords;
        this.registrationTypes = registrationTypes;
        this.registrationNbsText = registrationNbsText;
        this.registrationCiedText = registrationCiedText;
        this.honours = honours;
        this.countries = countries;
    }

    private static volatile ReferenceData shared;

    /** The tables loaded once per JVM (they are immutable classpath data). */
    public static ReferenceData shared() {
        ReferenceData t = shared;
        if (t == null) {
            synchronized (ReferenceData.class) {
                if (shared == null) {
                    shared = load();
                }
                t = shared;
            }
        }
        return t;
    }

    public static ReferenceData load() {
        Map<HsVintage, Map<String, String>> byVintage = new HashMap<>();
        Map<HsVintage, List<String>> excluded = new HashMap<>();
        Set<String> hs2002Codes = new TreeSet<>();
        loadCorrelation("hs1996_hs2002_correlation.csv", "hs1996", HsVintage.HS1996, byVintage, excluded, hs2002Codes);
        loadCorrelation("hs2007_hs2002_correlation.csv", "hs2007", HsVintage.HS2007, byVintage, excluded, hs2002Codes);
        loadCorrelation("hs2012_hs2002_correlation.csv", "hs2012", HsVintage.HS2012, byVintage, excluded, hs2002Codes);
        Map<String, String> identity = new TreeMap<>();
        List<String> excluded2002 = new ArrayList<>();
        for (String c : hs2002Codes) {
            identity.put(c, c);
            if (c.startsWith("93") || c.startsWith("97")) {
                excluded2002.add(c);
            }
        }
        byVintage.put(HsVintage.HS2002, identity);
        excluded.put(HsVintage.HS2002, excluded2002);
        List<String> products = new ArrayList<>();
        for (String c : hs2002Codes) {
            boolean everywhere = byVintage.values().stream().allMatch(m -> m.containsKey(c));
            if (everywhere && !EXCLUDED_HS_CHAPTERS.contains(c.substring(0, 2))) {
                products.add(c);
            }
        }

        Set<String> manufacturing2002 = new TreeSet<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "cic_gbt4754_2002_codes.csv").rows()) {
            String code = r.get("code");
            if ("class".equals(r.get("level")) && code.length() == 4 && code.compareTo("1300") >= 0
                    && code.compareTo("4400") < 0) {
                manufacturing2002.add(code);
            }
        }
        Map<String, String> to2011 = new TreeMap<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "cic2002_to_cic2011_heuristic_4digit.csv").rows()) {
            String target = r.get("cic2011");
            if (!r.get("match_type").startsWith("unmatched") && target.length() == 4) {
                to2011.putIfAbsent(r.get("cic2002"), target);
            }
        }
        // the 1994 code a firm of a 2002 industry reported: a 1994 class whose only 2002 target it is, else the
        // first 1994 class that has it among several targets (the real 1994 → 2002 mapping is then ambiguous)
        Map<String, Set<String>> targets1994 = new TreeMap<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "gb4754_crosswalk_1994_2002.csv").rows()) {
            if ("S".equals(r.get("level")) && r.get("to_code").length() == 4) {
                targets1994.computeIfAbsent(r.get("from_code"), k -> new java.util.TreeSet<>()).add(r.get("to_code"));
            }
        }
        List<Industry> industries = new ArrayList<>();
        for (String c : manufacturing2002) {
            if (to2011.containsKey(c)) {
                String only = null;
                String among = null;
                for (Map.Entry<String, Set<String>> e : targets1994.entrySet()) {
                    if (e.getValue().contains(c)) {
                        among = among == null ? e.getKey() : among;
                        only = only == null && e.getValue().size() == 1 ? e.getKey() : only;
                    }
                }
                industries.add(new Industry(c, to2011.get(c), only != null ? only : among != null ? among : c));
            }
        }

        List<String> keywords = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "intermediary_keywords.csv").rows()) {
            all.add(r.get("keyword"));
            // Intermediaries are named with the keywords every list agrees on; 工贸 is a known false positive.
            if ("yes".equals(r.get("in_FLY_ReStat2015_code")) && !"工贸".equals(r.get("keyword"))) {
                keywords.add(r.get("keyword"));
            }
        }
        Set<String> regTypes = new TreeSet<>();
        Map<String, String> nbsText = new TreeMap<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "registration_type_codes.csv").rows()) {
            regTypes.add(r.get("code"));
            nbsText.put(r.get("code"), r.get("name_zh"));
        }
        Map<String, String> ciedText = new TreeMap<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "cied2025_registration_type_text.csv").rows()) {
            if (ciedText.putIfAbsent(r.get("nbs_code"), r.get("text_in_source")) != null) {
                throw new QuexException(DIR + "cied2025_registration_type_text.csv: two texts for code " + r.get("nbs_code"));
            }
        }
        List<Honour> honours = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "quality_honour_levels.csv").rows()) {
            String exp = r.get("expires_after_years");
            honours.add(new Honour(Integer.parseInt(r.get("qu")), r.get("level"), r.get("honour_zh"),
                    exp.isEmpty() ? null : Integer.valueOf(exp)));
        }
        List<Country> countries = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource(DIR + "customs_country_codes.csv").rows()) {
            countries.add(new Country(r.get("code"), r.get("name_zh")));
        }
        if (products.isEmpty() || industries.isEmpty() || keywords.isEmpty()) {
            throw new QuexException("reference tables in " + DIR + " are incomplete");
        }
        return new ReferenceData(List.copyOf(products), byVintage, excluded, List.copyOf(industries),
                List.copyOf(keywords), List.copyOf(all), regTypes, nbsText, ciedText, List.copyOf(honours),
                List.copyOf(countries));
    }

    private static void loadCorrelation(String file, String column, HsVintage vintage,
                                        Map<HsVintage, Map<String, String>> byVintage,
                                        Map<HsVintage, List<String>> excluded, Set<String> hs2002Codes) {
        Map<String, String> map = new TreeMap<>();
        Set<String> excl = new TreeSet<>();
        for (Map<String, String> r : CsvTable.resource(DIR + file).rows()) {
            String code = r.get(column);
            String hs2002 = r.get("hs2002");
            if (code.length() != 6 || hs2002.length() != 6) {
                continue;
            }
            hs2002Codes.add(hs2002);
            map.merge(hs2002, code, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            if (code.startsWith("93") || code.startsWith("97")) {
                excl.add(code);
            }
        }
        byVintage.put(vintage, map);
        excluded.put(vintage, List.copyOf(excl));
    }

    /** The HS vintage customs used in a year (domain.md). */
    public static HsVintage vintageOf(int year) {
        if (year <= 2001) {
            return HsVintage.HS1996;
        } else if (year <= 2006) {
            return HsVintage.HS2002;
        } else if (year <= 2011) {
            return HsVintage.HS2007;
        }
        return HsVintage.HS2012;
    }

    /** The 6-digit code of the year's vintage that customs would write for an HS2002 product. */
    public String productCode(String hs2002, int year) {
        return productCodeByVintage.get(vintageOf(year)).get(hs2002);
    }

    public List<String> products() {
        return products;
    }

    public List<String> excludedChapterCodes(int year) {
        return excludedChapterCodes.get(vintageOf(year));
    }

    public List<Industry> industries() {
        return industries;
    }

    public List<String> intermediaryKeywords() {
        return intermediaryKeywords;
    }

    /** Every keyword of intermediary_keywords.csv: manufacturer names must avoid them (except planted 工贸). */
    public List<String> allKeywords() {
        return allKeywords;
    }

    public boolean isRegistrationType(String code) {
        return registrationTypes.contains(code);
    }

    /** The NBS standard text of a registration-type code, or the code itself if the table lacks it. */
    public String registrationNbsText(String code) {
        return registrationNbsText.getOrDefault(code, code);
    }

    /** The text the CIED delivery writes for a code; the NBS text for the codes it has no text of. */
    public String registrationCiedText(String code) {
        String text = registrationCiedText.get(code);
        return text != null ? text : registrationNbsText(code);
    }

    public List<Honour> honours() {
        return honours;
    }

    public List<Honour> honoursOfLevel(int qu) {
        return honours.stream().filter(h -> h.qu() == qu).toList();
    }

    public List<Country> countries() {
        return countries;
    }
}
