package org.quex.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.quex.QuexException;

/**
 * The cleaning thresholds and choices of conf/quex.conf (packed into the jar as the defaults; a
 * --config file replaces it). Every value is required: the file is the one place they live.
 */
public record CleaningConfig(long minEmployees, long minFixedAssets, long minSales, List<String> asifKeyColumns,
                             List<String> asifNonnegativeColumns, List<String> intermediaryKeywords,
                             double minValueUsd, double minQuantity, List<String> china,
                             List<String> excludedHsChapters, Map<Integer, String> hsVintages,
                             OneToMany oneToMany, Map<String, String> echo) implements Serializable {

    /** How a code with several HS2002 targets is mapped. */
    public enum OneToMany { EQUAL_SHARES, FIRST_TARGET }

    /** The packed defaults (conf/quex.conf) or, when given, the file at {@code path}. */
    public static CleaningConfig load(String path) {
        Properties p = new Properties();
        String where = path == null ? "quex.conf (packed defaults)" : path;
        try (InputStream in = path == null ? CleaningConfig.class.getClassLoader().getResourceAsStream("quex.conf")
                : Files.newInputStream(Path.of(path))) {
            if (in == null) {
                throw new QuexException("configuration " + where + " not found");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException e) {
            throw new QuexException("configuration " + where + " cannot be read: " + e.getMessage(), e);
        }
        return from(p, where);
    }

    static CleaningConfig from(Properties p, String where) {
        Map<String, String> echo = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("clean.")) {
                echo.put(key, p.getProperty(key).trim());
            }
        }
        Values v = new Values(p, where);
        Map<Integer, String> vintages = new TreeMap<>();
        for (String item : v.list("clean.hs.vintages")) {
            String[] kv = item.split(":");
            if (kv.length != 2 || !kv[1].matches("HS(1996|2002|2007|2012)")) {
                throw new QuexException(where + ": clean.hs.vintages item '" + item + "' is not YEAR:HS1996|HS2002|HS2007|HS2012");
            }
            vintages.put(v.parseInt("clean.hs.vintages", kv[0]), kv[1]);
        }
        String oneToMany = v.text("clean.hs.one_to_many");
        OneToMany rule = switch (oneToMany) {
            case "equal_shares" -> OneToMany.EQUAL_SHARES;
            case "first_target" -> OneToMany.FIRST_TARGET;
            default -> throw new QuexException(where + ": clean.hs.one_to_many '" + oneToMany
                    + "' is not equal_shares or first_target");
        };
        return new CleaningConfig(v.integer("clean.asif.min_employees"), v.integer("clean.asif.min_fixed_assets"),
                v.integer("clean.asif.min_sales"), v.list("clean.asif.key_columns"),
                v.list("clean.asif.nonnegative_columns"), v.list("clean.customs.intermediary_keywords"),
                v.decimal("clean.customs.min_value_usd"), v.decimal("clean.customs.min_quantity"),
                v.list("clean.customs.china"), v.list("clean.customs.excluded_hs_chapters"), vintages, rule, echo);
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

    private record Values(Properties p, String where) {
        String text(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new QuexException(where + ": missing setting " + key);
            }
            return value.trim();
        }

        List<String> list(String key) {
            return Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        long integer(String key) {
            return parseInt(key, text(key));
        }

        int parseInt(String key, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new QuexException(where + ": " + key + " = '" + value + "' is not a whole number");
            }
        }

        double decimal(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw new QuexException(where + ": " + key + " = '" + text(key) + "' is not a number");
            }
        }
    }
}
