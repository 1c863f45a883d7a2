package org.quex.panel;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the industry codes of the panel's firm-years reached CIC 2002, per GB/T 4754 edition (1994,
 * 2002, 2011): firm-years mapped from a code with one target, from a code with several (ambiguous),
 * left unmapped, or without a code; and every unmapped code with its firm-years, so that no code is
 * dropped silently.
 *
 * @param byVintage edition → {firm-years, one target, ambiguous, unmapped, no code}
 * @param unmapped  "edition:code" → firm-years
 */
public record IndustryCounts(Map<Integer, long[]> byVintage, Map<String, Long> unmapped) {
    static final int ROWS = 0;
    static final int ONE_TARGET = 1;
    static final int AMBIGUOUS = 2;
    static final int UNMAPPED = 3;
    static final int NO_CODE = 4;

    static IndustryCounts of(Dataset<Row> base, IndustryClassification industries) {
        List<Row> groups = base.groupBy("year", "industry_code", "industry_cic2002", "industry_ambiguous")
                .agg(count(lit(1))).collectAsList();
        return fold(groups, industries);
    }

    /** Rows of (year, raw code, CIC 2002 code, ambiguous flag, firm-years). */
    static IndustryCounts fold(List<Row> groups, IndustryClassification industries) {
        Map<Integer, long[]> by = new TreeMap<>();
        Map<String, Long> unmapped = new TreeMap<>();
        for (Row r : groups) {
            int vintage = industries.vintage(r.getInt(0));
            long n = r.getLong(4);
            long[] c = by.computeIfAbsent(vintage, v -> new long[5]);
            c[ROWS] += n;
            if (r.isNullAt(1) || r.getString(1).isBlank()) {
                c[NO_CODE] += n;
            } else if (r.isNullAt(2)) {
                c[UNMAPPED] += n;
                unmapped.merge(vintage + ":" + r.getString(1).trim(), n, Long::sum);
            } else if (!r.isNullAt(3) && r.getInt(3) == 1) {
                c[AMBIGUOUS] += n;
            } else {
                c[ONE_TARGET] += n;
            }
        }
        return new IndustryCounts(by, unmapped);
    }

    long total(int which) {
        return byVintage.values().stream().mapToLong(c -> c[which]).sum();
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        byVintage.forEach((v, c) -> lines.add(String.format(Locale.ROOT, "  industry GB/T 4754-%d: %d firm-years, %d from"
                + " codes with one CIC 2002 target, %d from codes with several, %d unmapped, %d without a code", v,
                c[ROWS], c[ONE_TARGET], c[AMBIGUOUS], c[UNMAPPED], c[NO_CODE])));
        if (!unmapped.isEmpty()) {
            List<String> codes = new ArrayList<>();
            unmapped.forEach((code, n) -> codes.add(code + " (" + n + ")"));
            lines.add("  unmapped industry codes (edition:code): " + String.join(", ",
                    codes.size() > 30 ? codes.subList(0, 30) : codes) + (codes.size() > 30 ? ", … (all in the manifest)" : ""));
        }
        return lines;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        byVintage.forEach((v, c) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("firm_years", c[ROWS]);
            e.put("one_target", c[ONE_TARGET]);
            e.put("ambiguous", c[AMBIGUOUS]);
            e.put("unmapped", c[UNMAPPED]);
            e.put("no_code", c[NO_CODE]);
            m.put("gbt4754_" + v, e);
        });
        m.put("unmapped_codes", unmapped);
        return m;
    }
}
