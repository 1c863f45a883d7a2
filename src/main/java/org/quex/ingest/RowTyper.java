package org.quex.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;
import org.quex.synth.RawLayouts;

/**
 * Types the fields of one record of a known layout into a row of the source's canonical schema
 * (source_file and source_line are left to the caller). A field that cannot be typed rejects the
 * whole row with a reason naming the canonical column, the raw header and the value.
 */
public final class RowTyper implements Serializable {
    private final SourceSchema schema;
    private final int year;
    private final RawLayouts.RawColumn[] columns;
    private final int[] targets;
    private final int[] formTargets;
    private final int yearIndex;
    private final int monthIndex;

    /** @param header the raw names in file order (must be a permutation of the layout's names) */
    public RowTyper(SourceSchema schema, List<RawLayouts.RawColumn> layout, List<String> header, int year) {
        this.schema = schema;
        this.year = year;
        Map<String, RawLayouts.RawColumn> byName = new HashMap<>();
        for (RawLayouts.RawColumn c : layout) {
            byName.put(c.rawName(), c);
        }
        columns = new RawLayouts.RawColumn[header.size()];
        targets = new int[header.size()];
        formTargets = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            RawLayouts.RawColumn c = byName.get(header.get(i).strip());
            if (c == null) {
                throw new QuexException("header column '" + header.get(i) + "' is not in the layout");
            }
            columns[i] = c;
            targets[i] = schema.indexOf(c.canonical());
            formTargets[i] = schema.indexOf(c.canonical() + SourceSchema.FORMAT_SUFFIX);
        }
        yearIndex = schema.indexOf(SourceSchema.YEAR);
        monthIndex = schema.partitionColumns().contains(SourceSchema.MONTH) ? schema.indexOf(SourceSchema.MONTH) : -1;
    }

    public int width() {
        return columns.length;
    }

    /** The typed row (length of the canonical schema), or BadValue naming the column and value. */
    public Object[] type(List<String> fields) throws ValueFormats.BadValue {
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < columns.length; i++) {
            RawLayouts.RawColumn c = columns[i];
            String raw = fields.get(i);
            if (ValueFormats.isMissing(raw)) {
                continue;
            }
            try {
                row[targets[i]] = value(c, raw, schema.columns().get(targets[i]).kind());
            } catch (ValueFormats.BadValue e) {
                throw new ValueFormats.BadValue("column " + c.canonical() + " (" + c.rawName() + "): " + e.getMessage());
            }
            if (formTargets[i] >= 0) {
                row[formTargets[i]] = c.format();
            }
        }
        if (row[yearIndex] != null && (Integer) row[yearIndex] != year) {
            throw new ValueFormats.BadValue("column year: " + row[yearIndex] + ", but the file is ingested as year " + year);
        }
        row[yearIndex] = year;
        if (monthIndex >= 0 && row[monthIndex] == null) {
            throw new ValueFormats.BadValue("column month: missing (a Customs row needs its month)");
        }
        return row;
    }

    private Object value(RawLayouts.RawColumn c, String raw, ValueKind kind) throws ValueFormats.BadValue {
        String format = c.format() == null ? "" : c.format();
        if (ValueFormats.isMonthForm(format)) {
            return ValueFormats.month(raw, format, year);
        }
        if (format.contains("=")) {
            return ValueFormats.direction(raw, format);
        }
        if (format.startsWith("hs8")) {
            return ValueFormats.hsCode(raw, format);
        }
        return switch (kind) {
            case STRING -> raw; // codes and names exactly as delivered: leading zeros and spaces kept
            case INT -> ValueFormats.parseInt(raw);
            case LONG -> ValueFormats.parseLong(raw);
            case DOUBLE -> ValueFormats.parseDouble(raw);
        };
    }
}
