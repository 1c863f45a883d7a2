package org.quex.synth;

import java.io.Serializable;
import org.quex.QuexException;

/**
 * What to generate. {@code firms} counts distinct true firms (ASIF firms plus customs-only
 * traders); each year holds the ones whose spell covers it. {@code firmsPerChunk} fixes the unit
 * of work and never changes the bytes written.
 */
public record GenerateSettings(long seed, int firms, int firstYear, int lastYear, int firmsPerChunk,
                               double meanTransactions, String scaleEquation, double typoShare,
                               double defectScale)
        implements Serializable {
    public static final int FIRST_SUPPORTED_YEAR = 1998;
    public static final int LAST_SUPPORTED_YEAR = 2013;
    /** Share of the firms that trade but are not in the ASIF survey (below its size threshold). */
    public static final double CUSTOMS_ONLY_SHARE = 0.12;
    /** Two id versions per firm must fit the 8-digit organization-code space (FirmIds). */
    public static final int MAX_FIRMS = 50_000_000;

    public GenerateSettings {
        if (firms < 1 || firms > MAX_FIRMS) {
            throw new QuexException("--firms must lie within 1-" + MAX_FIRMS + " (the organization-code space), got " + firms);
        }
        if (firstYear > lastYear || firstYear < FIRST_SUPPORTED_YEAR || lastYear > LAST_SUPPORTED_YEAR) {
            throw new QuexException("--years must lie within " + FIRST_SUPPORTED_YEAR + "-" + LAST_SUPPORTED_YEAR
                    + " (the years data-schemas/raw has layouts for), got " + firstYear + "-" + lastYear);
        }
        if (firmsPerChunk < 1) {
            throw new QuexException("--firms-per-chunk must be at least 1, got " + firmsPerChunk);
        }
        if (!(meanTransactions >= 1)) {
            throw new QuexException("--mean-transactions must be at least 1, got " + meanTransactions);
        }
        if (!scaleEquation.equals(TrueCoefficients.FE_QU) && !scaleEquation.equals(TrueCoefficients.FE_LEVELS)) {
            throw new QuexException("unknown export-scale equation " + scaleEquation);
        }
        double asifShare = java.util.Arrays.stream(Defect.values()).filter(d -> d.source() == Defect.Source.ASIF)
                .mapToDouble(Defect::rate).sum() * defectScale;
        if (!(defectScale >= 0) || asifShare > 1) {
            throw new QuexException("--defect-scale must lie in [0, " + (int) (1 / (asifShare / defectScale))
                    + "] (it multiplies every planted-defect rate), got " + defectScale);
        }
        if (!(typoShare >= 0 && typoShare <= 1)) {
            throw new QuexException("--typo-share must lie in [0, 1], got " + typoShare);
        }
    }

    /** Parses "2000-2013" or "2005". */
    public static int[] parseYears(String years) {
        String[] parts = years.trim().split("-");
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new QuexException("--years must look like 2000-2013 or 2005, got '" + years + "'");
        }
    }

    /** Intermediaries get their own unit numbers after the firms. */
    public int intermediaries() {
        return Math.max(3, firms / 40);
    }

    public int chunks() {
        return (firms + firmsPerChunk - 1) / firmsPerChunk;
    }
}
