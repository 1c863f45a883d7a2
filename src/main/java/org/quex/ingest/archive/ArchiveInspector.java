package org.quex.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.quex.QuexException;
import org.quex.ingest.InputFile;
import org.quex.ingest.RawFormat;

/**
 * Lists an archive on the driver, in place (nothing is extracted to disk): every entry is either
 * a member table, inspected from its bytes like a file of its format, or skipped with its reason.
 * An archive inside an archive is refused, not opened: its members could not be named or
 * checksummed like the others, and extracting the outer archive costs the user one command.
 */
public final class ArchiveInspector {
    /** Inspects one member's table(s) from its bytes; {@code member} is the entry's name. */
    @FunctionalInterface
    public interface MemberInspector {
        List<InputFile> inspect(InputStream content, RawFormat format, String member) throws IOException;
    }

    /** The tables of an archive and the entries that are not read. */
    public record Listing(List<InputFile> files, List<SkippedEntry> skipped) {
    }

    private ArchiveInspector() {
    }

    public static Listing inspect(FileSystem fs, FileStatus st, ArchiveFormat format, MemberInspector members) {
        String path = st.getPath().toString();
        List<InputFile> files = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        try (InputStream in = org.quex.ingest.RawInput.open(fs, st.getPath()); ArchiveEntries entries = ArchiveEntries.open(format, path, in)) {
            for (ArchiveEntries.Entry e = entries.next(); e != null; e = entries.next()) {
                String skip = skipReason(e.name(), e.notAFile());
                if (skip != null) {
                    skipped.add(new SkippedEntry(path, e.name(), skip));
                    continue;
                }
                String name = path + "!/" + e.name();
                if (ArchiveFormat.isArchive(e.name())) {
                    throw new QuexException(name + ": an archive inside an archive is not read; extract "
                            + st.getPath().getName() + " and give the extracted files as --input");
                }
                RawFormat table = RawFormat.ofName(e.name());
                if (table == null) {
                    skipped.add(new SkippedEntry(path, e.name(), "not a table ingest reads (" + extension(e.name()) + ")"));
                    continue;
                }
                if (e.unreadable() != null) {
                    throw new QuexException(name + ": " + e.unreadable());
                }
                files.addAll(members.inspect(entries.content(), table, e.name()));
            }
        } catch (IOException e) {
            throw new QuexException(path + ": not a readable " + format.label() + " archive (" + ArchiveEntries.reason(e) + ")", e);
        }
        return new Listing(files, skipped);
    }

    /**
     * Why an entry is not a member to read, before its extension is looked at: directories, links,
     * and the metadata that zipping on macOS or browsing on Windows leaves in deliveries. Null for a
     * file to consider.
     */
    static String skipReason(String name, String notAFile) {
        if (notAFile != null) {
            return notAFile;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("__MACOSX/") || name.contains("/__MACOSX/")) {
            return "macOS metadata (__MACOSX/)";
        }
        if (base.equals(".DS_Store")) {
            return "macOS metadata (.DS_Store)";
        }
        if (base.startsWith("._")) {
            return "macOS metadata (AppleDouble ._ file)";
        }
        if (base.equalsIgnoreCase("Thumbs.db") || base.equalsIgnoreCase("desktop.ini")) {
            return "Windows metadata (" + base + ")";
        }
        if (base.startsWith("~$")) {
            return "Office lock file (~$)";
        }
        return null;
    }

    private static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "no extension" : base.substring(dot).toLowerCase(Locale.ROOT);
    }
}
