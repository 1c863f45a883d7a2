package org.quex.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.quex.ConfigFile;
import org.quex.QuexException;

/**
 * What the tables print for a variable: {@code ln(cap)} for ln_cap, {@code age²} for age2, and the
 * fixed-effects row of an absorbed variable ("Firm FE" for firm_id). From conf/labels.conf (packed,
 * the paper's names) or a file of the user's; {@link #NONE} prints the variable names themselves.
 */
public record Labels(Map<String, String> labels, String where) {
    public static final Labels NONE = new Labels(Map.of(), "no labels");
    static final String PACKED = "labels.conf";

    public Labels {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The packed labels for null, none for "none", else the file at {@code path}. */
    public static Labels load(String path) {
        if ("none".equals(path)) {
            return NONE;
        }
        String where = path == null ? PACKED + " (packed)" : path;
        try (InputStream in = path == null ? Labels.class.getClassLoader().getResourceAsStream(PACKED)
                : Files.newInputStream(Path.of(path))) {
            if (in == null) {
                throw new QuexException("labels " + where + " not found");
            }
            Properties p = ConfigFile.read(in, where).properties();
            Map<String, String> labels = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                labels.put(key.trim(), p.getProperty(key).trim());
            }
            return new Labels(labels, where);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new QuexException("labels file " + where + " does not exist");
        } catch (IOException e) {
            throw new QuexException("labels file " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Labels packed() {
        return load(null);
    }

    /** The label of a variable or term, or its name when it has none. */
    public String of(String variable) {
        String label = labels.get(variable);
        return label == null || label.isEmpty() ? variable : label;
    }

    /** The row label of an absorbed variable's fixed effects: "Firm FE". */
    public String fixedEffect(String variable) {
        String label = labels.get("fe." + variable);
        return label == null || label.isEmpty() ? variable + " FE" : label;
    }
}
