package org.quex.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data-quality rules of ingest, as pure functions of metrics computed in one Spark pass
 * (see {@link QualityReport}) plus the file counts. Thresholds are the record's components so that
 * configuration can change them; {@link #DEFAULTS} are deliberately loose: errors catch a broken
 * delivery (wrong layout, wrong charset, an empty key column), warnings flag what to look at.
 */
public record QualityRules(double quarantineShareError, double quarantineShareWarning,
                           double replacementShareError, double completenessError, double completenessWarning,
                           double duplicateShareError, double rowChangeWarning) {
    public static final QualityRules DEFAULTS = new QualityRules(0.05, 0.0, 0.01, 0.5, 0.99, 0.05, 0.5);

    /** Key fields whose completeness is checked, per source. */
    public static List<String> keyFields(String source) {
        return switch (source) {
            case "asif" -> List.of("firm_id", "firm_name", "employees", "sales", "total_assets");
            case "customs" -> List.of("firm_code", "firm_name", "direction", "hs_code", "value_usd", "country");
            case "honours" -> List.of("firm_name", "year_obtained", "honour");
            default -> List.of();
        };
    }

    /** Numeric fields whose range (min, max) is reported, per source. */
    public static List<String> rangeFields(String source) {
        return switch (source) {
            case "asif" -> List.of("employees", "sales", "total_assets", "export_value", "founding_year");
            case "customs" -> List.of("value_usd", "quantity", "month");
            case "honours" -> List.of("year_obtained", "expiry_year");
            default -> List.of();
        };
    }

    /** The id whose uniqueness within a year is checked, or null. */
    public static String uniqueId(String source) {
        return source.equals("asif") ? "firm_id" : null;
    }

    /**
     * @param metrics         "rows", "nonnull:&lt;col&gt;", "distinct:&lt;col&gt;", "min:&lt;col&gt;", "max:&lt;col&gt;"
     * @param previousYearRows rows of the previous year already in the lake, or -1 if none
     * @param firstReplacement  "file, line N" of the first line holding U+FFFD, or null
     */
    public List<QualityCheck> evaluate(String source, Map<String, Double> metrics, long previousYearRows,
                                       long read, long quarantined, long replacementLines, String firstReplacement) {
        List<QualityCheck> checks = new ArrayList<>();
        double rows = metrics.get("rows");
        checks.add(new QualityCheck("row_count", rows == 0 ? QualityCheck.ERROR : QualityCheck.INFO, rows,
                rows == 0 ? "no row could be typed" : (long) rows + " rows"));
        if (previousYearRows > 0) {
            double change = rows / previousYearRows - 1;
            boolean large = Math.abs(change) > rowChangeWarning;
            checks.add(new QualityCheck("row_change_vs_previous_year", large ? QualityCheck.WARNING : QualityCheck.INFO,
                    change, String.format("%+.1f%% against %d rows of the previous year", 100 * change, previousYearRows)));
        }
        double qShare = read == 0 ? 0 : (double) quarantined / read;
        checks.add(new QualityCheck("quarantine_share",
                qShare > quarantineShareError ? QualityCheck.ERROR
                        : qShare > quarantineShareWarning ? QualityCheck.WARNING : QualityCheck.INFO,
                qShare, quarantined + " of " + read + " records quarantined"));
        double rShare = read == 0 ? 0 : (double) replacementLines / read;
        checks.add(new QualityCheck("replacement_character_share",
                rShare > replacementShareError ? QualityCheck.ERROR
                        : replacementLines > 0 ? QualityCheck.WARNING : QualityCheck.INFO,
                rShare, replacementLines + " lines hold U+FFFD (the delivery stored replacement characters)"
                        + (firstReplacement == null ? "" : "; first: " + firstReplacement)));
        for (String key : keyFields(source)) {
            Double nonNull = metrics.get("nonnull:" + key);
            if (nonNull == null) {
                continue;
            }
            double share = rows == 0 ? 0 : nonNull / rows;
            checks.add(new QualityCheck("completeness:" + key,
                    share < completenessError ? QualityCheck.ERROR
                            : share < completenessWarning ? QualityCheck.WARNING : QualityCheck.INFO,
                    share, String.format("%.2f%% of rows have %s", 100 * share, key)));
        }
        String id = uniqueId(source);
        if (id != null && metrics.containsKey("distinct:" + id)) {
            double withId = metrics.get("nonnull:" + id);
            double duplicates = withId - metrics.get("distinct:" + id);
            double share = withId == 0 ? 0 : duplicates / withId;
            checks.add(new QualityCheck("duplicate_share:" + id + ",year",
                    share > duplicateShareError ? QualityCheck.ERROR
                            : duplicates > 0 ? QualityCheck.WARNING : QualityCheck.INFO,
                    share, (long) duplicates + " rows repeat a (" + id + ", year) of another row"));
        }
        StringBuilder measures = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (k.startsWith("measure:employees:")) {
                measures.append(measures.length() == 0 ? "" : ", ").append(v.longValue()).append(" rows ")
                        .append(k.substring("measure:employees:".length()));
            }
        });
        if (measures.length() > 0) {
            // the file had both the annual average and the year-end count: how often each was taken
            checks.add(new QualityCheck("employees_measure", QualityCheck.INFO, Double.NaN, measures.toString()));
        }
        for (String f : rangeFields(source)) {
            Double min = metrics.get("min:" + f);
            Double max = metrics.get("max:" + f);
            if (min != null && max != null) {
                checks.add(new QualityCheck("range:" + f, QualityCheck.INFO, max - min,
                        "min " + plain(min) + ", max " + plain(max)));
            }
        }
        return checks;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
