package org.quex.synth;

import org.quex.CsvTable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An independent re-reading of generated raw files for the tests: splits lines by the year's
 * layout table and classifies each row by the first cleaning rule of domain.md that removes it.
 * Written from the rules, not from the generator's code.
 */
final class RawFileRecount {
    static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /** Raw name → canonical name, in file order, for a layout (read straight from its CSV table). */
    static List<String[]> layout(String table, String layout) {
        List<String[]> cols = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource("data-schemas/raw/" + table).rows()) {
            if (r.get("layout").equals(layout)) {
                cols.add(new String[] {r.get("raw_name"), r.get("canonical_name"), r.get("type"), r.get("position")});
            }
        }
        cols.sort(java.util.Comparator.comparingInt(c -> Integer.parseInt(c[3])));
        return cols;
    }

    static Map<String, String> rawFile(String source, int year) {
        for (Map<String, String> r : CsvTable.resource("data-schemas/raw/raw_files.csv").rows()) {
            if (r.get("source").equals(source) && Integer.parseInt(r.get("year_from")) <= year
                    && year <= Integer.parseInt(r.get("year_to"))) {
                return r;
            }
        }
        return null;
    }

    static Charset charset(Map<String, String> file) {
        return Charset.forName(file.get("encoding"));
    }

    static String delimiterRegex(Map<String, String> file) {
        return file.get("delimiter").equals("tab") ? "\t" : ",";
    }

    static List<String> lines(Path path, Map<String, String> file) throws IOException {
        String text = new String(Files.readAllBytes(path), charset(file));
        String eol = file.get("line_ending").equals("CRLF") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split(eol, -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Defect label → rows, for one year's ASIF file. */
    static Map<String, Long> asif(Path root, int year) throws IOException {
        Map<String, String> file = rawFile("asif", year);
        List<String[]> cols = layout("asif_layouts.csv", file.get("layout"));
        List<String> lines = lines(root.resolve(file.get("path").replace("{year}", "" + year)), file);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Integer> idRows = new HashMap<>();
        List<Map<String, String>> passing = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(delimiterRegex(file), -1);
            String label = null;
            Map<String, String> v = new HashMap<>();
            if (line.chars().filter(c -> c == '"').count() % 2 == 1) {
                label = "malformed_unbalanced_quote";
            } else if (f.length < cols.size()) {
                label = "malformed_short_row";
            } else {
                for (int i = 0; i < cols.size(); i++) {
                    v.put(cols.get(i)[1], f[i]);
                    if (cols.get(i)[2].equals("integer") && !f[i].isEmpty() && !INTEGER.matcher(f[i]).matches()) {
                        label = "malformed_non_numeric";
                    }
                }
            }
            if (label == null) {
                label = asifRule(v, year);
            }
            if (label == null) {
                passing.add(v);
                idRows.merge(v.get("firm_id"), 1, Integer::sum);
            } else {
                counts.merge(label, 1L, Long::sum);
            }
        }
        for (Map<String, String> v : passing) {
            if (idRows.get(v.get("firm_id")) > 1) {
                counts.merge("duplicate_firm_year", 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The first ASIF cleaning rule (domain.md 1–5, without duplicates) that removes a parsed row, or null. */
    static String asifRule(Map<String, String> v, int year) {
        for (String key : List.of("sales", "employees", "total_assets", "value_added")) {
            if (v.get(key).isEmpty()) {
                return "missing_key_value";
            }
        }
        for (String key : List.of("export_value", "value_added", "wages_payable", "total_assets", "sales", "subsidy_income")) {
            if (n(v, key) < 0) {
                return "negative_value";
            }
        }
        if (n(v, "employees") < 8) {
            return "employees_below_min";
        }
        if (n(v, "fixed_assets") < 100) {
            return "fixed_assets_below_min";
        }
        if (n(v, "sales") < 5000) {
            return "sales_below_min";
        }
        if (n(v, "value_added") > n(v, "gross_output")) {
            return "value_added_over_output";
        }
        if (n(v, "export_value") > n(v, "sales")) {
            return "export_over_sales";
        }
        long total = n(v, "total_assets");
        if (n(v, "current_assets") > total) {
            return "current_assets_over_total";
        }
        if (n(v, "fixed_assets") > total) {
            return "fixed_assets_over_total";
        }
        if (n(v, "net_fixed_assets") > total) {
            return "net_fixed_assets_over_total";
        }
        long month = n(v, "founding_month");
        if (month < 1 || month > 12) {
            return "invalid_founding_month";
        }
        if (n(v, "founding_year") > year) {
            return "founding_after_survey_year";
        }
        if (v.get("firm_id").isEmpty()) {
            return "missing_firm_id";
        }
        return null;
    }

    /** Defect label → rows over the twelve monthly Customs files of a year (plus gongmao rows, kept). */
    static Map<String, Long> customs(Path root, int year, List<String> keywords) throws IOException {
        Map<String, String> file = rawFile("customs", year);
        List<String[]> cols = layout("customs_layouts.csv", file.get("layout"));
        Map<String, Long> counts = new TreeMap<>();
        int nameAt = 0;
        while (!cols.get(nameAt)[1].equals("firm_name")) {
            nameAt++;
        }
        for (int m = 1; m <= 12; m++) {
            Path path = root.resolve(file.get("path").replace("{year}", "" + year).replace("{month}", String.format("%02d", m)));
            List<String> lines = lines(path, file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(delimiterRegex(file), -1);
                // the firm name only: trade modes such as 进料加工贸易 contain 工贸 too
                if (f[nameAt].contains("工贸")) {
                    counts.merge("gongmao_manufacturer_rows", 1L, Long::sum);
                }
                String label = null;
                if (line.chars().filter(c -> c == '"').count() % 2 == 1) {
                    label = "malformed_unbalanced_quote";
                } else if (f.length < cols.size()) {
                    label = "malformed_short_row";
                } else {
                    Map<String, String> v = new HashMap<>();
                    for (int i = 0; i < cols.size(); i++) {
                        v.put(cols.get(i)[1], f[i]);
                    }
                    label = customsRule(v, keywords);
                }
                if (label != null) {
                    counts.merge(label, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    static String customsRule(Map<String, String> v, List<String> keywords) {
        if (!INTEGER.matcher(v.get("value_usd")).matches() || !INTEGER.matcher(v.get("quantity")).matches()) {
            return "malformed_non_numeric";
        }
        for (String k : keywords) {
            if (v.get("firm_name").contains(k)) {
                return "intermediary";
            }
        }
        if (v.get("firm_code").isEmpty()) {
            return "empty_firm_code";
        }
        if (Long.parseLong(v.get("value_usd")) < 50) {
            return "value_below_50_usd";
        }
        if (Long.parseLong(v.get("quantity")) < 1) {
            return "quantity_below_1";
        }
        if (v.get("country").equals("142") || v.get("country").equals("中国")) {
            return "reimport_from_china";
        }
        String hs = String.format("%8s", v.get("hs_code")).replace(' ', '0');
        if (List.of("93", "97", "98", "99").contains(hs.substring(0, 2))) {
            return "excluded_hs_chapter";
        }
        return null;
    }

    private static long n(Map<String, String> v, String key) {
        return Long.parseLong(v.get(key));
    }
}
