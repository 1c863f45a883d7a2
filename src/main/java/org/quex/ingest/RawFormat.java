package org.quex.ingest;

import java.util.Locale;

/** The kinds of table a raw input holds; archives (.zip, .gz, …) are containers of these. */
public enum RawFormat {
    /** CSV, TSV and delimited .txt. */
    DELIMITED,
    /** Stata .dta. */
    STATA,
    /** Excel .xlsx and .xls: one table per sheet. */
    EXCEL,
    /** Microsoft Access .mdb and .accdb: one table per user table. */
    ACCESS;

    /** The format a file name says, or null when ingest reads no such table. */
    public static RawFormat ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".tab") || n.endsWith(".txt")) {
            return DELIMITED;
        }
        if (n.endsWith(".dta")) {
            return STATA;
        }
        if (n.endsWith(".xlsx") || n.endsWith(".xls")) {
            return EXCEL;
        }
        if (n.endsWith(".mdb") || n.endsWith(".accdb")) {
            return ACCESS;
        }
        return null;
    }
}
