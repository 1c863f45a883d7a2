package org.quex.panel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quex.QuexException;

/**
 * Industry-year price indices that turn nominal values into real ones: output (gross output, value
 * added), intermediate input, and capital (investment). The BVZ deflators are not public
 * (shared/reference/real_layouts/README.md), so the user supplies the table; the generator writes one
 * for the demo. Format (CSV, UTF-8, header exactly as below, one row per year and 2-digit CIC 2002
 * industry, {@code *} for a row that holds for every industry of its year; any common base year):
 * <pre>
 * year,industry2,output,input,capital
 * 2011,13,1.0000,1.0000,1.0000
 * 2011,*,1.0000,1.0000,1.0000
 * </pre>
 * An index of a year outside the table is the nearest year's (the capital stock of firms founded
 * before the table's first year needs it).
 */
public final class Deflators implements Serializable {
    public static final String HEADER = "year,industry2,output,input,capital";

    /** Output, input and capital price index of an industry-year. */
    public record Index(double output, double input, double capital) implements Serializable {
    }

    private final TreeMap<Integer, Map<String, Index>> byYear;

    Deflators(TreeMap<Integer, Map<String, Index>> byYear) {
        this.byYear = byYear;
    }

    /** Reads the table; a bad line is one QuexException naming the file and line. */
    public static Deflators read(InputStream in, String where) {
        TreeMap<Integer, Map<String, Index>> byYear = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals(HEADER)) {
                throw new QuexException(where + ": line 1 must be '" + HEADER + "', found '" + header + "'");
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    throw new QuexException(where + ": line " + n + " has " + f.length + " fields, not 5: '" + line + "'");
                }
                int year;
                double[] v = new double[3];
                try {
                    year = Integer.parseInt(f[0].trim());
                    for (int i = 0; i < 3; i++) {
                        v[i] = Double.parseDouble(f[2 + i].trim());
                    }
                } catch (NumberFormatException e) {
                    throw new QuexException(where + ": line " + n + " is not YEAR,INDUSTRY2,NUMBER,NUMBER,NUMBER: '" + line + "'");
                }
                for (int i = 0; i < 3; i++) {
                    if (!(v[i] > 0) || Double.isInfinite(v[i])) {
                        throw new QuexException(where + ": line " + n + ": " + HEADER.split(",")[2 + i]
                                + " index " + f[2 + i].trim() + " is not a positive number");
                    }
                }
                String industry = f[1].trim();
                if (!industry.equals("*") && !industry.matches("\\d{2}")) {
                    throw new QuexException(where + ": line " + n + ": industry2 '" + industry + "' is not two digits or *");
                }
                if (byYear.computeIfAbsent(year, y -> new HashMap<>()).put(industry, new Index(v[0], v[1], v[2])) != null) {
                    throw new QuexException(where + ": line " + n + ": year " + year + " industry " + industry + " given twice");
                }
            }
        } catch (IOException e) {
            throw new QuexException(where + ": cannot read: " + e.getMessage());
        }
        if (byYear.isEmpty()) {
            throw new QuexException(where + ": no rows");
        }
        return new Deflators(byYear);
    }

    /** The index of an industry in a year (the nearest year in the table; the industry's row, else *), or null. */
    public Index of(int year, String industry2) {
        Integer y = byYear.containsKey(year) ? Integer.valueOf(year)
                : year < byYear.firstKey() ? byYear.firstKey() : year > byYear.lastKey() ? byYear.lastKey()
                : byYear.floorKey(year);
        Map<String, Index> m = byYear.get(y);
        Index i = industry2 == null ? null : m.get(industry2);
        return i != null ? i : m.get("*");
    }

    public List<Integer> years() {
        return List.copyOf(byYear.keySet());
    }
}
