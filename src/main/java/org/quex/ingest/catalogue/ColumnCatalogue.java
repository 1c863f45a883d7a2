package org.quex.ingest.catalogue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.CsvTable;
import org.quex.QuexException;
import org.quex.lake.schema.SourceSchema;

/**
 * For every canonical column of a source, the raw names it goes by in the deliveries researchers
 * have (data-schemas/catalogue/&lt;source&gt;.csv, each row citing the public code it was read in),
 * plus any rows a user adds in {@code conf/catalogue/<source>*.csv}. Names are compared
 * {@linkplain HeaderNames#normalize normalized}; one normalized name may stand for one canonical
 * column only, or the catalogue is refused when it loads.
 */
public final class ColumnCatalogue implements Serializable {
    public static final String DIR = "data-schemas/catalogue/";
    /** The canonical name of an alias that is known to mean no lake column (pernet's operating {@code profit}). */
    public static final String NOT_CANONICAL = "-";

    /** One alias: a raw name a canonical column goes by in a scheme. */
    public record Alias(String canonical, String rawName, String scheme, int yearFrom, int yearTo, int priority,
                        String measure, String unit, String citation) implements Serializable {
    }

    /** Annual average first, as the NBS yearbooks and the paper's employment measure; year-end count as fallback. */
    public static final List<String> DEFAULT_EMPLOYEES_ORDER = List.of("average", "year_end");

    private final String source;
    private final Map<String, List<Alias>> byName;
    private final Map<String, List<String>> namesOf;
    /** Which employment measure a file with both gives first (ingest.employees.order in quex.conf). */
    private final List<String> employeesOrder;

    private ColumnCatalogue(ColumnCatalogue c, List<String> employeesOrder) {
        this.source = c.source;
        this.byName = c.byName;
        this.namesOf = c.namesOf;
        this.employeesOrder = List.copyOf(employeesOrder);
    }

    private ColumnCatalogue(String source, List<Alias> aliases, String origin) {
        this.source = source;
        this.byName = new LinkedHashMap<>();
        this.namesOf = new LinkedHashMap<>();
        this.employeesOrder = DEFAULT_EMPLOYEES_ORDER;
        SourceSchema schema = SourceSchema.of(source);
        for (Alias a : aliases) {
            if (!a.canonical().equals(NOT_CANONICAL) && schema.indexOf(a.canonical()) < 0) {
                throw new QuexException(origin + ": alias " + a.rawName() + " names column " + a.canonical()
                        + ", which lake table raw/" + source + " does not have");
            }
            String key = HeaderNames.normalize(a.rawName());
            List<Alias> known = byName.computeIfAbsent(key, k -> new ArrayList<>());
            for (Alias k : known) {
                if (!k.canonical().equals(a.canonical()) && k.priority() == a.priority()) {
                    throw new QuexException(origin + ": raw name '" + a.rawName() + "' (scheme " + a.scheme() + ") means "
                            + a.canonical() + ", but '" + k.rawName() + "' (scheme " + k.scheme() + ") means " + k.canonical());
                }
            }
            known.add(a);
            List<String> names = namesOf.computeIfAbsent(a.canonical(), k -> new ArrayList<>());
            if (!names.contains(a.rawName())) {
                names.add(a.rawName());
            }
        }
    }

    /** The shipped catalogue of a source, with the user's additions from {@code userDir} (may be null or absent). */
    public static ColumnCatalogue load(String source, Path userDir) {
        List<Alias> aliases = new ArrayList<>(read(CsvTable.resource(DIR + source + ".csv")));
        for (var c : SourceSchema.of(source).deliveredColumns()) {
            // a file with the lake's own names (a lake export, a hand-made file) maps as it is; any
            // delivery alias of the same name wins (priority 5)
            aliases.add(new Alias(c.name(), c.name(), "quex_canonical", 0, 9999, 5, "", "", "data-schemas/lake"));
        }
        StringBuilder origin = new StringBuilder(DIR + source + ".csv");
        if (userDir != null && Files.isDirectory(userDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(userDir, source + "*.csv")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path p : sorted) {
                    aliases.addAll(read(CsvTable.file(p)));
                    origin.append(" + ").append(p);
                }
            } catch (IOException e) {
                throw new QuexException("cannot list " + userDir + ": " + e.getMessage(), e);
            }
        }
        return new ColumnCatalogue(source, aliases, origin.toString());
    }

    private static List<Alias> read(CsvTable t) {
        List<Alias> out = new ArrayList<>();
        for (Map<String, String> r : t.rows()) {
            try {
                String from = r.getOrDefault("year_from", "");
                String to = r.getOrDefault("year_to", "");
                String priority = r.getOrDefault("priority", "");
                out.add(new Alias(r.get("canonical"), r.get("raw_name"), r.getOrDefault("scheme", "user"),
                        from.isEmpty() ? 0 : Integer.parseInt(from), to.isEmpty() ? 9999 : Integer.parseInt(to),
                        priority.isEmpty() ? 1 : Integer.parseInt(priority), r.getOrDefault("measure", ""),
                        r.getOrDefault("unit", ""), r.getOrDefault("source", "")));
            } catch (NumberFormatException | NullPointerException e) {
                throw new QuexException(t.name() + ": row " + r + " needs canonical, raw_name and numeric year_from, "
                        + "year_to, priority");
            }
        }
        return out;
    }

    /** The same catalogue, taking the employment measures in this order ("average", "year_end"). */
    public ColumnCatalogue withEmployeesOrder(List<String> order) {
        if (order.size() != 2 || !new java.util.HashSet<>(order).equals(java.util.Set.copyOf(DEFAULT_EMPLOYEES_ORDER))) {
            throw new QuexException("ingest.employees.order must be average,year_end or year_end,average, not "
                    + String.join(",", order));
        }
        return new ColumnCatalogue(this, order);
    }

    public List<String> employeesOrder() {
        return employeesOrder;
    }

    public String source() {
        return source;
    }

    /** The aliases whose normalized name equals {@code normalized}, best priority first; empty if none. */
    public List<Alias> lookup(String normalized) {
        List<Alias> found = byName.get(normalized);
        if (found == null) {
            return List.of();
        }
        int best = found.stream().mapToInt(Alias::priority).min().orElse(1);
        return found.stream().filter(a -> a.priority() == best).toList();
    }

    /**
     * The aliases of a delivered header name: as it is, else without a unit suffix (then
     * {@code suffix} is that unit); no aliases if the catalogue knows neither.
     */
    public record Resolved(List<Alias> aliases, String suffix) {
    }

    public Resolved resolve(String rawName) {
        String key = HeaderNames.normalize(rawName);
        List<Alias> found = lookup(key);
        String suffix = HeaderNames.unitSuffix(key);
        if (found.isEmpty() && suffix != null) {
            return new Resolved(lookup(key.substring(0, key.length() - suffix.length())), suffix);
        }
        return new Resolved(found, null);
    }

    /** The raw names the catalogue knows for a canonical column (for error messages). */
    public List<String> namesOf(String canonical) {
        return namesOf.getOrDefault(canonical, List.of());
    }
}
