package org.quex.lake.export;

import java.io.IOException;
import org.apache.spark.sql.Row;

/** Where the driver writes an exported table's rows, one at a time (a CSV or Stata file). */
interface RowSink extends AutoCloseable {
    void add(Row row) throws IOException;

    /** Rows added so far. */
    long rows();

    @Override
    void close() throws IOException;
}
