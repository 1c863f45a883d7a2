package org.quex;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version (org/quex/version.properties, filled in by Maven), for --version and run manifests. */
public final class QuexVersion {
    private QuexVersion() {
    }

    /** "0.1.0-SNAPSHOT (built 2026-12-07T01:00:00Z)"; "dev" when the classes were not built by Maven. */
    public static String describe() {
        Properties p = properties();
        String v = p.getProperty("version");
        if (v == null || v.startsWith("${")) {
            return "dev";
        }
        String built = p.getProperty("built");
        return built == null || built.startsWith("${") ? v : v + " (built " + built + ")";
    }

    /** The version alone: "0.1.0-SNAPSHOT", or "dev". */
    public static String version() {
        String v = properties().getProperty("version");
        return v == null || v.startsWith("${") ? "dev" : v;
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = QuexVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version is better than no command: describe() says "dev"
        }
        return p;
    }
}
