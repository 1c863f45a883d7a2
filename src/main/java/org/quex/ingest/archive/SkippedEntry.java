package org.quex.ingest.archive;

import java.io.Serializable;

/**
 * An entry of an archive that ingest did not read, and why (a directory, macOS metadata, a file
 * that is not a table): listed so that every entry of a delivery is accounted for.
 *
 * @param path   the archive file
 * @param member the entry's name inside it
 */
public record SkippedEntry(String path, String member, String reason) implements Serializable {
    /** path!/member, as reports name archive members. */
    public String name() {
        return path + "!/" + member;
    }
}
