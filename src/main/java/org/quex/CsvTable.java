package org.quex;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small UTF-8 CSV table with a header row (the project's own schema and reference tables):
 * RFC 4180 quoting, no embedded newlines. Rows are maps from column name to text.
 */
public record CsvTable(String name, List<String> columns, List<Map<String, String>> rows) implements Serializable {

    /** Reads a table shipped on the classpath, e.g. {@code data-schemas/raw/raw_files.csv}. */
    public static CsvTable resource(String path) {
        InputStream in = CsvTable.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new QuexException("table " + path + " is not on the classpath");
        }
        try (in) {
            return parse(path, in);
        } catch (IOException e) {
            throw new QuexException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static CsvTable file(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(path.toString(), in);
        } catch (IOException e) {
            throw new QuexException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a table from a stream ({@code name} for errors), e.g. a file on any Hadoop file system. */
    public static CsvTable parse(String name, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            throw new QuexException(name + ": empty table");
        }
        List<String> columns = splitLine(header.replace("\uFEFF", ""), name, 1);
        List<Map<String, String>> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = splitLine(line, name, lineNo);
            if (fields.size() > columns.size()) {
                throw new QuexException(name + ", line " + lineNo + ": " + fields.size() + " fields, header has "
                        + columns.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), i < fields.size() ? fields.get(i) : "");
            }
            rows.add(row);
        }
        return new CsvTable(name, List.copyOf(columns), List.copyOf(rows));
    }

    static List<String> splitLine(String line, String name, int lineNo) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new QuexException(name + ", line " + lineNo + ": unbalanced quote");
        }
        fields.add(field.toString());
        return fields;
    }

    /** The value of a required column, failing with the table and column named. */
    public static String get(Map<String, String> row, String column, String table) {
        String v = row.get(column);
        if (v == null) {
            throw new QuexException(table + ": no column " + column);
        }
        return v;
    }
}
