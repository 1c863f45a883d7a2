package org.quex.ingest;

import java.io.Serializable;

/**
 * Row accounting of one input file: physical lines (header included), records read, rows written
 * to the lake, records quarantined, lines holding stored U+FFFD replacement characters and the
 * first of them (0 if none).
 */
public record FileCounts(long physicalLines, long read, long written, long quarantined, long replacementLines,
                         long firstReplacementLine)
        implements Serializable {
    public FileCounts {
        if (read != written + quarantined) {
            throw new IllegalStateException("read " + read + " != written " + written + " + quarantined " + quarantined);
        }
    }
}
