package org.quex.lake.schema;

import java.io.Serializable;

/**
 * A column of a raw lake table: canonical name, storage type, unit, whether ingest must find it
 * in every file ({@link Need}), and what it holds.
 */
public record CanonicalColumn(String name, ValueKind kind, String unit, Need need, String meaning)
        implements Serializable {
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
}
