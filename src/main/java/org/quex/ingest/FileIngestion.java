package org.quex.ingest;

import org.quex.lake.schema.SourceSchema;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.quex.QuexException;

/**
 * Reads one raw CSV/TSV file into typed rows and quarantined lines, lazily (a file may be larger
 * than memory). Counts everything it reads so that the caller can check
 * {@code records = typed + quarantined} and {@code physical lines = header + lines of records}.
 */
public final class FileIngestion implements Iterator<IngestOutcome> {
    private final InputFile file;
    private final int year;
    /** Null for a Stata file, which has records but no lines. */
    private final PhysicalLineReader lines;
    private final java.util.Iterator<AssembledRecord> records;
    private final RowTyper typer;
    private final int sourceFileIndex;
    private final int sourceLineIndex;
    private long typed;
    private long quarantined;
    private long recordLines;

    public FileIngestion(InputStream in, InputFile file, SourceSchema schema, int year,
                         int maxRecordLines) {
        this.file = file;
        this.year = year;
        List<String> header;
        if (file.isStata()) {
            StataDta dta = new StataDta(in, file.path(), file.charset());
            this.lines = null;
            header = dta.variableNames();
            this.records = dta;
        } else {
            this.lines = new PhysicalLineReader(in, file.path(), file.charset());
            header = readHeader(lines, file.path(), file.delimiter());
            this.records = new RecordAssembler(lines, file.delimiter(), header.size(), maxRecordLines);
        }
        if (!header.equals(file.header())) {
            throw new QuexException(file.path() + ": the header changed since the file was inspected");
        }
        this.typer = new RowTyper(schema, file.mapping(), header, year);
        this.sourceFileIndex = schema.indexOf(SourceSchema.SOURCE_FILE);
        this.sourceLineIndex = schema.indexOf(SourceSchema.SOURCE_LINE);
    }

    /** The header's column names: the first physical line, split like any record. */
    public static List<String> readHeader(Iterator<PhysicalLine> lines, String path, char delimiter) {
        if (!lines.hasNext()) {
            throw new QuexException(path + ": the file is empty (no header line)");
        }
        PhysicalLine first = lines.next();
        DelimitedText.Split split = DelimitedText.split(first.text(), delimiter);
        if (!(split instanceof DelimitedText.Fields f) || first.text().isBlank()) {
            throw new QuexException(path + ", line 1: the header cannot be split into column names");
        }
        return f.values().stream().map(String::strip).toList();
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public IngestOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AssembledRecord r = records.next();
        recordLines += r.physicalLines();
        if (r instanceof AssembledRecord.Malformed m) {
            quarantined++;
            return new IngestOutcome.Quarantined(m.line(), m.rawText(), m.reason());
        }
        AssembledRecord.Record rec = (AssembledRecord.Record) r;
        try {
            Object[] row = typer.type(rec.fields());
            row[sourceFileIndex] = file.path();
            row[sourceLineIndex] = rec.line();
            typed++;
            return new IngestOutcome.Typed(row);
        } catch (ValueFormats.BadValue e) {
            quarantined++;
            return new IngestOutcome.Quarantined(rec.line(), rec.rawText(), e.getMessage());
        }
    }

    /** Counts so far; complete once {@link #hasNext()} is false. */
    public FileCounts counts() {
        // a Stata file counts its header and observations as "lines", so the identity reads the same
        long physical = lines == null ? 1 + recordLines : lines.linesRead();
        if (!hasNext() && physical != 1 + recordLines) {
            // every physical line is the header, part of a record, or a quarantined line
            throw new IllegalStateException(file.path() + ": " + physical + " lines read but " + (1 + recordLines)
                    + " accounted for");
        }
        return new FileCounts(physical, typed + quarantined, typed, quarantined,
                lines == null ? 0 : lines.replacementLines(), lines == null ? 0 : lines.firstReplacementLine());
    }

    public int year() {
        return year;
    }
}
