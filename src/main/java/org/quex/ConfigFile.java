package org.quex;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * conf/quex.conf as read by every stage: the packed defaults (the file is copied into the jar),
 * with a --config file's settings over them. Every value a stage reads is required.
 */
public record ConfigFile(Properties properties, String where) {

    /**
     * The packed defaults (conf/quex.conf), with the settings of the file at {@code path} over them
     * when one is given: a user's file names only what it changes, so a release that adds a setting
     * does not break it. A key the defaults do not know is refused with the closest one, so a
     * misspelt key still fails with its name.
     */
    public static ConfigFile load(String path) {
        ConfigFile packed = packedDefaults();
        if (path == null) {
            return packed;
        }
        ConfigFile user;
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            user = read(in, path);
        } catch (NoSuchFileException e) {
            throw new QuexException("configuration " + path + " not found");
        } catch (IOException e) {
            throw new QuexException("configuration " + path + " cannot be read: " + e.getMessage(), e);
        }
        Properties merged = new Properties();
        merged.putAll(packed.properties());
        Set<String> known = packed.properties().stringPropertyNames();
        for (String key : new TreeSet<>(user.properties().stringPropertyNames())) {
            if (!known.contains(key)) {
                throw new QuexException(path + ": unknown setting " + key + Suggest.hint(key, known));
            }
            merged.setProperty(key, user.properties().getProperty(key));
        }
        return new ConfigFile(merged, path);
    }

    private static ConfigFile packedDefaults() {
        String where = "quex.conf (packed defaults)";
        try (InputStream in = ConfigFile.class.getClassLoader().getResourceAsStream("quex.conf")) {
            if (in == null) {
                throw new QuexException("configuration " + where + " not found");
            }
            return read(in, where);
        } catch (IOException e) {
            throw new QuexException("configuration " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A properties file in UTF-8 (conf/quex.conf, a model file); {@code where} names it in errors. */
    public static ConfigFile read(InputStream in, String where) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new ConfigFile(p, where);
    }

    /** The settings under a prefix such as "clean.", for the run manifest. */
    public Map<String, String> echo(String prefix) {
        Map<String, String> echo = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                echo.put(key, properties.getProperty(key).trim());
            }
        }
        return echo;
    }

    public String text(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new QuexException(where + ": missing setting " + key);
        }
        return value.trim();
    }

    public List<String> list(String key) {
        return Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public int integer(String key) {
        return parseInt(key, text(key));
    }

    public int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new QuexException(where + ": " + key + " = '" + value + "' is not a whole number");
        }
    }

    public double decimal(String key) {
        try {
            return Double.parseDouble(text(key));
        } catch (NumberFormatException e) {
            throw new QuexException(where + ": " + key + " = '" + text(key) + "' is not a number");
        }
    }

    /** A value that must be one of the choices, named in the error. */
    public String choice(String key, String... choices) {
        String value = text(key);
        if (!Arrays.asList(choices).contains(value)) {
            throw new QuexException(where + ": " + key + " = '" + value + "' is not one of " + String.join(", ", choices));
        }
        return value;
    }
}
