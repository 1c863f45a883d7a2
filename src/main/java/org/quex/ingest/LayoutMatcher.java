package org.quex.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quex.QuexException;
import org.quex.synth.RawLayouts;

/**
 * Finds the layout of a source whose raw names are exactly the header's names (in any order).
 * Layouts are data (data-schemas/raw): a header that matches none fails with the columns that
 * could not be mapped and the closest layout, so the fix is a new row set in the layout table.
 */
public final class LayoutMatcher {
    private LayoutMatcher() {
    }

    /** The matching layout id; {@code where} names the file in the error. */
    public static String match(String source, List<String> header, RawLayouts layouts, String where) {
        Set<String> names = new LinkedHashSet<>();
        for (String h : header) {
            if (!names.add(h.strip())) {
                throw new QuexException(where + ": the header names column '" + h.strip() + "' twice");
            }
        }
        String closest = null;
        int closestOverlap = -1;
        for (String layout : SourceSchema.layoutsOf(source, layouts)) {
            Set<String> known = rawNames(layouts.columns(layout));
            if (known.equals(names)) {
                return layout;
            }
            Set<String> overlap = new HashSet<>(known);
            overlap.retainAll(names);
            // ties: the layout with fewer columns the header lacks is closer
            if (overlap.size() > closestOverlap || overlap.size() == closestOverlap
                    && known.size() < layouts.columns(closest).size()) {
                closest = layout;
                closestOverlap = overlap.size();
            }
        }
        Set<String> mappable = new HashSet<>();
        for (String layout : SourceSchema.layoutsOf(source, layouts)) {
            mappable.addAll(rawNames(layouts.columns(layout)));
        }
        List<String> unmapped = new ArrayList<>();
        for (String n : names) {
            if (!mappable.contains(n)) {
                unmapped.add(n);
            }
        }
        String message = where + ": the header matches no " + source + " layout in data-schemas/raw/";
        if (closest != null) {
            Set<String> known = rawNames(layouts.columns(closest));
            List<String> notInClosest = new ArrayList<>(names);
            notInClosest.removeAll(known);
            List<String> missing = new ArrayList<>(known);
            missing.removeAll(names);
            message += "; columns that map to no layout: " + (unmapped.isEmpty() ? "none" : String.join(", ", unmapped))
                    + "; closest layout " + closest + " (" + closestOverlap + " of " + names.size()
                    + " columns match; not in it: " + (notInClosest.isEmpty() ? "none" : String.join(", ", notInClosest))
                    + "; it also has: " + (missing.isEmpty() ? "none" : String.join(", ", missing)) + ")";
        }
        throw new QuexException(message + ". Describe the layout as in docs/ingest.md");
    }

    private static Set<String> rawNames(List<RawLayouts.RawColumn> columns) {
        Set<String> s = new LinkedHashSet<>();
        for (RawLayouts.RawColumn c : columns) {
            s.add(c.rawName());
        }
        return s;
    }
}
