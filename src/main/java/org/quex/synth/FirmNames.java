package org.quex.synth;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chinese firm names, people, addresses and phone numbers, and the ways a customs clerk writes
 * them differently from the ASIF form. Characters are chosen so that no manufacturer's name
 * contains an intermediary keyword by accident (only planted 工贸 names do, on purpose).
 */
public final class FirmNames {
    static final String TRADE_NAME_CHARS = "华新达隆鑫宏源泰恒丰盛昌利永兴海天明光金通嘉瑞远康宝力德伟信诚安东方正大中美富顺辉祥鸿捷凯振宇晨阳";
    static final String[] INDUSTRY_WORDS = {"机械", "电子", "纺织", "服装", "化工", "五金", "塑料", "家具", "玩具", "电器",
        "制药", "食品", "陶瓷", "汽车配件", "鞋业", "印染", "包装", "建材", "钢铁", "仪器", "光电", "精密", "橡胶", "造纸"};
    static final String[] SUFFIXES = {"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "厂", "集团有限公司"};
    /** Manufacturers named 工贸 are not intermediaries: the literature's known false positive. */
    static final String GONGMAO_SUFFIX = "工贸有限公司";
    static final String[] LATIN_BRANDS = {"TCL", "ABC", "JDM", "KTC", "SGS", "HTM"};
    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华";
    static final String[] ROADS = {"人民路", "解放路", "中山路", "建设路", "长江路", "和平路", "文化路", "青年路", "胜利路", "东风路"};
    /** Look-alike or same-sound characters a clerk types by mistake (none forms an intermediary keyword). */
    static final Map<Character, Character> TYPOS = typoMap("华化新心达大隆龙鑫金宏弘源元泰太恒衡丰峰盛胜昌长利力永涌兴星"
            + "海汇天添明铭光广金今通同嘉佳瑞锐远圆康亢宝保力立德得伟威信欣诚成安按东冬方芳正政大达中忠美梅富福顺舜");

    /** How the customs name differs from the ASIF name; only {@code TYPO} defeats name normalization. */
    public enum NameVariant { EXACT, SPACING, BRACKET_WIDTH, SUFFIX_VARIANT, LATIN_CASE, TYPO }

    public record Written(String text, NameVariant variant) {
    }

    private FirmNames() {
    }

    private static Map<Character, Character> typoMap(String pairs) {
        java.util.HashMap<Character, Character> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            m.put(pairs.charAt(i), pairs.charAt(i + 1));
        }
        return Map.copyOf(m);
    }

    static char pick(String chars, SplittableRandom r) {
        return chars.charAt(r.nextInt(chars.length()));
    }

    static String pick(String[] words, SplittableRandom r) {
        return words[r.nextInt(words.length)];
    }

    /** Number of distinct (city, trade name, industry word) triples: registered names are unique below it. */
    public static final long NAME_SPACE = (long) Places.CITIES.size() * TRADE_NAME_CHARS.length()
            * TRADE_NAME_CHARS.length() * INDUSTRY_WORDS.length;
    /** Prime, so coprime with NAME_SPACE: unit → name triple is a bijection. */
    private static final long NAME_MULTIPLIER = 1_000_003L;

    /** The (city, trade name, industry word) of a unit: distinct units get distinct triples below NAME_SPACE. */
    public record NameStem(Places.City city, String tradeName, String word) {
    }

    public static NameStem stem(long unit, long seed) {
        long i = Math.floorMod(unit * NAME_MULTIPLIER + Math.floorMod(Seeds.mix(seed ^ 0x5EEDL), NAME_SPACE), NAME_SPACE);
        int n = TRADE_NAME_CHARS.length();
        String word = INDUSTRY_WORDS[(int) (i % INDUSTRY_WORDS.length)];
        i /= INDUSTRY_WORDS.length;
        String tradeName = "" + TRADE_NAME_CHARS.charAt((int) (i % n)) + TRADE_NAME_CHARS.charAt((int) (i / n % n));
        i /= (long) n * n;
        return new NameStem(Places.CITIES.get((int) i), tradeName, word);
    }

    /** A manufacturer's registered name in one of the common patterns (the pattern never drops the stem). */
    public static String manufacturerName(NameStem stem, SplittableRandom r, boolean gongmao) {
        String city = stem.city().name();
        String suffix = gongmao ? GONGMAO_SUFFIX : pick(SUFFIXES, r);
        double u = r.nextDouble();
        if (u < 0.15) {
            // full-width brackets around the place, as registries write it
            return stem.tradeName() + stem.word() + "（" + city + "）" + suffix;
        } else if (u < 0.20) {
            return city + pick(LATIN_BRANDS, r) + stem.tradeName() + stem.word() + suffix;
        }
        return city + stem.tradeName() + stem.word() + suffix;
    }

