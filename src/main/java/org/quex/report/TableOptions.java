package org.quex.report;

import java.util.Objects;

/**
 * The table options of {@code run} and {@code report}: bracketed reference values, the labels, and
 * digits ("3" or "si2=1" or both) that override a model file's.
 */
public record TableOptions(Reference reference, Labels labels, String digits) {
    public TableOptions {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(labels, "labels");
    }

    public static TableOptions defaults() {
        return new TableOptions(Reference.NONE, Labels.packed(), null);
    }

    /** The format of a table whose model file says {@code tableDigits} (may be null). */
    public TableFormat format(String tableDigits, String where) {
        TableFormat base = TableFormat.parseDigits(tableDigits, TableFormat.paper().withLabels(labels), where);
        return TableFormat.parseDigits(digits, base, "--digits");
    }
}
