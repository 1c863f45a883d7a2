package org.quex.ingest.excel;

import java.util.Iterator;

/** The stored rows of one sheet in row order (rows never stored are absent). */
interface SheetRows extends Iterator<SheetRow>, AutoCloseable {
    @Override
    void close();
}
