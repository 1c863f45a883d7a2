package org.quex.synth;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one chunk wrote: data rows per output file and planted-defect rows per
 * "source|year|defect". Small, mergeable, sent back to the driver. A plain class, not a record:
 * Spark ships task results with Kryo, which cannot set a record's final fields on Java 17.
 */
public final class ChunkReport implements Serializable {
    private TreeMap<String, Long> rowsByFile = new TreeMap<>();
    private TreeMap<String, Long> defectRows = new TreeMap<>();

    public static ChunkReport empty() {
        return new ChunkReport();
    }

    public Map<String, Long> rowsByFile() {
        return rowsByFile;
    }

    public Map<String, Long> defectRows() {
        return defectRows;
    }

    public ChunkReport merge(ChunkReport other) {
        other.rowsByFile.forEach((k, v) -> rowsByFile.merge(k, v, Long::sum));
        other.defectRows.forEach((k, v) -> defectRows.merge(k, v, Long::sum));
        return this;
    }

    public static String defectKey(String source, int year, String label) {
        return source + "|" + year + "|" + label;
    }
}
