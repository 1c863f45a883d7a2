package org.quex.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.InputFile;
import org.quex.ingest.RawRecords;

/** Opens the table of one archive member in a task, from the archive file's bytes. */
public final class ArchiveMembers {
    private ArchiveMembers() {
    }

    /**
     * Reads {@code archive} (the file's bytes from its start) up to {@code file.member()} and opens
     * the member's bytes with {@code table}. Closing the records releases the archive (a 7z copy is
     * deleted) but leaves {@code archive} open and unread past the member, for its owner's checksum.
     */
    public static RawRecords open(InputStream archive, InputFile file, Function<InputStream, RawRecords> table) {
        ArchiveFormat format = ArchiveFormat.ofName(new Path(file.path()).getName());
        if (format == null) {
            throw new IllegalStateException(file.path() + " is not an archive but names a member");
        }
        ArchiveEntries entries = null;
        try {
            entries = ArchiveEntries.open(format, file.path(), archive);
            for (ArchiveEntries.Entry e = entries.next(); e != null; e = entries.next()) {
                if (e.name().equals(file.member()) && e.notAFile() == null) {
                    return new MemberRecords(table.apply(entries.content()), entries);
                }
            }
            throw new QuexException(file.name() + ": the archive no longer holds this entry (was it replaced "
                    + "after the inputs were inspected?)");
        } catch (IOException e) {
            close(entries);
            throw new QuexException(file.path() + ": not a readable " + format.label() + " archive (" + ArchiveEntries.reason(e)
                    + ")", e);
        } catch (RuntimeException e) {
            close(entries);
            throw e;
        }
    }

    private static void close(ArchiveEntries entries) {
        if (entries != null) {
            try {
                entries.close();
            } catch (IOException ignored) {
                // already failing with the reason that matters
            }
        }
    }

    /** A member's records; closing them closes the archive reader too. */
    private static final class MemberRecords implements RawRecords {
        private final RawRecords records;
        private final ArchiveEntries entries;

        MemberRecords(RawRecords records, ArchiveEntries entries) {
            this.records = records;
            this.entries = entries;
        }

        @Override
        public List<String> header() {
            return records.header();
        }

        @Override
        public long linesRead() {
            return records.linesRead();
        }

        @Override
        public long replacementLines() {
            return records.replacementLines();
        }

        @Override
        public long firstReplacementLine() {
            return records.firstReplacementLine();
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public AssembledRecord next() {
            return records.next();
        }

        @Override
        public void close() {
            try {
                records.close();
            } finally {
                ArchiveMembers.close(entries);
            }
        }
    }
}
