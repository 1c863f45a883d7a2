package org.quex.lake.schema;

import java.io.Serializable;

/**
 * A column of a raw lake table: canonical name, storage type, unit, whether ingest must find it
 * in every file ({@link Need}), about how many distinct values it holds ({@link Distinct}), and
 * what it holds.
 */
public record CanonicalColumn(String name, ValueKind kind, String unit, Need need, Distinct distinct,
                              String meaning) implements Serializable {
    /** Whether a delivery must carry the column, may lack it, or whether ingest itself fills it. */
    public enum Need {
        /** A later stage cannot work without it: a file that lacks it is refused. */
        REQUIRED,
        /** Null where a delivery lacks it. */
        OPTIONAL,
        /** Filled by ingest (provenance, the form a value came in). */
        SYSTEM,
        /** A partition column of the lake. */
        PARTITION
    }

    /**
     * About how many distinct values a year holds: few (codes, categories: a Parquet dictionary
     * stores each once), about one per firm (names, phones, addresses) or one per row (values,
     * line numbers). Ingest writes the last two without a dictionary: it would hold most values
     * anyway, and every reader would copy each value out of it (a quarter of clean's rejected-rows
     * pass, docs/benchmarks.md).
     */
    public enum Distinct {
        FEW, FIRM, ROW
    }
}
