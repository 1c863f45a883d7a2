package org.quex.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * A raw file as inspected on the driver before the job: where it is, how it is decoded and split,
 * and how its header maps onto the canonical columns.
 *
 * @param encodingSource "given" (--encoding) or "detected"
 * @param delimiter      field delimiter of a CSV/TSV file, or {@link #STATA} for a Stata .dta file
 */
public record InputFile(String path, long bytes, String charsetName, String encodingSource, char delimiter,
                        org.quex.ingest.catalogue.HeaderMapping mapping, java.util.List<String> header)
        implements Serializable {
    /** The delimiter value that marks a Stata .dta file (binary, no delimiter). */
    public static final char STATA = 0;

    /** The catalogue scheme that knows most of the header's names. */
    public String scheme() {
        return mapping.scheme();
    }

    public boolean isStata() {
        return delimiter == STATA;
    }

    public Charset charset() {
        return Charset.forName(charsetName);
    }
}
