package org.quex.clean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.quex.QuexException;

/**
 * HS codes of every vintage to HS2002 at six digits, from the UN correlation tables shipped in
 * data-schemas/reference (see SOURCE.md there). A code maps to its sorted list of HS2002 targets;
 * HS2002 codes map to themselves. A code with no entry is unknown to its vintage.
 */
public final class HsConcordance {
    private static final String DIR = "data-schemas/reference/";
    private static final Map<String, String> TABLES = Map.of(
            "HS1996", "hs1996_hs2002_correlation.csv",
            "HS2007", "hs2007_hs2002_correlation.csv",
            "HS2012", "hs2012_hs2002_correlation.csv");

    /** vintage → code → sorted HS2002 targets. */
    private final Map<String, Map<String, List<String>>> targets;

    private HsConcordance(Map<String, Map<String, List<String>>> targets) {
        this.targets = targets;
    }

    public static HsConcordance load() {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        TreeSet<String> hs2002 = new TreeSet<>();
        for (Map.Entry<String, String> table : new TreeMap<>(TABLES).entrySet()) {
            Map<String, TreeSet<String>> byCode = new TreeMap<>();
            for (String[] pair : read(table.getValue())) {
                byCode.computeIfAbsent(pair[0], k -> new TreeSet<>()).add(pair[1]);
                hs2002.add(pair[1]);
            }
            Map<String, List<String>> frozen = new TreeMap<>();
            byCode.forEach((code, set) -> frozen.put(code, List.copyOf(set)));
            all.put(table.getKey(), frozen);
        }
        Map<String, List<String>> identity = new TreeMap<>();
        for (String code : hs2002) {
            identity.put(code, List.of(code));
        }
        all.put("HS2002", identity);
        return new HsConcordance(all);
    }

    /** The first two columns (source code, HS2002 code) of a correlation table. */
    private static List<String[]> read(String file) {
        List<String[]> pairs = new ArrayList<>();
        try (InputStream in = HsConcordance.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new QuexException("reference table " + DIR + file + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = r.readLine(); // header
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] f = line.split(",", -1);
                if (f.length < 2 || !f[0].matches("\\d{6}") || !f[1].matches("\\d{6}")) {
                    throw new QuexException(DIR + file + " line " + lineNo + ": expected two 6-digit HS codes");
                }
                pairs.add(new String[] {f[0], f[1]});
            }
        } catch (IOException e) {
            throw new QuexException("reference table " + DIR + file + " cannot be read: " + e.getMessage(), e);
        }
        return pairs;
    }

    /** The HS2002 targets of a six-digit code of a vintage, or an empty list if the code is unknown. */
    public List<String> targets(String vintage, String code6) {
        Map<String, List<String>> table = targets.get(vintage);
        if (table == null) {
            throw new QuexException("no HS concordance for vintage " + vintage);
        }
        return table.getOrDefault(code6, List.of());
    }

    /** Every (vintage, code, targets) entry, for a broadcast join. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        targets.forEach((vintage, table) -> table.forEach((code, t) -> out.add(new Entry(vintage, code, t))));
        return out;
    }

    public record Entry(String vintage, String code, List<String> targets) {
    }
}
