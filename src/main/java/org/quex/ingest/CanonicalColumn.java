package org.quex.ingest;

import java.io.Serializable;

/** A column of a raw lake table: canonical name, storage type, unit, and where its value comes from. */
public record CanonicalColumn(String name, ValueKind kind, String unit, String origin) implements Serializable {
}