    /**
     * The name after corporatization: the legal form changes in a way that name normalization does
     * not fold (厂 → 有限公司, 有限公司 → 股份有限公司, …), the stem stays, so the name stays unique.
     */
    public static String corporatized(String name) {
        String[][] steps = {{"集团有限公司", "集团股份有限公司"}, {"股份有限公司", "集团有限公司"},
            {"有限责任公司", "股份有限公司"}, {"工贸有限公司", "工贸股份有限公司"}, {"有限公司", "股份有限公司"}, {"厂", "有限公司"}};
        for (String[] s : steps) {
            if (name.endsWith(s[0])) {
                return name.substring(0, name.length() - s[0].length()) + s[1];
            }
        }
        return name;
    }

    /** A trade intermediary's name: it carries one of the keywords the cleaning looks for. */
    public static String intermediaryName(String city, String keyword, SplittableRandom r) {
        return city + pick(TRADE_NAME_CHARS, r) + pick(TRADE_NAME_CHARS, r) + keyword + "有限公司";
    }

    public static String personName(SplittableRandom r) {
        String name = "" + pick(SURNAMES, r) + pick(GIVEN, r);
        return r.nextDouble() < 0.6 ? name + pick(GIVEN, r) : name;
    }

    public static String address(String city, SplittableRandom r) {
        return city + "市" + pick(ROADS, r) + (1 + r.nextInt(899)) + "号";
    }

    /** The name as a customs clerk writes it: mostly the same, often normalizable, sometimes a typo. */
    public static Written customsName(String name, SplittableRandom r, double typoShare) {
        double u = r.nextDouble();
        if (u < typoShare) {
            for (int i = 0; i < name.length(); i++) {
                Character t = TYPOS.get(name.charAt(i));
                if (t != null && r.nextBoolean()) {
                    return new Written(name.substring(0, i) + t + name.substring(i + 1), NameVariant.TYPO);
                }
            }
            return new Written(name, NameVariant.EXACT);
        }
        if (u < typoShare + 0.50) {
            return new Written(name, NameVariant.EXACT);
        }
        return normalizableVariant(name, r);
    }

    /** A variant that trimming, width folding, Latin case and suffix folding undo (domain.md, matching 1). */
    public static Written normalizableVariant(String name, SplittableRandom r) {
        if (name.contains("（")) {
            return new Written(name.replace('（', '(').replace('）', ')'), NameVariant.BRACKET_WIDTH);
        }
        for (String brand : LATIN_BRANDS) {
            if (name.contains(brand)) {
                return new Written(name.replace(brand, brand.toLowerCase()), NameVariant.LATIN_CASE);
            }
        }
        if (name.endsWith("有限责任公司") && r.nextBoolean()) {
            return new Written(name.substring(0, name.length() - 6) + "有限公司", NameVariant.SUFFIX_VARIANT);
        }
        int cut = name.endsWith("有限公司") ? name.length() - 4 : 2;
        String spaced = r.nextBoolean() ? name.substring(0, cut) + " " + name.substring(cut) : " " + name + " ";
        return new Written(spaced, NameVariant.SPACING);
    }

    /** A local number: 8 digits behind a 3-digit area code, 7 or 8 behind a 4-digit one. */
    public static String localNumber(String areaCode, SplittableRandom r) {
        int digits = areaCode.length() == 3 || r.nextBoolean() ? 8 : 7;
        StringBuilder b = new StringBuilder().append((char) ('2' + r.nextInt(7)));
        for (int i = 1; i < digits; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    public static String asifPhone(String areaCode, String local) {
        return areaCode + "-" + local;
    }

    /** Ways customs records the same phone; every one keeps the last seven digits (matching rule 2). */
    public static String customsPhone(String areaCode, String local, SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> local;
            case 1 -> areaCode + "-" + local;
            case 2 -> "(" + areaCode + ")" + local;
            case 3 -> areaCode + " " + local.substring(0, local.length() - 4) + " " + local.substring(local.length() - 4);
            case 4 -> areaCode + local;
            default -> "86-" + areaCode.substring(1) + "-" + local;
        };
    }
}
