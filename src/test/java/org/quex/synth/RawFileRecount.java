package org.quex.synth;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.quex.CsvTable;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.dta.StataDta;

/**
 * An independent re-reading of generated raw files for the tests: finds a file's description in
 * the tables of data-schemas/raw (read as CSV, not through RawLayouts), reads the file with its
 * format's library (POI, Jackcess, the project's Stata reader) or by splitting lines, turns values
 * back into canonical ones by the scheme's value forms, and classifies each row by the first
 * cleaning rule of domain.md that removes it. Written from the tables and the rules, not from the
 * generator's code.
 */
final class RawFileRecount {
    static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /** One column of a scheme table. */
    record Col(String raw, String canonical, String value, String unit, String storage) {
    }

    /** A file's rows as read: the raw text of each line (text files only) and its values. */
    record Read(List<String> header, List<List<String>> rows, List<String> lines) {
    }

    static Map<String, String> rawFile(String source, int year, int month) {
        for (Map<String, String> r : CsvTable.resource("data-schemas/raw/raw_files.csv").rows()) {
            boolean months = r.get("month_from").isEmpty() || Integer.parseInt(r.get("month_from")) <= month
                    && month <= Integer.parseInt(r.get("month_to"));
            if (r.get("source").equals(source) && Integer.parseInt(r.get("year_from")) <= year
                    && year <= Integer.parseInt(r.get("year_to")) && months) {
                return r;
            }
        }
        return null;
    }

