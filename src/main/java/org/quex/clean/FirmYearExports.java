package org.quex.clean;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.unsafe.types.UTF8String;
import org.quex.ExactSum;

/**
 * One firm-year's kept export rows, added in any order: value, value in processing trade and value
 * through one-to-many HS codes, the distinct HS2002 products and destinations, and how often each
 * name, phone and zip occurs. Strings stay UTF-8 (Spark's own values, copied only when first seen)
 * so that "ties go to the smallest" compares bytes as Spark's min() does.
 */
final class FirmYearExports {
    // exact sums: the same bits in whatever order the shuffle delivers the rows
    private final ExactSum exportUsd = new ExactSum();
    private final ExactSum processingUsd = new ExactSum();
    private final ExactSum ambiguousUsd = new ExactSum();
    private final Set<UTF8String> products = new HashSet<>(8);
    private final Set<UTF8String> destinations = new HashSet<>(8);
    private final Map<UTF8String, long[]> names = new HashMap<>(4);
    private final Map<UTF8String, long[]> phones = new HashMap<>(4);
    private final Map<UTF8String, long[]> zips = new HashMap<>(4);

    /**
     * One export row: its value split over the HS2002 targets it counts under ({@code share} of it to
     * each, the targets in {@code targets[0..count)}), whether its code has several targets, and its
     * own country, name, phone and zip (null: absent).
     */
    void add(UTF8String[] targets, int count, double value, double share, boolean processing, boolean ambiguous,
             UTF8String country, UTF8String name, UTF8String phone, UTF8String zip) {
        double v = value * share;
        for (int i = 0; i < count; i++) {
            exportUsd.add(v);
            if (processing) {
                processingUsd.add(v);
            }
            if (ambiguous) {
                ambiguousUsd.add(v);
            }
            addTo(products, targets[i]);
        }
        addTo(destinations, country);
        countIn(names, name);
        countIn(phones, phone);
        countIn(zips, zip);
    }

    double exportUsd() {
        return exportUsd.value();
    }

    double processingShare() {
        return processingUsd.value() / exportUsd.value();
    }

    double ambiguousUsd() {
        return ambiguousUsd.value();
    }

    long products() {
        return products.size();
    }

    long destinations() {
        return destinations.size();
    }

    UTF8String name() {
        return modal(names);
    }

    UTF8String phone() {
        return modal(phones);
    }

    UTF8String zip() {
        return modal(zips);
    }

    private static void addTo(Set<UTF8String> set, UTF8String value) {
        if (value != null && !set.contains(value)) {
            set.add(value.clone()); // the row's bytes are reused for the next row
        }
    }

    private static void countIn(Map<UTF8String, long[]> counts, UTF8String value) {
        if (value == null) {
            return;
        }
        long[] n = counts.get(value);
        if (n == null) {
            counts.put(value.clone(), new long[] {1});
        } else {
            n[0]++;
        }
    }

    /** The most frequent value, ties to the smallest in UTF-8 byte order; null when none. */
    static UTF8String modal(Map<UTF8String, long[]> counts) {
        UTF8String best = null;
        long most = 0;
        for (Map.Entry<UTF8String, long[]> e : counts.entrySet()) {
            long n = e.getValue()[0];
            if (n > most || n == most && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                most = n;
            }
        }
        return best;
    }
}
