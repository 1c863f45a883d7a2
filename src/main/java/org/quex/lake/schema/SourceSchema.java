package org.quex.lake.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.quex.CsvTable;
import org.quex.QuexException;

/**
 * The canonical schema of lake/raw/&lt;source&gt;, as data-schemas/lake/raw_&lt;source&gt;.csv defines it:
 * the data columns, then the columns ingest fills (source_file, source_line, the form a value came
 * in), then the partition columns (year; Customs also month). Every stage reads the raw tables
 * through this one definition; how delivery headers map onto it is ingest's concern alone.
 */
public final class SourceSchema implements Serializable {
    public static final List<String> SOURCES = List.of("asif", "customs", "honours");
    public static final String DIR = "data-schemas/lake/";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String YEAR = "year";
    public static final String MONTH = "month";
    /** Suffix of the column that says in which form a value was delivered (country name or code). */
    public static final String FORMAT_SUFFIX = "_format";

    private static final Map<String, SourceSchema> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private final String source;
    private final List<CanonicalColumn> columns;
    private final List<String> partitionColumns;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private SourceSchema(String source, List<CanonicalColumn> columns) {
        this.source = source;
        this.columns = List.copyOf(columns);
        List<String> partitions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
            if (columns.get(i).need() == CanonicalColumn.Need.PARTITION) {
                partitions.add(columns.get(i).name());
            }
        }
        this.partitionColumns = List.copyOf(partitions);
    }

    /** The schema of a source's raw table (loaded once per JVM: it is classpath data). */
    public static SourceSchema of(String source) {
        if (!SOURCES.contains(source)) {
            throw new QuexException("unknown source '" + source + "' (expected one of " + String.join(", ", SOURCES) + ")");
        }
        return LOADED.computeIfAbsent(source, SourceSchema::load);
    }

    private static SourceSchema load(String source) {
        String path = DIR + "raw_" + source + ".csv";
        List<CanonicalColumn> columns = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource(path).rows()) {
            ValueKind kind;
            CanonicalColumn.Need need;
            CanonicalColumn.Distinct distinct;
            try {
                kind = ValueKind.valueOf(r.get("type").toUpperCase(Locale.ROOT));
                need = CanonicalColumn.Need.valueOf(r.get("need").toUpperCase(Locale.ROOT));
                distinct = r.get("distinct").isEmpty() ? CanonicalColumn.Distinct.FEW
                        : CanonicalColumn.Distinct.valueOf(r.get("distinct").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new QuexException(path + ": column " + r.get("column") + " has type '" + r.get("type")
                        + "', need '" + r.get("need") + "' and distinct '" + r.get("distinct")
                        + "' (string/int/long/double; required/optional/system/partition; empty/firm/row)");
            }
            columns.add(new CanonicalColumn(r.get("column"), kind, r.get("unit"), need, distinct, r.get("meaning")));
        }
        SourceSchema schema = new SourceSchema(source, columns);
        if (schema.indexOf(YEAR) < 0 || schema.indexOf(SOURCE_FILE) < 0 || schema.indexOf(SOURCE_LINE) < 0) {
            throw new QuexException(path + " must define year, source_file and source_line");
        }
        return schema;
    }

    public String source() {
        return source;
    }

    public List<CanonicalColumn> columns() {
        return columns;
    }

    /** The columns a delivery may carry (required and optional), in schema order. */
    public List<CanonicalColumn> deliveredColumns() {
        return columns.stream().filter(c -> c.need() == CanonicalColumn.Need.REQUIRED
                || c.need() == CanonicalColumn.Need.OPTIONAL || c.need() == CanonicalColumn.Need.PARTITION).toList();
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    /** Position of a column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public CanonicalColumn column(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new QuexException("lake table raw/" + source + " has no column " + name);
        }
        return columns.get(i);
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
}
