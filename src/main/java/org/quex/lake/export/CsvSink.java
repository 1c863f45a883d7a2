package org.quex.lake.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;

/**
 * Rows to a CSV file: UTF-8 without BOM, a header row of the column names, RFC 4180 quoting (a
 * field holding a comma, a double quote or a line break is quoted, its quotes doubled), lines
 * ending in LF, a missing value as an empty field. Written by hand rather than by Spark's CSV
 * writer, which trims spaces and escapes quotes with a backslash unless told otherwise, and would
 * write a directory of parts. Numbers are written as plain decimals that read back to the same
 * double (3.0 as 3, 1.0E10 as 10000000000); NaN is missing, infinities are Inf and -Inf (as R
 * writes them).
 */
final class CsvSink implements RowSink {
    private final Writer out;
    private final java.util.List<Function<Object, String>> formats = new java.util.ArrayList<>();
    private long rows;

    CsvSink(OutputStream stream, StructType schema) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder header = new StringBuilder();
        for (StructField f : schema.fields()) {
            formats.add(format(f));
            if (header.length() > 0) {
                header.append(',');
            }
            header.append(quote(f.name()));
        }
        out.write(header.append('\n').toString());
    }

    /** The text of a value of the field's type; the types are the ones {@link ExportColumns} lets through. */
    private static Function<Object, String> format(StructField f) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType)) {
            return v -> quote((String) v);
        }
        if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType) || t.equals(DataTypes.BooleanType)) {
            return Object::toString;
        }
        if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)) {
            return v -> number(((Number) v).doubleValue(), v.toString());
        }
        throw new QuexException("column " + f.name() + " has type " + t.simpleString() + ", which a CSV export does not write");
    }

    static String number(double v, String javaText) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        // javaText is Double/Float.toString: the shortest text that reads back to the same value
        return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }

    @Override
    public void add(Row row) throws IOException {
        for (int i = 0; i < formats.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            if (!row.isNullAt(i)) {
                out.write(formats.get(i).apply(row.get(i)));
            }
        }
        out.write('\n');
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
