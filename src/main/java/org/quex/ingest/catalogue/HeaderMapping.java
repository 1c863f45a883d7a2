package org.quex.ingest.catalogue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quex.QuexException;
import org.quex.lake.schema.CanonicalColumn;
import org.quex.lake.schema.SourceSchema;

/**
 * How one file's header maps onto the canonical columns of its source: for each canonical column
 * the header positions that feed it (first non-missing value wins: case twins such as
 * CompanyType/companyType, or the fallback employment measure), the unit factor a suffix implies,
 * the extra columns the typed table leaves out, and the schemes the names come from.
 *
 * @param sources  canonical column → header positions, in the order their values are tried
 * @param factors  canonical column → factor that brings the amount to the lake unit (1 if none)
 * @param measures canonical column employees → the measure of each of its positions
 * @param extras   header names that map to no canonical column
 * @param notes    what the mapping did beyond one name per column (merges, fallbacks, units)
 * @param schemes  catalogue schemes ranked by how many of the header's names they know
 */
public record HeaderMapping(Map<String, int[]> sources, Map<String, Double> factors, List<String> measures,
                            List<String> extras, List<String> notes, List<String> schemes) implements Serializable {
    public static final String EMPLOYEES = "employees";

    /** The best-fitting scheme (for reports), or "none". */
    public String scheme() {
        return schemes.isEmpty() ? "none" : schemes.get(0);
    }

    /**
     * Maps a header; a required column that is missing or claimed by two unrelated header columns is
     * one line naming the file, the column and the candidates.
     *
     * @param employeesOrder which employment measure goes first when both are delivered ("average", "year_end")
     * @param yearGiven      whether the year comes from the command line (then a year column is optional)
     */
    public static HeaderMapping of(List<String> header, ColumnCatalogue catalogue, String where,
                                   List<String> employeesOrder, boolean yearGiven) {
        SourceSchema schema = SourceSchema.of(catalogue.source());
        Map<String, List<Integer>> claims = new LinkedHashMap<>();
        Map<Integer, ColumnCatalogue.Alias> aliasAt = new LinkedHashMap<>();
        Map<Integer, String> suffixAt = new LinkedHashMap<>();
        Map<String, Integer> schemeHits = new LinkedHashMap<>();
        // names spelt exactly as a scheme spells them (_进口或出口 is the Stata parts', 进口或出口 the
        // Access files'; both normalize alike): the tie-break between schemes that know as many names
        Map<String, Integer> exactHits = new LinkedHashMap<>();
        List<String> extras = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            ColumnCatalogue.Resolved resolved = catalogue.resolve(header.get(i));
            List<ColumnCatalogue.Alias> found = resolved.aliases();
            String suffix = resolved.suffix();
            if (found.isEmpty() || found.get(0).canonical().equals(ColumnCatalogue.NOT_CANONICAL)) {
                extras.add(header.get(i).isBlank() ? "(unnamed column " + (i + 1) + ")" : header.get(i));
                continue;
            }
            ColumnCatalogue.Alias a = found.get(0);
            aliasAt.put(i, a);
            if (suffix != null) {
                suffixAt.put(i, suffix);
            }
            claims.computeIfAbsent(a.canonical(), k -> new ArrayList<>()).add(i);
            Set<String> schemes = new LinkedHashSet<>();
            found.forEach(f -> schemes.add(f.scheme()));
            schemes.forEach(s -> schemeHits.merge(s, 1, Integer::sum));
            String spelt = header.get(i).strip();
            found.stream().filter(f -> f.rawName().equals(spelt)).map(ColumnCatalogue.Alias::scheme).distinct()
                    .forEach(s -> exactHits.merge(s, 1, Integer::sum));
        }
        Map<String, int[]> sources = new LinkedHashMap<>();
        Map<String, Double> factors = new LinkedHashMap<>();
        List<String> measures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : claims.entrySet()) {
            String canonical = e.getKey();
            List<Integer> at = new ArrayList<>(e.getValue());
            if (at.size() > 1) {
                at = order(canonical, at, header, aliasAt, employeesOrder, where, notes);
            }
            sources.put(canonical, at.stream().mapToInt(Integer::intValue).toArray());
            if (canonical.equals(EMPLOYEES)) {
                at.forEach(i -> measures.add(aliasAt.get(i).measure()));
            }
            CanonicalColumn col = schema.column(canonical);
            String unit = suffixAt.containsKey(at.get(0)) ? suffixAt.get(at.get(0)) : aliasAt.get(at.get(0)).unit();
            if (col.unit().equals("thousand_rmb") && !unit.isEmpty()) {
                double f = HeaderNames.toThousandRmb(unit);
                factors.put(canonical, f);
                if (f != 1) {
                    notes.add(header.get(at.get(0)) + " is in " + unit + ": converted to thousand RMB");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (CanonicalColumn c : schema.columns()) {
            boolean needed = c.need() == CanonicalColumn.Need.REQUIRED
                    || c.need() == CanonicalColumn.Need.PARTITION && !(c.name().equals(SourceSchema.YEAR) && yearGiven);
            if (needed && !sources.containsKey(c.name())) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            String c = missing.get(0);
            throw new QuexException(where + ": no column for " + c + (missing.size() > 1 ? " (nor for "
                    + String.join(", ", missing.subList(1, missing.size())) + ")" : "") + "; the catalogue knows "
                    + c + " as " + shortList(catalogue.namesOf(c), 8) + "; columns of the file that map to nothing: "
                    + shortList(extras, 8) + ". Add an alias as in docs/ingest.md");
        }
        List<String> schemes = new ArrayList<>(schemeHits.keySet());
        schemes.sort((a, b) -> schemeHits.get(b) - schemeHits.get(a) != 0 ? schemeHits.get(b) - schemeHits.get(a)
                : exactHits.getOrDefault(b, 0) - exactHits.getOrDefault(a, 0));
        return new HeaderMapping(sources, factors, measures, List.copyOf(extras), List.copyOf(notes), List.copyOf(schemes));
    }

    /** Several header columns for one canonical column: case twins merge; two employment measures fall back. */
    private static List<Integer> order(String canonical, List<Integer> at, List<String> header,
                                       Map<Integer, ColumnCatalogue.Alias> aliasAt, List<String> employeesOrder,
                                       String where, List<String> notes) {
        int best = at.stream().mapToInt(i -> aliasAt.get(i).priority()).min().orElse(1);
        List<Integer> weaker = at.stream().filter(i -> aliasAt.get(i).priority() > best).toList();
        if (!weaker.isEmpty()) {
            // a vendor id or row counter (id, group) yields to the legal-person code, and so on
            at = at.stream().filter(i -> aliasAt.get(i).priority() == best).toList();
            notes.add(canonical + " from " + header.get(at.get(0)) + ", not " + String.join(", ",
                    weaker.stream().map(header::get).toList()) + " (weaker aliases)");
            if (at.size() == 1) {
                return at;
            }
        }
        String first = HeaderNames.normalize(header.get(at.get(0)));
        boolean twins = at.stream().allMatch(i -> HeaderNames.normalize(header.get(i)).equals(first));
        List<String> names = at.stream().map(header::get).toList();
        if (twins) {
            notes.add(String.join(" and ", names) + " merged into " + canonical + " (first non-empty value)");
            return at;
        }
        if (canonical.equals(EMPLOYEES)) {
            Map<String, Integer> byMeasure = new LinkedHashMap<>();
            for (int i : at) {
                String m = aliasAt.get(i).measure();
                if (m.isEmpty() || byMeasure.putIfAbsent(m, i) != null) {
                    byMeasure = null;
                    break;
                }
            }
            if (byMeasure != null && byMeasure.size() == 2) {
                List<Integer> ordered = new ArrayList<>();
                for (String m : employeesOrder) {
                    ordered.add(byMeasure.get(m));
                }
                notes.add("employees from " + header.get(ordered.get(0)) + " (" + employeesOrder.get(0) + "), else "
                        + header.get(ordered.get(1)) + " (" + employeesOrder.get(1) + ")");
                return ordered;
            }
        }
        throw new QuexException(where + ": column " + canonical + " is ambiguous: " + String.join(", ", names)
                + " all map to it; remove one or give the file's scheme its own alias file (docs/ingest.md)");
    }

    private static String shortList(List<String> names, int max) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> shown = names.size() <= max ? names : names.subList(0, max);
        return String.join(", ", shown) + (names.size() > max ? " … (" + (names.size() - max) + " more)" : "");
    }
}
