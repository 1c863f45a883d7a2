package org.quex.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A panel id that follows an ASIF firm across years when its firm id changes (Brandt, Van
 * Biesebroeck & Zhang 2012, "BVZ"): firm-years of year t are linked to firm-years of year t + g
 * (g = 1, then 2 … up to maxGap, for what is still unlinked) by a chain of keys tried in order —
 * the same firm id, else the same normalized name, else the same legal person + county + founding
 * year, else the same phone (last seven digits) + county (+ optionally founding year + county +
 * industry). A link needs the key to be unique on both sides among the firm-years still unlinked;
 * a key shared by several is ambiguous, counted and not guessed. Each firm-year gets at most one
 * link forward and one back, and links go forward in time, so an id is a chain with one firm-year
 * per year: two firms of one year never share an id. Pure: no Spark.
 */
public final class PanelIds {
    /** One firm-year as the chain sees it; blank keys are never used. */
    public record FirmYear(int year, String firmId, String nameKey, String legalPerson, String county,
                           Integer foundingYear, String phone7, String industry) {
    }

    /** A linking key, by name (in conf/quex.conf panel.id.steps) and its value of a firm-year (null: none). */
    public enum Step {
        FIRM_ID("firm_id", f -> f.firmId()),
        NAME("name", f -> f.nameKey()),
        LEGAL_PERSON("legal_person", f -> join(f.legalPerson(), f.county(), f.foundingYear())),
        PHONE("phone", f -> join(f.phone7(), f.county())),
        FOUNDING_INDUSTRY("founding_industry", f -> join(f.foundingYear(), f.county(), f.industry()));

        private final String label;
        private final Function<FirmYear, String> key;

        Step(String label, Function<FirmYear, String> key) {
            this.label = label;
            this.key = key;
        }

        public String label() {
            return label;
        }

        String keyOf(FirmYear f) {
            return key.apply(f);
        }

        public static Step of(String label) {
            for (Step s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(label);
        }

        /** The parts joined, or null when any is missing or blank. */
        private static String join(Object... parts) {
            StringBuilder b = new StringBuilder();
            for (Object p : parts) {
                if (p == null || p.toString().isBlank()) {
                    return null;
                }
                b.append(p.toString().trim()).append('\u001f');
            }
            return b.toString();
        }
    }

    /** A link from firm-year {@code from} to the later {@code to} (indexes into the input), by a step. */
    public record Link(int from, int to, Step step) {
    }

    /**
     * The result: per firm-year (input order) its panel id (first firm id of its chain / first year),
     * the links, and the counts of the report.
     */
    public record Result(List<String> panelIds, List<Link> links, Map<String, Long> linksByStepAndYear,
                         Map<String, Long> ambiguousByStep, long ids, Map<Integer, Long> idsByFirmIds,
                         long firmIdsSplit) {

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "panel ids: %d ids over %d firm-years, %d links; ids by number of firm"
                    + " ids they join %s; %d firm ids split over several panel ids", ids, panelIds.size(), links.size(),
                    idsByFirmIds, firmIdsSplit));
            linksByStepAndYear.forEach((k, n) -> lines.add("  links " + k + " = " + n));
            ambiguousByStep.forEach((k, n) -> lines.add("  ambiguous keys " + k + " = " + n));
            return lines;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("panel_ids", ids);
            m.put("firm_years", panelIds.size());
            m.put("links", links.size());
            m.put("links_by_step_and_year", linksByStepAndYear);
            m.put("ambiguous_keys_by_step", ambiguousByStep);
            m.put("panel_ids_by_number_of_firm_ids", idsByFirmIds);
            m.put("firm_ids_split", firmIdsSplit);
            return m;
        }
    }

    private PanelIds() {
    }

    /** Links and panel ids of {@code firmYears} (one row per firm id and year). */
    public static Result build(List<FirmYear> firmYears, List<Step> steps, int maxGap) {
        int n = firmYears.size();
        int[] next = new int[n];
        int[] previous = new int[n];
        java.util.Arrays.fill(next, -1);
        java.util.Arrays.fill(previous, -1);
        TreeMap<Integer, List<Integer>> byYear = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byYear.computeIfAbsent(firmYears.get(i).year(), y -> new ArrayList<>()).add(i);
        }
        List<Link> links = new ArrayList<>();
        Map<String, Long> byStepYear = new LinkedHashMap<>();
        Map<String, Long> ambiguous = new LinkedHashMap<>();
        for (Step s : steps) {
            ambiguous.put(s.label(), 0L);
        }
        for (int gap = 1; gap <= maxGap; gap++) {
            for (Map.Entry<Integer, List<Integer>> e : byYear.entrySet()) {
                List<Integer> later = byYear.get(e.getKey() + gap);
                if (later == null) {
                    continue;
                }
                for (Step step : steps) {
                    Map<String, List<Integer>> left = keyed(e.getValue(), firmYears, step, next);
                    Map<String, List<Integer>> right = keyed(later, firmYears, step, previous);
                    for (Map.Entry<String, List<Integer>> k : left.entrySet()) {
                        List<Integer> match = right.get(k.getKey());
                        if (match == null) {
                            continue;
                        }
                        if (k.getValue().size() > 1 || match.size() > 1) {
                            ambiguous.merge(step.label(), 1L, Long::sum);
                            continue;
                        }
                        int from = k.getValue().get(0);
                        int to = match.get(0);
                        next[from] = to;
                        previous[to] = from;
                        links.add(new Link(from, to, step));
                        byStepYear.merge(step.label() + " " + (e.getKey() + gap) + (gap > 1 ? " gap " + gap : ""), 1L,
                                Long::sum);
                    }
                }
            }
        }
        // a chain starts at a firm-year without a predecessor; its id is that firm-year's firm id and year
        String[] ids = new String[n];
        long count = 0;
        Map<Integer, Long> byFirmIds = new TreeMap<>();
        Map<String, java.util.Set<String>> idsOfFirmId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (previous[i] >= 0) {
                continue;
            }
            String id = firmYears.get(i).firmId() + "/" + firmYears.get(i).year();
            count++;
            java.util.Set<String> firmIds = new java.util.HashSet<>();
            for (int j = i; j >= 0; j = next[j]) {
                ids[j] = id;
                firmIds.add(firmYears.get(j).firmId());
                idsOfFirmId.computeIfAbsent(firmYears.get(j).firmId(), k -> new java.util.HashSet<>()).add(id);
            }
            byFirmIds.merge(firmIds.size(), 1L, Long::sum);
        }
        long split = idsOfFirmId.values().stream().filter(s -> s.size() > 1).count();
        return new Result(java.util.Arrays.asList(ids), links, new TreeMap<>(byStepYear), ambiguous, count, byFirmIds,
                split);
    }

    /** Key → firm-years of {@code rows} not yet linked on this side ({@code linked}[i] < 0) that have the key. */
    private static Map<String, List<Integer>> keyed(List<Integer> rows, List<FirmYear> firmYears, Step step, int[] linked) {
        Map<String, List<Integer>> m = new HashMap<>();
        for (int i : rows) {
            if (linked[i] >= 0) {
                continue;
            }
            String key = step.keyOf(firmYears.get(i));
            if (key != null && !key.isBlank()) {
                m.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
            }
        }
        return m;
    }
}
