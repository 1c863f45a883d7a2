package org.quex.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;
import org.quex.ingest.catalogue.HeaderMapping;

/**
 * One table of a raw input as inspected on the driver before the job: where it is, how it is
 * decoded and split, and how its header maps onto the canonical columns.
 *
 * @param path           the file (local path or Hadoop URI)
 * @param member         the entry inside an archive file, or null
 * @param table          the sheet of a workbook or table of a database, or null
 * @param bytes          size of the file (of the archive, for a member)
 * @param encodingSource "given" (--encoding), "detected", "default" or "format" (the format fixes it)
 * @param delimiter      field delimiter of delimited text (0 for other formats)
 */
public record InputFile(String path, String member, String table, long bytes, RawFormat format, String charsetName,
                        String encodingSource, char delimiter, HeaderMapping mapping, List<String> header)
        implements Serializable {

    /** A plain file (not in an archive, one table). */
    public InputFile(String path, long bytes, RawFormat format, String charsetName, String encodingSource,
                     char delimiter, HeaderMapping mapping, List<String> header) {
        this(path, null, null, bytes, format, charsetName, encodingSource, delimiter, mapping, header);
    }

    /** How reports and the lake's source_file name this table: path[!/member][#table]. */
    public String name() {
        return path + (member == null ? "" : "!/" + member) + (table == null ? "" : "#" + table);
    }

    /** The catalogue scheme that knows most of the header's names. */
    public String scheme() {
        return mapping.scheme();
    }

    public Charset charset() {
        return Charset.forName(charsetName);
    }
}
