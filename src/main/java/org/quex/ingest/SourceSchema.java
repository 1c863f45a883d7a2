package org.quex.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;
import org.quex.synth.RawLayouts;

/**
 * The canonical schema of lake/raw/&lt;source&gt;: the union of the canonical columns of every layout of
 * the source (a column a layout lacks is null), then source_file and source_line, then the partition
 * columns (year; Customs also month). Derived from data-schemas/raw so that a new layout only needs
 * its table rows; documented in data-schemas/lake/raw_&lt;source&gt;.csv (a test keeps both equal).
 */
public final class SourceSchema implements Serializable {
    public static final List<String> SOURCES = List.of("asif", "customs", "honours");
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String YEAR = "year";
    public static final String MONTH = "month";
    /** Suffix of the column that says in which form a value was delivered (country name or code). */
    public static final String FORMAT_SUFFIX = "_format";

    private final String source;
    private final List<CanonicalColumn> columns;
    private final List<String> partitionColumns;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private SourceSchema(String source, List<CanonicalColumn> columns, List<String> partitionColumns) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.partitionColumns = List.copyOf(partitionColumns);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
    }

    public static SourceSchema of(String source, RawLayouts layouts) {
        if (!SOURCES.contains(source)) {
            throw new QuexException("unknown source '" + source + "' (expected one of " + SOURCES + ")");
        }
        List<String> partitions = source.equals("customs") ? List.of(YEAR, MONTH) : List.of(YEAR);
        Map<String, CanonicalColumn> data = new LinkedHashMap<>();
        Map<String, CanonicalColumn> partitionDefs = new LinkedHashMap<>();
        partitionDefs.put(YEAR, new CanonicalColumn(YEAR, ValueKind.INT, "year", "--year (checked against a year column)"));
        List<String> sourceLayouts = layoutsOf(source, layouts);
        Map<String, List<String>> carriedBy = new LinkedHashMap<>();
        for (String layout : sourceLayouts) {
            for (RawLayouts.RawColumn c : layouts.columns(layout)) {
                carriedBy.computeIfAbsent(c.canonical(), k -> new ArrayList<>()).add(layout);
            }
        }
        for (String layout : sourceLayouts) {
            for (RawLayouts.RawColumn c : layouts.columns(layout)) {
                List<String> by = carriedBy.get(c.canonical());
                // which layouts deliver the column: elsewhere it is null
                String origin = by.size() == sourceLayouts.size() ? "all layouts" : "only " + String.join(" ", by);
                CanonicalColumn col = new CanonicalColumn(c.canonical(), kindOf(c), c.unit(), origin);
                Map<String, CanonicalColumn> target = partitions.contains(c.canonical()) ? partitionDefs : data;
                CanonicalColumn known = target.putIfAbsent(c.canonical(), col);
                if (known != null && known.kind() != col.kind()) {
                    throw new QuexException("data-schemas: " + c.canonical() + " of layout " + layout + " is "
                            + col.kind() + ", other layouts of " + source + " give " + known.kind());
                }
                if (ValueFormats.isDeliveryForm(c.format())) {
                    String name = c.canonical() + FORMAT_SUFFIX;
                    data.putIfAbsent(name, new CanonicalColumn(name, ValueKind.STRING, "",
                            "format of " + c.canonical() + " in the layout"));
                }
            }
        }
        List<CanonicalColumn> all = new ArrayList<>(data.values());
        all.add(new CanonicalColumn(SOURCE_FILE, ValueKind.STRING, "", "input file path"));
        all.add(new CanonicalColumn(SOURCE_LINE, ValueKind.LONG, "", "first physical line of the record (1 = header)"));
        for (String p : partitions) {
            CanonicalColumn def = partitionDefs.get(p);
            if (def == null) {
                throw new QuexException("data-schemas: no layout of " + source + " has a " + p + " column");
            }
            all.add(def);
        }
        return new SourceSchema(source, all, partitions);
    }

    /** The layout ids raw_files.csv uses for a source, in table order. */
    public static List<String> layoutsOf(String source, RawLayouts layouts) {
        Set<String> ids = new LinkedHashSet<>();
        for (RawLayouts.RawFile f : layouts.files()) {
            if (f.source().equals(source)) {
                ids.add(f.layout());
            }
        }
        return List.copyOf(ids);
    }

    static ValueKind kindOf(RawLayouts.RawColumn c) {
        if (ValueFormats.isMonthForm(c.format())) {
            return ValueKind.INT;
        }
        return switch (c.type()) {
            case "string" -> ValueKind.STRING;
            case "integer" -> c.unit().equals("year") || c.unit().equals("month") ? ValueKind.INT : ValueKind.LONG;
            case "decimal" -> ValueKind.DOUBLE;
            default -> throw new QuexException("data-schemas: column " + c.rawName() + " has unknown type '" + c.type()
                    + "' (string, integer or decimal)");
        };
    }

    public String source() {
        return source;
    }

    public List<CanonicalColumn> columns() {
        return columns;
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    /** Position of a column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public StructType structType() {
        List<StructField> fields = new ArrayList<>();
        for (CanonicalColumn c : columns) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c.kind()), true));
        }
        return DataTypes.createStructType(fields);
    }

    static DataType sparkType(ValueKind kind) {
        return switch (kind) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
        };
    }

    /** The schema as the CSV that documents it in data-schemas/lake/ (column,type,unit,origin). */
    public String describe() {
        StringBuilder b = new StringBuilder("column,type,unit,origin\n");
        for (CanonicalColumn c : columns) {
            String origin = partitionColumns.contains(c.name()) ? "partition; " + c.origin() : c.origin();
            b.append(c.name()).append(',').append(c.kind().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(c.unit()).append(',').append(origin.contains(",") ? '"' + origin + '"' : origin).append('\n');
        }
        return b.toString();
    }
}
