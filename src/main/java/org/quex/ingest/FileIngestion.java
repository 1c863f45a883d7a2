package org.quex.ingest;

import org.quex.lake.schema.SourceSchema;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.quex.QuexException;

/**
 * Reads one raw table (any {@link RawRecords}) into typed rows and quarantined lines, lazily (a file may be larger
 * than memory). Counts everything it reads so that the caller can check
 * {@code records = typed + quarantined} and {@code physical lines = header + lines of records}.
 */
public final class FileIngestion implements Iterator<IngestOutcome> {
    private final InputFile file;
    private final Integer fileYear;
    private final java.util.Set<Integer> years;
    private final RawRecords records;
    private final RowTyper typer;
    private final int sourceFileIndex;
    private final int sourceLineIndex;
    private final int yearIndex;
    private long outside;
    private long typed;
    private long quarantined;
    private long recordLines;

    /** One year, given (--year): rows that say another year are counted as outside. */
    public FileIngestion(RawRecords records, InputFile file, SourceSchema schema, int year) {
        this(records, file, schema, year, java.util.Set.of(year));
    }

    /**
     * @param fileYear the year of rows whose columns give none (--year or the file name), or null
     * @param years    the years to ingest; rows of others are counted as outside (empty: every year)
     */
    public FileIngestion(RawRecords records, InputFile file, SourceSchema schema, Integer fileYear,
                         java.util.Set<Integer> years) {
        this.file = file;
        this.fileYear = fileYear;
        this.years = java.util.Set.copyOf(years);
        this.records = records;
        if (!records.header().equals(file.header())) {
            throw new QuexException(file.name() + ": the header changed since the file was inspected");
        }
        this.typer = new RowTyper(schema, file.mapping(), records.header(), fileYear);
        this.yearIndex = schema.indexOf(SourceSchema.YEAR);
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
            return new IngestOutcome.Quarantined(m.line(), m.rawText(), m.reason(), fileYear);
        }
        AssembledRecord.Record rec = (AssembledRecord.Record) r;
        try {
            Object[] row = typer.type(rec.fields());
            int rowYear = (Integer) row[yearIndex];
            if (!years.isEmpty() && !years.contains(rowYear)) {
                outside++;
                return new IngestOutcome.OtherYear(rowYear);
            }
            row[sourceFileIndex] = file.name();
            row[sourceLineIndex] = rec.line();
            typed++;
            return new IngestOutcome.Typed(row);
        } catch (ValueFormats.BadValue e) {
            Integer y = typer.yearOf(rec.fields());
            if (y != null && !years.isEmpty() && !years.contains(y)) {
                outside++; // a bad row of a year not asked for: quarantined when its year is ingested
                return new IngestOutcome.OtherYear(y);
            }
            quarantined++;
            return new IngestOutcome.Quarantined(rec.line(), rec.rawText(), e.getMessage(), y);
        }
    }

    /** Counts so far; complete once {@link #hasNext()} is false. */
    public FileCounts counts() {
        long physical = records.linesRead();
        if (!hasNext() && physical != 1 + recordLines) {
            // every physical line is the header, part of a record, or a quarantined line
            throw new IllegalStateException(file.name() + ": " + physical + " lines read but " + (1 + recordLines)
                    + " accounted for");
        }
        return new FileCounts(physical, typed + quarantined + outside, typed, quarantined, outside,
                records.replacementLines(), records.firstReplacementLine());
    }

    public Integer fileYear() {
        return fileYear;
    }
}
