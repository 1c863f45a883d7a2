package org.quex.ingest;

import java.io.Serializable;

/**
 * Row accounting of one input file: physical lines (header included), records read, rows written
 * to the lake, records quarantined, and lines holding stored U+FFFD replacement characters.
 */
public record FileCounts(long physicalLines, long read, long written, long quarantined, long replacementLines)
        implements Serializable {
    public FileCounts {
        if (read != written + quarantined) {
            throw new IllegalStateException("read " + read + " != written " + written + " + quarantined " + quarantined);
        }
    }
}
