package org.quex.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Links Customs firms to ASIF firms within a year in two passes (Yu 2015): exact normalized name,
 * then, for firms left unlinked on both sides, zip code plus the last seven digits of the phone.
 * A link must be one-to-one: a firm with several candidates in a pass is ambiguous and not linked.
 * Each pass is one hash table of the ASIF side's keys probed by every Customs firm, never a pairwise
 * comparison. Pure: no Spark (a year holds at most a few hundred thousand firms a side, which
 * MatchJob brings to the driver; a Spark plan of the same joins took 45 stages and 15 s a year).
 */
public final class FirmMatcher {
    public static final String BY_NAME = "name";
    public static final String BY_ZIP_PHONE = "zip_phone7";

    private FirmMatcher() {
    }

    /** A firm of one side as the passes see it: its id and its keys (null: the firm has none). */
    public record Firm(String id, String nameKey, String zipKey, String phoneKey) {
        /** A firm with its keys made from the name, zip and phone as delivered. */
        public static Firm of(String id, String name, String zip, String phone) {
            return new Firm(id, NameNormalizer.normalize(name), NameNormalizer.zip(zip), NameNormalizer.phone7(phone));
        }

        /** Zip and phone together, or null unless both are there. */
        Object zipPhoneKey() {
            return zipKey == null || phoneKey == null ? null : List.of(zipKey, phoneKey);
        }
    }

    public record Link(String customsFirmCode, String asifFirmId, String method) {
    }

    /** A Customs-ASIF pair (of the truth, or found). */
    public record Pair(String customsFirmCode, String asifFirmId) {
    }

    /** The links of both passes, and per pass the Customs firms it left ambiguous (several candidates on some side). */
    public record Result(List<Link> links, long ambiguousByName, long ambiguousByZipPhone) {
    }

    /** Both passes; a firm given twice (several rows of one id) is one firm with all its keys. */
    public static Result match(List<Firm> asif, List<Firm> customs) {
        List<Link> links = new ArrayList<>();
        long ambiguousByName = pass(asif, customs, BY_NAME, Firm::nameKey, links);
        Set<String> linkedAsif = new HashSet<>();
        Set<String> linkedCustoms = new HashSet<>();
        for (Link l : links) {
            linkedAsif.add(l.asifFirmId());
            linkedCustoms.add(l.customsFirmCode());
        }
        long ambiguousByZipPhone = pass(asif.stream().filter(f -> !linkedAsif.contains(f.id())).toList(),
                customs.stream().filter(f -> !linkedCustoms.contains(f.id())).toList(), BY_ZIP_PHONE,
                Firm::zipPhoneKey, links);
        return new Result(links, ambiguousByName, ambiguousByZipPhone);
    }

    /**
     * The candidate pairs on equal keys (null keys never match), each pair once; the one-to-one
     * pairs are added to {@code links} in the Customs firms' order. Returns the Customs firms with
     * a candidate pair that is not one-to-one.
     */
    private static long pass(List<Firm> asif, List<Firm> customs, String method, Function<Firm, Object> key,
                             List<Link> links) {
        Map<Object, Set<String>> asifByKey = new HashMap<>();
        for (Firm a : asif) {
            Object k = key.apply(a);
            if (k != null) {
                asifByKey.computeIfAbsent(k, x -> new LinkedHashSet<>(2)).add(a.id());
            }
        }
        Map<String, Set<String>> candidatesOfCustoms = new LinkedHashMap<>();
        for (Firm c : customs) {
            Set<String> ids = asifByKey.get(key.apply(c));
            if (ids != null) {
                candidatesOfCustoms.computeIfAbsent(c.id(), x -> new LinkedHashSet<>(2)).addAll(ids);
            }
        }
        Map<String, Integer> candidatesOfAsif = new HashMap<>();
        for (Set<String> ids : candidatesOfCustoms.values()) {
            for (String a : ids) {
                candidatesOfAsif.merge(a, 1, Integer::sum);
            }
        }
        long ambiguous = 0;
        for (Map.Entry<String, Set<String>> e : candidatesOfCustoms.entrySet()) {
            String a = e.getValue().iterator().next();
            if (e.getValue().size() == 1 && candidatesOfAsif.get(a) == 1) {
                links.add(new Link(e.getKey(), a, method));
            } else {
                ambiguous++;
            }
        }
        return ambiguous;
    }

    /** Precision and recall of one pass against the true links it could find. */
    public record Quality(String method, long links, long correct, long findable) {
        public double precision() {
            return links == 0 ? Double.NaN : (double) correct / links;
        }

        public double recall() {
            return findable == 0 ? Double.NaN : (double) correct / findable;
        }
    }

    /**
     * Each pass's precision (correct links / links) and recall against the true links it could
     * find: both firms in the inputs and equal normalized names (pass 1); equal zip and phone7
     * among the true links pass 1 did not make (pass 2); either (all). Each true pair counts once.
     */
    public static List<Quality> evaluate(List<Firm> asif, List<Firm> customs, List<Link> links,
                                         Collection<Pair> truth) {
        Map<String, List<Firm>> asifById = byId(asif);
        Map<String, List<Firm>> customsById = byId(customs);
        Map<Pair, String> foundBy = new HashMap<>();
        long nameLinks = 0;
        for (Link l : links) {
            foundBy.put(new Pair(l.customsFirmCode(), l.asifFirmId()), l.method());
            nameLinks += l.method().equals(BY_NAME) ? 1 : 0;
        }
        long nameFindable = 0;
        long nameCorrect = 0;
        long phoneFindable = 0;
        long phoneCorrect = 0;
        long anyFindable = 0;
        long anyCorrect = 0;
        for (Pair t : new HashSet<>(truth)) {
            List<Firm> a = asifById.get(t.asifFirmId());
            List<Firm> c = customsById.get(t.customsFirmCode());
            if (a == null || c == null) {
                continue; // not findable: a firm is not in the inputs
            }
            boolean nameEqual = anyEqual(a, c, Firm::nameKey);
            boolean zipPhoneEqual = anyEqual(a, c, Firm::zipPhoneKey);
            String method = foundBy.get(t);
            nameFindable += nameEqual ? 1 : 0;
            nameCorrect += nameEqual && BY_NAME.equals(method) ? 1 : 0;
            phoneFindable += zipPhoneEqual && !BY_NAME.equals(method) ? 1 : 0;
            phoneCorrect += BY_ZIP_PHONE.equals(method) ? 1 : 0;
            anyFindable += nameEqual || zipPhoneEqual ? 1 : 0;
            anyCorrect += method != null ? 1 : 0;
        }
        return List.of(
                new Quality(BY_NAME, nameLinks, nameCorrect, nameFindable),
                new Quality(BY_ZIP_PHONE, links.size() - nameLinks, phoneCorrect, phoneFindable),
                new Quality("all", links.size(), anyCorrect, anyFindable));
    }

    /** Whether some row of one firm and some row of the other have the same key (not null). */
    private static boolean anyEqual(List<Firm> a, List<Firm> c, Function<Firm, Object> key) {
        for (Firm x : a) {
            for (Firm y : c) {
                if (key.apply(x) != null && key.apply(x).equals(key.apply(y))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, List<Firm>> byId(List<Firm> firms) {
        Map<String, List<Firm>> m = new HashMap<>();
        for (Firm f : firms) {
            m.computeIfAbsent(f.id(), x -> new ArrayList<>(1)).add(f);
        }
        return m;
    }
}
