package org.quex.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quex.ingest.catalogue.HeaderMapping;
import org.quex.lake.schema.SourceSchema;
import org.quex.lake.schema.ValueKind;

/**
 * Types the fields of one record into a row of the source's canonical schema by a file's
 * {@link HeaderMapping} (source_file and source_line are left to the caller). Values are read as
 * deliveries hold them: codes stored as numbers lose their ".0" and get their leading zeros back,
 * amounts are brought to the lake unit, directions and months are read in each form a delivery
 * uses. A field that cannot be typed, or looks damaged, rejects the whole row with a reason
 * naming the canonical column, the raw header and the value.
 */
public final class RowTyper implements Serializable {
    private final SourceSchema schema;
    /** The year of rows whose own columns give none (--year, or the file name's); null if none. */
    private final Integer fileYear;
    private final List<String> header;
    private final String[] names;
    private final int[] targets;
    private final int[][] positions;
    private final double[] factors;
    /** How each target's value is read, decided once per file (the per-row loop does no string switch). */
    private final Reader[] readers;
    private final List<String> measures;
    private final int yearIndex;
    private final int monthIndex;
    private final int countryFormIndex;
    private final int measureIndex;

    public RowTyper(SourceSchema schema, HeaderMapping mapping, List<String> header, Integer fileYear) {
        this.schema = schema;
        this.fileYear = fileYear;
        this.header = List.copyOf(header);
        int n = mapping.sources().size();
        names = new String[n];
        targets = new int[n];
        positions = new int[n][];
        factors = new double[n];
        int k = 0;
        for (Map.Entry<String, int[]> e : mapping.sources().entrySet()) {
            names[k] = e.getKey();
            targets[k] = schema.indexOf(e.getKey());
            positions[k] = e.getValue();
            factors[k] = mapping.factors().getOrDefault(e.getKey(), 1.0);
            k++;
        }
        readers = new Reader[n];
        for (int j = 0; j < n; j++) {
            readers[j] = readerOf(names[j], schema.columns().get(targets[j]).kind(), factors[j]);
        }
        measures = new ArrayList<>(mapping.measures());
        yearIndex = schema.indexOf(SourceSchema.YEAR);
        monthIndex = schema.partitionColumns().contains(SourceSchema.MONTH) ? schema.indexOf(SourceSchema.MONTH) : -1;
        countryFormIndex = schema.indexOf("country" + SourceSchema.FORMAT_SUFFIX);
        measureIndex = mapping.measures().size() > 1 ? schema.indexOf("employees_measure") : -1;
    }

    public int width() {
        return header.size();
    }

    /** The typed row (length of the canonical schema), or BadValue naming the column and value. */
    public Object[] type(List<String> fields) throws ValueFormats.BadValue {
        Object[] row = new Object[schema.columns().size()];
        for (int k = 0; k < names.length; k++) {
            int[] at = positions[k];
            int used = -1;
            for (int j = 0; j < at.length; j++) {
                if (!ValueFormats.isMissing(fields.get(at[j]))) {
                    used = j;
                    break;
                }
            }
            if (used < 0) {
                continue;
            }
            String raw = fields.get(at[used]);
            try {
                row[targets[k]] = readers[k].read(raw);
            } catch (ValueFormats.BadValue e) {
                throw new ValueFormats.BadValue("column " + names[k] + " (" + header.get(at[used]) + "): " + e.getMessage());
            }
            if (targets[k] == schema.indexOf("country") && countryFormIndex >= 0) {
                row[countryFormIndex] = ValueFormats.isDigits(raw.strip()) ? "customs_code" : "name_zh";
            }
            if (measureIndex >= 0 && names[k].equals(HeaderMapping.EMPLOYEES)) {
                row[measureIndex] = measures.get(used);
            }
        }
        Integer rowYear = (Integer) row[yearIndex];
        if (monthIndex >= 0 && row[monthIndex] != null) {
            int packed = (Integer) row[monthIndex];
            if (packed >= 100) { // a date: it says the row's year
                if (rowYear != null && rowYear != packed / 100) {
                    throw new ValueFormats.BadValue("column month: the date says " + packed / 100 + ", the year column "
                            + rowYear);
                }
                rowYear = packed / 100;
                row[monthIndex] = packed % 100;
            }
        }
        if (rowYear == null) {
            rowYear = fileYear;
        }
        if (rowYear == null) {
            throw new ValueFormats.BadValue("no year: the row has no year or date, and neither --year nor the file "
                    + "name gives one");
        }
        row[yearIndex] = rowYear;
        if (monthIndex >= 0 && row[monthIndex] == null) {
            throw new ValueFormats.BadValue("column month: missing (a Customs row needs its month)");
        }
        return row;
    }

    /**
     * The year a record says (its year column, else its date), read on its own: a record that cannot
     * be typed still belongs to a year. Null when neither is there or readable.
     */
    public Integer yearOf(List<String> fields) {
        for (int k = 0; k < names.length; k++) {
            boolean isYear = targets[k] == yearIndex;
            if (!isYear && targets[k] != monthIndex) {
                continue;
            }
            for (int at : positions[k]) {
                String raw = fields.get(at);
                if (ValueFormats.isMissing(raw)) {
                    continue;
                }
                try {
                    Object v = readers[k].read(raw);
                    int packed = (Integer) v;
                    if (isYear) {
                        return packed;
                    }
                    if (packed >= 100) {
                        return packed / 100;
                    }
                } catch (ValueFormats.BadValue | RuntimeException e) {
                    // unreadable: try the next source of the year
                }
            }
        }
        return fileYear;
    }

    /** Reads one raw value of a column. */
    private interface Reader extends Serializable {
        Object read(String raw) throws ValueFormats.BadValue;
    }

    private Reader readerOf(String name, ValueKind kind, double factor) {
        return switch (name) {
            case "month" -> ValueFormats::monthAndYear; // unpacked in type(): a date also gives the year
            case "direction" -> ValueFormats::direction;
            case "hs_code" -> ValueFormats::hsCode;
            case "founding_year" -> raw -> {
                int v = ValueFormats.parseInt(ValueFormats.code(raw));
                return v == 0 ? null : v; // 0 is how several deliveries write "unknown"
            };
            case "firm_id" -> ValueFormats::firmId;
            case "industry_code" -> raw -> ValueFormats.padded(ValueFormats.code(raw), 4);
            case "zip" -> raw -> ValueFormats.padded(ValueFormats.code(raw), 6);
            case "registration_type" -> ValueFormats::registrationType;
            case "region_code", "affiliation", "firm_code" -> ValueFormats::code;
            default -> switch (kind) {
                case STRING -> ValueFormats::text;
                case INT -> ValueFormats::parseInt;
                case LONG -> factor == 1 ? ValueFormats::parseLong
                        : raw -> Math.round(ValueFormats.parseDouble(raw) * factor);
                case DOUBLE -> factor == 1 ? ValueFormats::parseDouble : raw -> ValueFormats.parseDouble(raw) * factor;
            };
        };
    }
}
