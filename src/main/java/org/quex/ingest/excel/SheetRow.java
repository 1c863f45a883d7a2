package org.quex.ingest.excel;

import java.util.List;

/**
 * One row of a sheet as stored: its spreadsheet row number (1-based) and the text of its cells by
 * column position ("" where no cell is stored; trailing empty cells may be missing).
 */
record SheetRow(long number, List<String> cells) {
    /** Position of the last cell holding more than blanks, or -1. */
    int lastValue() {
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (!cells.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
