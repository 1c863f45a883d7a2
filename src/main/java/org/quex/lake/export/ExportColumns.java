package org.quex.lake.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.quex.QuexException;

/**
 * The columns of a table as a flat file holds them: numbers, text and booleans stay as they are; a
 * list of texts (the rules that removed a row in clean/*_rejected) becomes one text, its elements
 * joined by ";". Any other type stops the export naming the column (Parquet keeps every type).
 */
final class ExportColumns {
    static final String LIST_SEPARATOR = ";";
    private static final Set<DataType> FLAT = Set.of(DataTypes.StringType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.ShortType, DataTypes.ByteType, DataTypes.DoubleType, DataTypes.FloatType, DataTypes.BooleanType);

    private ExportColumns() {
    }

    static Dataset<Row> flat(Dataset<Row> rows, String table, String format) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            Column c = col(quoted(f.name()));
            if (FLAT.contains(f.dataType())) {
                columns.add(c);
            } else if (f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
                columns.add(when(c.isNull(), lit(null).cast(DataTypes.StringType))
                        .otherwise(concat_ws(LIST_SEPARATOR, c)).as(f.name()));
            } else {
                throw new QuexException("table " + table + ": column " + f.name() + " has type "
                        + f.dataType().simpleString() + ", which a " + format + " file cannot hold (export to .parquet)");
            }
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    /** A column name as Spark's col() takes it literally (names with dots or spaces). */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
