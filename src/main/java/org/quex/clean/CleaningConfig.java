package org.quex.clean;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.quex.ConfigFile;
import org.quex.QuexException;

/**
 * The cleaning thresholds and choices of conf/quex.conf (packed into the jar as the defaults; a
 * --config file replaces it). Every value is required: the file is the one place they live.
 */
public record CleaningConfig(long minEmployees, long minFixedAssets, long minSales, List<String> asifKeyColumns,
                             List<String> asifNonnegativeColumns, List<String> intermediaryKeywords,
                             double minValueUsd, double minQuantity, List<String> china,
                             List<String> excludedHsChapters, Map<Integer, String> hsVintages,
                             OneToMany oneToMany, boolean rebuildValueAdded, Duplicates duplicates,
                             long uniformFrameMinSales, List<String> reimportDirections,
                             boolean reimportBlankPartner, boolean processingByExactModes,
                             List<String> processingModes, boolean writeKeptCustomsRows,
                             Map<String, String> echo) implements Serializable {

    /** How a code with several HS2002 targets is mapped. */
    public enum OneToMany { EQUAL_SHARES, FIRST_TARGET }

    /** What happens to the rows of a duplicated (year, firm id). */
    public enum Duplicates { DROP_ALL, KEEP_LARGEST_SALES }

    /** The packed defaults (conf/quex.conf) or, when given, the file at {@code path}. */
    public static CleaningConfig load(String path) {
        return from(ConfigFile.load(path));
    }

    static CleaningConfig from(Properties p, String where) {
        return from(new ConfigFile(p, where));
    }

    public static CleaningConfig from(ConfigFile v) {
        String where = v.where();
        Map<Integer, String> vintages = new TreeMap<>();
        for (String item : v.list("clean.hs.vintages")) {
            String[] kv = item.split(":");
            if (kv.length != 2 || !kv[1].matches("HS(1996|2002|2007|2012)")) {
                throw new QuexException(where + ": clean.hs.vintages item '" + item + "' is not YEAR:HS1996|HS2002|HS2007|HS2012");
            }
            vintages.put(v.parseInt("clean.hs.vintages", kv[0]), kv[1]);
        }
        OneToMany rule = switch (v.choice("clean.hs.one_to_many", "equal_shares", "first_target")) {
            case "equal_shares" -> OneToMany.EQUAL_SHARES;
            default -> OneToMany.FIRST_TARGET;
        };
        Duplicates duplicates = v.choice("clean.asif.duplicates", "drop_all", "keep_largest_sales")
                .equals("drop_all") ? Duplicates.DROP_ALL : Duplicates.KEEP_LARGEST_SALES;
        List<String> directions = v.list("clean.customs.reimport_directions");
        for (String d : directions) {
            if (!d.equals("import") && !d.equals("export")) {
                throw new QuexException(where + ": clean.customs.reimport_directions item '" + d + "' is not import or export");
            }
        }
        return new CleaningConfig(v.integer("clean.asif.min_employees"), v.integer("clean.asif.min_fixed_assets"),
                v.integer("clean.asif.min_sales"), v.list("clean.asif.key_columns"),
                v.list("clean.asif.nonnegative_columns"), v.list("clean.customs.intermediary_keywords"),
                v.decimal("clean.customs.min_value_usd"), v.decimal("clean.customs.min_quantity"),
                v.list("clean.customs.china"), v.list("clean.customs.excluded_hs_chapters"), vintages, rule,
                v.choice("clean.asif.value_added_rebuild", "output_minus_input_plus_vat", "none")
                        .equals("output_minus_input_plus_vat"),
                duplicates, v.integer("clean.asif.uniform_frame_min_sales"), directions,
                Boolean.parseBoolean(v.choice("clean.customs.reimport_blank_partner", "true", "false")),
                v.choice("clean.customs.processing_trade", "contains", "exact_modes").equals("exact_modes"),
                v.list("clean.customs.processing_modes"),
                Boolean.parseBoolean(v.choice("clean.customs.write_kept_rows", "true", "false")), v.echo("clean."));
    }

    /** The HS vintage of a year's customs codes. */
    public String hsVintage(int year) {
        String vintage = null;
        for (Map.Entry<Integer, String> e : hsVintages.entrySet()) { // sorted by first year
            if (e.getKey() <= year) {
                vintage = e.getValue();
            }
        }
        if (vintage == null) {
            throw new QuexException("clean.hs.vintages has no vintage for year " + year);
        }
        return vintage;
    }
}
