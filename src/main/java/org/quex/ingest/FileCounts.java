package org.quex.ingest;

import java.io.Serializable;

/**
 * Row accounting of one input file: physical lines (header included), records read, rows written
 * to the lake, records quarantined, well-typed rows of years the run does not ingest (outside),
 * lines holding stored U+FFFD replacement characters and the first of them (0 if none).
 */
public record FileCounts(long physicalLines, long read, long written, long quarantined, long outside,
                         long replacementLines, long firstReplacementLine)
        implements Serializable {
    public FileCounts {
        if (read != written + quarantined + outside) {
            throw new IllegalStateException("read " + read + " != written " + written + " + quarantined " + quarantined
                    + " + outside " + outside);
        }
    }

    /** Counts of a file all of whose rows belong to the run's years. */
    public FileCounts(long physicalLines, long read, long written, long quarantined, long replacementLines,
                      long firstReplacementLine) {
        this(physicalLines, read, written, quarantined, 0, replacementLines, firstReplacementLine);
    }
}
