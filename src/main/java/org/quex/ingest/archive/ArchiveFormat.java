package org.quex.ingest.archive;

import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;

/** The archives ingest reads in place, known by their extension; RAR is recognised only to be refused. */
public enum ArchiveFormat {
    ZIP("ZIP"),
    /** One compressed file: its member is the archive's name without ".gz". */
    GZIP("gzip"),
    TAR("tar"),
    TAR_GZIP("tar.gz"),
    SEVEN_Z("7z");

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The archive format a file name says, or null (RAR included: see {@link #isRar}). */
    public static ArchiveFormat ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return TAR_GZIP;
        }
        if (n.endsWith(".gz")) {
            return GZIP;
        }
        if (n.endsWith(".zip")) {
            return ZIP;
        }
        if (n.endsWith(".tar")) {
            return TAR;
        }
        if (n.endsWith(".7z")) {
            return SEVEN_Z;
        }
        return null;
    }

    public static boolean isRar(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".rar");
    }

    /** Any archive, readable or not: inside another archive, none is opened. */
    public static boolean isArchive(String name) {
        return ofName(name) != null || isRar(name);
    }

    /** The member of a .gz file: its own name without ".gz" (a .tgz is a TAR_GZIP, never a GZIP). */
    public static String gzipMember(String fileName) {
        return fileName.substring(0, fileName.length() - ".gz".length());
    }

    /**
     * The one line that refuses a RAR archive. Every Java RAR reader derives from UnRAR, whose licence
     * forbids writing a RAR compressor with it and is not an open-source licence; Debian's unar
     * (LGPL) extracts RAR 1.5–5 on the command line.
     */
    public static QuexException rarRefusal(String path) {
        java.net.URI uri = new Path(path).toUri();
        boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
        return new QuexException((local ? uri.getPath() : path) + ": " + rarReason(path));
    }

    /** Why a RAR archive is not read, and how to extract it (the refusal without the file's name in front). */
    public static String rarReason(String path) {
        java.net.URI uri = new Path(path).toUri();
        boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
        return "RAR archives cannot be read (no open-source Java reader); extract it " + (local ? "" : "on a local disk ")
                + "first, e.g. with Debian's unar: unar -o DIR " + shellQuoted(local ? uri.getPath()
                : new Path(path).getName()) + ", and give DIR as --input";
    }

    private static String shellQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
