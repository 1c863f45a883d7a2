package org.quex.lake.schema;

/** Storage type of a canonical column in the lake. */
public enum ValueKind {
    STRING, INT, LONG, DOUBLE
}