    static List<Col> scheme(String source, String scheme) {
        String table = source.equals("honours") ? "honours_scheme.csv" : source + "_schemes.csv";
        List<Col> cols = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource("data-schemas/raw/" + table).rows()) {
            if (r.get("scheme").equals(scheme)) {
                cols.add(new Col(r.get("raw_name"), r.get("canonical_name"), r.get("value"), r.get("unit"), r.get("storage")));
            }
        }
        return cols;
    }

    /** Relative paths of a raw_files.csv row for a year and month (every part of a Stata file cut into parts). */
    static List<String> paths(Map<String, String> file, int year, int month) {
        String p = file.get("path").replace("{year}", "" + year).replace("{month}", String.format("%02d", month));
        if (!p.contains("{part}")) {
            return List.of(p);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= Integer.parseInt(file.get("parts")); i++) {
            parts.add(p.replace("{part}", "" + i));
        }
        return parts;
    }

    /** The distinct files (with their table rows) that hold a source's rows of a year. */
    static Map<String, Map<String, String>> filesOf(String source, int year) {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (int m = 1; m <= (source.equals("customs") ? 12 : 1); m++) {
            Map<String, String> f = rawFile(source, year, m);
            for (String p : paths(f, year, m)) {
                files.putIfAbsent(p, f);
            }
        }
        return files;
    }

    static Charset charset(Map<String, String> file) {
        String e = file.get("encoding");
        return Charset.forName(e.isEmpty() || e.equals("GBK") ? "GB18030" : e);
    }

    // ---------------------------------------------------------------- reading a file by its format

    static Read read(Path path, Map<String, String> file, int year, int month) throws IOException {
        return switch (file.get("format")) {
            case "csv" -> readText(path, file);
            case "xlsx" -> readXlsx(path);
            case "mdb" -> readMdb(path, file.get("table").replace("{year}", "" + year)
                    .replace("{month}", String.format("%02d", month)));
            case "dta" -> readDta(path, file);
            default -> throw new IllegalArgumentException(file.get("format"));
        };
    }

    private static Read readText(Path path, Map<String, String> file) throws IOException {
        String text = new String(Files.readAllBytes(path), charset(file));
        if (file.get("bom").equals("yes")) {
            if (!text.startsWith("\uFEFF")) {
                throw new AssertionError(path + " should start with a byte-order mark");
            }
            text = text.substring(1);
        }
        String eol = file.get("line_ending").equals("CRLF") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split(eol, -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        String d = file.get("delimiter").equals("tab") ? "\t" : ",";
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(List.of(line.split(d, -1)));
        }
        return new Read(List.of(lines.get(0).split(d, -1)), rows, lines.subList(1, lines.size()));
    }

    private static Read readXlsx(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (Cell c : sheet.getRow(0)) {
                header.add(c.getStringCellValue());
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < header.size(); i++) {
                    Cell c = row.getCell(i);
                    values.add(c == null ? "" : c.getCellType() == CellType.NUMERIC ? number(c.getNumericCellValue())
                            : c.getStringCellValue());
                }
                rows.add(values);
            }
            return new Read(header, rows, null);
        }
    }

    private static Read readMdb(Path path, String tableName) throws IOException {
        try (Database db = new DatabaseBuilder(path.toFile()).setReadOnly(true).open()) {
            if (!db.getTableNames().equals(Set.of(tableName))) {
                throw new AssertionError(path + " holds tables " + db.getTableNames() + ", expected " + tableName);
            }
            Table t = db.getTable(tableName);
            List<String> header = new ArrayList<>();
            for (Column c : t.getColumns()) {
                header.add(c.getName());
            }
            List<List<String>> rows = new ArrayList<>();
            for (com.healthmarketscience.jackcess.Row r : t) {
                List<String> values = new ArrayList<>();
                for (String name : header) {
                    Object v = r.get(name);
                    values.add(v == null ? "" : v instanceof Double d ? number(d)
                            : v instanceof LocalDateTime dt ? dt.toLocalDate().toString() : v.toString());
                }
                rows.add(values);
            }
            return new Read(header, rows, null);
        }
    }

    private static Read readDta(Path path, Map<String, String> file) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            StataDta dta = new StataDta(in, path.toString(), charset(file));
            List<List<String>> rows = new ArrayList<>();
            while (dta.hasNext()) {
                rows.add(((AssembledRecord.Record) dta.next()).fields());
            }
            return new Read(dta.header(), rows, null);
        }
    }

    static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- values back to canonical ones

    private static final Map<String, String> COUNTRY_CODES = new HashMap<>();
    private static final Map<String, String> REGISTRATION_CODES = new HashMap<>();

    static {
        for (Map<String, String> r : CsvTable.resource("data-schemas/reference/customs_country_codes.csv").rows()) {
            COUNTRY_CODES.put(r.get("name_zh"), r.get("code"));
        }
        COUNTRY_CODES.put("中华人民共和国", "142");
        for (Map<String, String> r : CsvTable.resource("data-schemas/reference/registration_type_codes.csv").rows()) {
            REGISTRATION_CODES.put(r.get("name_zh"), r.get("code"));
        }
        for (Map<String, String> r : CsvTable.resource("data-schemas/reference/cied2025_registration_type_text.csv").rows()) {
            REGISTRATION_CODES.put(r.get("text_in_source"), r.get("nbs_code"));
        }
    }

    /** Canonical name → canonical value of a row (the annual average where both employment measures exist). */
    static Map<String, String> canonical(List<String> header, List<String> row, List<Col> cols) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < Math.min(row.size(), header.size()); i++) {
            String name = header.get(i);
            Col c = cols.stream().filter(x -> x.raw().equals(name)).findFirst().orElseThrow();
            if (c.canonical().isEmpty() || c.value().equals("year_end")) {
                continue;
            }
            v.put(c.canonical(), back(row.get(i), c));
        }
        return v;
    }

    static String back(String raw, Col c) {
        if (raw.isEmpty()) {
            return raw;
        }
        if (c.unit().equals("元") && INTEGER.matcher(raw).matches()) {
            long yuan = Long.parseLong(raw);
            if (yuan % 1000 != 0) {
                throw new AssertionError(c.raw() + ": " + raw + " RMB is not a whole number of thousands");
            }
            return Long.toString(yuan / 1000);
        }
        String f = c.value();
        if (f.contains("=export")) {
            for (String pair : f.split(";")) {
                String[] kv = pair.split("=");
                if (kv[0].equals(raw)) {
                    return kv[1];
                }
            }
            return raw;
        }
        return switch (f) {
            case "hs8_number" -> String.format("%8s", raw).replace(' ', '0');
            case "name_zh", "name_zh_prc" -> COUNTRY_CODES.getOrDefault(raw, raw);
            case "yyyyMM" -> Integer.toString(Integer.parseInt(raw.substring(4, 6)));
            case "yyyyMMdd" -> Integer.toString(Integer.parseInt(raw.substring(4, 6)));
            case "date" -> Integer.toString(Integer.parseInt(raw.substring(5, 7)));
            case "label_nbs", "label_cied" -> REGISTRATION_CODES.getOrDefault(raw, raw);
            default -> raw;
        };
    }

    // ---------------------------------------------------------------- recounting the planted defects

    /** A year's ASIF rows as canonical values with the label of the first rule that removes each (null: kept). */
    static List<Map<String, String>> asifRows(Path root, int year) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : filesOf("asif", year).entrySet()) {
            Map<String, String> file = e.getValue();
            List<Col> cols = scheme("asif", file.get("scheme"));
            Read read = read(root.resolve(e.getKey()), file, year, 1);
            for (int i = 0; i < read.rows().size(); i++) {
                List<String> row = read.rows().get(i);
                Map<String, String> v = canonical(read.header(), row, cols);
                if (cols.stream().noneMatch(c -> c.canonical().equals("value_added"))) {
                    v.put("value_added", rebuiltValueAdded(v)); // a file without value added: clean rebuilds it
                }
                String label = null;
                if (read.lines() != null && read.lines().get(i).chars().filter(c -> c == '"').count() % 2 == 1) {
                    label = "malformed_unbalanced_quote";
                } else if (row.size() < read.header().size()) {
                    label = "malformed_short_row";
                } else if (!v.get("year").equals(Integer.toString(year))) {
                    continue; // another year of a pooled file
                } else {
                    for (String numeric : NUMERIC_ASIF) {
                        if (!v.get(numeric).isEmpty() && !INTEGER.matcher(v.get(numeric)).matches()) {
                            label = "malformed_non_numeric";
                        }
                    }
                }
                v.put("_label", label == null ? asifRule(v, year) : label);
                out.add(v);
            }
        }
        return out;
    }

    /** Gross output − intermediate input + VAT, or empty when a part is missing or not a whole number. */
    static String rebuiltValueAdded(Map<String, String> v) {
        long sum = 0;
        String[] parts = {"gross_output", "intermediate_input", "vat"};
        for (int i = 0; i < parts.length; i++) {
            String x = v.getOrDefault(parts[i], "");
            if (x.isEmpty() || !INTEGER.matcher(x).matches()) {
                return "";
            }
            sum += (i == 1 ? -1 : 1) * Long.parseLong(x);
        }
        return Long.toString(sum);
    }

    static final List<String> NUMERIC_ASIF = List.of("employees", "sales", "total_assets", "value_added",
            "export_value", "gross_output", "fixed_assets", "net_fixed_assets", "current_assets", "founding_year",
            "founding_month", "wages_payable", "subsidy_income");

    /** Defect label → rows, for one year's ASIF rows. */
    static Map<String, Long> asif(Path root, int year) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Integer> idRows = new HashMap<>();
        List<Map<String, String>> passing = new ArrayList<>();
        for (Map<String, String> v : asifRows(root, year)) {
            String label = v.get("_label");
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

    /** Defect label → rows over a year's Customs files (plus gongmao rows, which are kept). */
    static Map<String, Long> customs(Path root, int year, List<String> keywords) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int m = 1; m <= 12; m++) {
            Map<String, String> file = rawFile("customs", year, m);
            List<Col> cols = scheme("customs", file.get("scheme"));
            for (String p : paths(file, year, m)) {
                if (!seen.add(p)) {
                    continue;
                }
                Read read = read(root.resolve(p), file, year, m);
                for (int i = 0; i < read.rows().size(); i++) {
                    List<String> row = read.rows().get(i);
                    Map<String, String> v = canonical(read.header(), row, cols);
                    // the firm name only: trade modes such as 进料加工贸易 contain 工贸 too
                    if (v.getOrDefault("firm_name", "").contains("工贸")) {
                        counts.merge("gongmao_manufacturer_rows", 1L, Long::sum);
                    }
                    String label;
                    if (read.lines() != null && read.lines().get(i).chars().filter(c -> c == '"').count() % 2 == 1) {
                        label = "malformed_unbalanced_quote";
                    } else if (row.size() < read.header().size()) {
                        label = "malformed_short_row";
                    } else {
                        label = customsRule(v, keywords);
                    }
                    if (label != null) {
                        counts.merge(label, 1L, Long::sum);
                    }
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
        if (v.get("country").equals("142")) {
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
