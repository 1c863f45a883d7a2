package org.quex.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * A raw file as inspected on the driver before the job: where it is, how it is decoded and split,
 * and which layout its header matched.
 *
 * @param encodingSource "given" (--encoding) or "detected"
 * @param delimiter      field delimiter of a CSV/TSV file, or {@link #STATA} for a Stata .dta file
 */
public record InputFile(String path, long bytes, String charsetName, String encodingSource, char delimiter,
                        String layout, java.util.List<String> header) implements Serializable {
    /** The delimiter value that marks a Stata .dta file (binary, no delimiter). */
    public static final char STATA = 0;

    public boolean isStata() {
        return delimiter == STATA;
    }

    public Charset charset() {
        return Charset.forName(charsetName);
    }
}
