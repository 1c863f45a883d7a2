package org.quex;

/** The version of the running Quex build (the jar manifest's Implementation-Version), or "dev". */
public final class CodeVersion {
    private CodeVersion() {
    }

    public static String current() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
