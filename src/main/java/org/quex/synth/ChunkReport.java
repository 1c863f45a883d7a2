package org.quex.synth;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one chunk wrote: data rows per output (staging key), planted-defect rows per
 * "source|year|defect", and the widest value of each text column of a Stata output per
 * "key|column" (a .dta declares string widths before its rows). Small, mergeable, sent back to
 * the driver. A plain class, not a record:
 * Spark ships task results with Kryo, which cannot set a record's final fields on Java 17.
 */
public final class ChunkReport implements Serializable {
    private TreeMap<String, Long> rowsByFile = new TreeMap<>();
    private TreeMap<String, Long> defectRows = new TreeMap<>();
    private TreeMap<String, Integer> widths = new TreeMap<>();

    public static ChunkReport empty() {
        return new ChunkReport();
    }

    public Map<String, Long> rowsByFile() {
        return rowsByFile;
    }

    public Map<String, Long> defectRows() {
        return defectRows;
    }

    public Map<String, Integer> widths() {
        return widths;
    }

    public ChunkReport merge(ChunkReport other) {
        other.rowsByFile.forEach((k, v) -> rowsByFile.merge(k, v, Long::sum));
        other.defectRows.forEach((k, v) -> defectRows.merge(k, v, Long::sum));
        other.widths.forEach((k, v) -> widths.merge(k, v, Math::max));
        return this;
    }

    /** The widest value of a column of a staged output (0 if no chunk staged one). */
    public int width(String key, int column) {
        return widths.getOrDefault(widthKey(key, column), 0);
    }

    public static String widthKey(String key, int column) {
        return key + "|" + column;
    }

    public static String defectKey(String source, int year, String label) {
        return source + "|" + year + "|" + label;
    }
}
