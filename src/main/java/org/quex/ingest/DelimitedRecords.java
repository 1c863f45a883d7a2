package org.quex.ingest;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

/** A CSV/TSV file as {@link RawRecords}: its first physical line is the header. */
public final class DelimitedRecords implements RawRecords {
    private final PhysicalLineReader lines;
    private final List<String> header;
    private final RecordAssembler records;

    public DelimitedRecords(InputStream in, String name, Charset charset, char delimiter, int maxRecordLines) {
        lines = new PhysicalLineReader(in, name, charset);
        header = FileIngestion.readHeader(lines, name, delimiter);
        records = new RecordAssembler(lines, delimiter, header.size(), maxRecordLines);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public long linesRead() {
        return lines.linesRead();
    }

    @Override
    public long replacementLines() {
        return lines.replacementLines();
    }

    @Override
    public long firstReplacementLine() {
        return lines.firstReplacementLine();
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public AssembledRecord next() {
        return records.next();
    }
}
