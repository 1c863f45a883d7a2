package org.quex.lake;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.dta.SeekableStreamOpener;
import org.quex.ingest.dta.StataDta;

/**
 * A Stata .dta file (formats 113–119) as a table for {@code estimate}: every variable as text, as
 * a CSV is read (numbers are parsed and checked where a model uses them), missing values empty,
 * numbers as their codes (value labels not applied, as Stata estimates on the codes). A large file
 * is read in slices of about {@link #SLICE_BYTES} by parallel tasks, each seeking to its rows.
 * Strings of formats 113–117 are decoded as GB18030 (the Chinese code page of such files).
 */
final class StataTable {
    static final long SLICE_BYTES = 64L << 20;
    static final Charset CODE_PAGE = Charset.forName("GB18030");

    private StataTable() {
    }

    static Dataset<Row> read(SparkSession spark, List<Path> files) {
        HadoopSettings hadoop = new HadoopSettings(spark.sparkContext().hadoopConfiguration());
        List<String> header = null;
        List<Slice> slices = new ArrayList<>();
        for (Path file : files) {
            String path = file.toString();
            StataDta head = StataDta.slice(SeekableStreamOpener.hadoop(path, hadoop.configuration()), path, CODE_PAGE, 0, 0);
            if (header == null) {
                header = head.variableNames();
            } else if (!header.equals(head.variableNames())) {
                throw new QuexException("input " + path + ": its variables " + head.variableNames() + " differ from those of "
                        + files.get(0) + " " + header);
            }
            long bytes;
            try {
                FileSystem fs = file.getFileSystem(hadoop.configuration());
                bytes = fs.getFileStatus(file).getLen();
            } catch (IOException e) {
                throw new QuexException("input " + path + " cannot be read: " + e.getMessage(), e);
            }
            long n = head.observations();
            int parts = (int) Math.max(1, Math.min(n, (bytes + SLICE_BYTES - 1) / SLICE_BYTES));
            long[] cuts = StataDta.cuts(n, parts);
            for (int k = 0; k + 1 < cuts.length; k++) {
                slices.add(new Slice(path, cuts[k], cuts[k + 1]));
            }
        }
        StructType schema = new StructType();
        for (String name : header) {
            schema = schema.add(name, DataTypes.StringType, true);
        }
        // the tasks get slice numbers (Kryo serializes the data), the slices travel in the closure
        List<Integer> numbers = java.util.stream.IntStream.range(0, slices.size()).boxed().toList();
        List<Slice> all = List.copyOf(slices);
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(numbers, Math.max(1, numbers.size()))
                .flatMap(k -> rows(all.get(k), hadoop));
        return spark.createDataFrame(rows, schema);
    }

    /** Observations [from, to) of one file. */
    private record Slice(String path, long from, long to) implements java.io.Serializable {
    }

    private static Iterator<Row> rows(Slice slice, HadoopSettings hadoop) {
        StataDta dta = StataDta.slice(SeekableStreamOpener.hadoop(slice.path(), hadoop.configuration()), slice.path(),
                CODE_PAGE, slice.from(), slice.to()).codes();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = dta.hasNext();
                if (!more) {
                    dta.close();
                }
                return more;
            }

            @Override
            public Row next() {
                AssembledRecord.Record r = (AssembledRecord.Record) dta.next(); // a .dta row is always whole
                return RowFactory.create(r.fields().toArray());
            }
        };
    }
}
