package org.quex.lake.export;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.quex.QuexException;
import org.quex.stata.DtaWriter;

/**
 * How a table becomes a Stata .dta file (format 118: Stata 14 or later, UTF-8 text; R's haven and
 * readstata13 read it). Stata's types are fixed before the first row, so one Spark job first
 * measures what they depend on: the rows, the longest text of each string column in UTF-8 bytes,
 * and the range of each integer column. Then:
 * <ul>
 * <li>string → str# of the longest value (str1 when all are missing), strL beyond 2,045 bytes
 *     (written through a local file only: its map is filled at the end);</li>
 * <li>int → long; an int column holding values beyond Stata's long (±2,147,483,620) → double,
 *     which holds them exactly;</li>
 * <li>bigint → double, because Stata has no 64-bit integer; a double holds integers exactly up to
 *     2^53, so a column holding a larger value is refused;</li>
 * <li>double, float → double (NaN is Stata's missing "."; infinities are refused: Stata has none);</li>
 * <li>boolean → byte (1/0).</li>
 * </ul>
 * Names must be Stata names (at most 32 characters, [A-Za-z_][A-Za-z0-9_]*, not a reserved word):
 * a table whose names are not is refused naming the column, as Stata would rename it otherwise.
 */
final class StataExport {
    static final int RELEASE = 118;
    static final int MAX_STR = 2045;
    /** 2^53: the largest integer every smaller one of which a double holds exactly. */
    static final long EXACT_IN_DOUBLE = 1L << 53;
    private static final long MAX_LONG = 2_147_483_620L;
    private static final long MIN_LONG = -2_147_483_647L;
    private static final double MAX_DOUBLE = Double.longBitsToDouble(0x7fdfffffffffffffL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
    /** Stata's reserved names ([U] 11.3), besides str1…str2045. */
    private static final Set<String> RESERVED = Set.of("_all", "_b", "byte", "_coef", "_cons", "double", "float",
            "if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with");

    /** The variables (types fixed), the rows to come, and what the user should know about the types. */
    record Plan(List<DtaWriter.Variable> variables, long rows, List<String> notes) {
        boolean hasStrL() {
            return variables.stream().anyMatch(v -> v.type().strL());
        }
    }

    private StataExport() {
    }

    /** The name's fault, or null for a valid Stata name. */
    static String nameProblem(String name) {
        if (!NAME.matcher(name).matches()) {
            return name.length() > 32 && NAME.matcher(name.substring(0, 32)).matches()
                    ? "is longer than Stata's 32 characters"
                    : "is not a Stata name (letters, digits and _, not starting with a digit)";
        }
        if (RESERVED.contains(name) || name.matches("str\\d+")) {
            return "is a word Stata reserves";
        }
        return null;
    }

    /**
     * Checks the names, then measures the rows in one job and fixes each column's Stata type.
     * {@code labels}: variable labels by column name (may be empty); {@code localFile}: whether
     * the output is a local file (a strL needs one).
     */
    static Plan plan(Dataset<Row> rows, String table, Map<String, String> labels, boolean localFile) {
        StructField[] fields = rows.schema().fields();
        for (StructField f : fields) {
            String problem = nameProblem(f.name());
            if (problem != null) {
                throw new QuexException("table " + table + ": column '" + f.name() + "' " + problem
                        + "; Stata cannot take the table as it is (export to .csv or .parquet)");
            }
        }
        List<Column> measures = new ArrayList<>();
        measures.add(count(lit(1)));
        for (StructField f : fields) {
            Column c = col(ExportColumns.quoted(f.name()));
            DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                measures.add(max(octet_length(c)));
            } else if (integral(t)) {
                measures.add(min(c).cast(DataTypes.LongType));
                measures.add(max(c).cast(DataTypes.LongType));
            } else if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)) {
                // NaN is missing and sorts above every number in Spark: leave it out of the largest
                measures.add(max(when(not(isnan(c)), abs(c.cast(DataTypes.DoubleType)))));
            }
        }
        Row m = rows.agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new)).first();
        long n = m.getLong(0);
        int at = 1;
        List<DtaWriter.Variable> variables = new ArrayList<>();
        List<String> asDouble = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (StructField f : fields) {
            DataType t = f.dataType();
            String name = f.name();
            DtaWriter.Type type;
            if (t.equals(DataTypes.StringType)) {
                int longest = m.isNullAt(at) ? 0 : m.getInt(at);
                at++;
                if (longest <= MAX_STR) {
                    type = DtaWriter.Type.str(Math.max(1, longest));
                } else if (localFile) {
                    type = DtaWriter.Type.STRL;
                    notes.add(name + ": strL (values of up to " + longest + " bytes, more than a str" + MAX_STR + " holds)");
                } else {
                    throw new QuexException("table " + table + ": column " + name + " has values of up to " + longest
                            + " bytes, more than a Stata str" + MAX_STR + "; a strL can only be written to a local file");
                }
            } else if (integral(t)) {
                Long lo = m.isNullAt(at) ? null : m.getLong(at);
                Long hi = m.isNullAt(at + 1) ? null : m.getLong(at + 1);
                at += 2;
                if (t.equals(DataTypes.LongType)) {
                    for (Long v : new Long[] {lo, hi}) {
                        if (v != null && (v > EXACT_IN_DOUBLE || v < -EXACT_IN_DOUBLE)) {
                            throw new QuexException("table " + table + ": column " + name + " holds " + v
                                    + ", beyond 2^53, the largest integer a Stata double holds exactly (Stata has no"
                                    + " 64-bit integer; export to .csv or .parquet)");
                        }
                    }
                    type = DtaWriter.Type.DOUBLE;
                    asDouble.add(name);
                } else if ((lo != null && lo < MIN_LONG) || (hi != null && hi > MAX_LONG)) {
                    type = DtaWriter.Type.DOUBLE;
                    notes.add(name + ": double (it holds " + (lo != null && lo < MIN_LONG ? lo : hi)
                            + ", beyond a Stata long's range; a double holds it exactly)");
                } else {
                    type = DtaWriter.Type.LONG;
                }
            } else if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)) {
                if (!m.isNullAt(at) && m.getDouble(at) > MAX_DOUBLE) {
                    throw new QuexException("table " + table + ": column " + name + " holds " + m.getDouble(at)
                            + " (or its negative), which a Stata double cannot hold");
                }
                at++;
                type = DtaWriter.Type.DOUBLE;
            } else if (t.equals(DataTypes.BooleanType)) {
                type = DtaWriter.Type.BYTE;
            } else {
                throw new QuexException("table " + table + ": column " + name + " has type " + t.simpleString()
                        + ", which a Stata file cannot hold (export to .parquet)");
            }
            variables.add(new DtaWriter.Variable(name, type, label(labels.get(name)), null));
        }
        if (!asDouble.isEmpty()) {
            notes.add(0, String.join(", ", asDouble) + ": bigint written as double (Stata has no 64-bit integer;"
                    + " every value is within 2^53, so each is exact)");
        }
        return new Plan(variables, n, notes);
    }

    private static boolean integral(DataType t) {
        return t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType);
    }

    /** A variable label as Stata shows it: at most 80 characters. */
    private static String label(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.codePointCount(0, text.length()) <= 80 ? text
                : text.substring(0, text.offsetByCodePoints(0, 79)) + "…";
    }

    /** Writes rows as the plan says: booleans as 1/0, other values as they are. */
    static final class Sink implements RowSink {
        private final DtaWriter writer;
        private final boolean[] bool;
        private final Object[] values;

        private Sink(DtaWriter writer, List<StructField> fields) {
            this.writer = writer;
            this.values = new Object[fields.size()];
            this.bool = new boolean[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                bool[i] = fields.get(i).dataType().equals(DataTypes.BooleanType);
            }
        }

        static Sink onStream(OutputStream out, Plan plan, List<StructField> fields) {
            return new Sink(DtaWriter.open(out, layout(plan)), fields);
        }

        static Sink onFile(java.nio.file.Path file, Plan plan, List<StructField> fields) {
            return new Sink(DtaWriter.open(file, layout(plan)), fields);
        }

        private static DtaWriter.Layout layout(Plan plan) {
            return new DtaWriter.Layout(RELEASE, null, plan.variables(), plan.rows(), Map.of());
        }

        @Override
        public void add(Row row) {
            for (int i = 0; i < values.length; i++) {
                Object v = row.get(i);
                values[i] = bool[i] && v != null ? (Boolean) v ? 1 : 0 : v;
            }
            writer.writeRow(values);
        }

        @Override
        public long rows() {
            return writer.rowsWritten();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
