package org.quex.ingest.dta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;
import org.quex.ingest.FileCounts;
import org.quex.ingest.IngestJob;
import org.quex.ingest.QualityRules;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.schema.SourceSchema;
import org.quex.stata.DtaWriter;

/** One large Stata file read by several tasks, each a slice of its observations, gives what one task gives. */
class SlicedIngestTest {
    private static final int ROWS = 6000;

    /** A pooled ASIF file with the dictionary names (real_layouts/pernet_asif_pooled_1998_2007.csv). */
    private static Path pooled(Path dir) throws IOException {
        Path file = dir.resolve("all9807finalruiliyong14.dta");
        List<DtaWriter.Variable> vars = List.of(new DtaWriter.Variable("firm", DtaWriter.Type.str(10)),
                new DtaWriter.Variable("year", DtaWriter.Type.INT), new DtaWriter.Variable("name", DtaWriter.Type.str(30)),
                new DtaWriter.Variable("cic", DtaWriter.Type.INT), new DtaWriter.Variable("employ", DtaWriter.Type.LONG),
                new DtaWriter.Variable("sales", DtaWriter.Type.DOUBLE),
                new DtaWriter.Variable("toasset", DtaWriter.Type.DOUBLE));
        try (OutputStream out = Files.newOutputStream(file);
             DtaWriter w = DtaWriter.open(out, 118, StandardCharsets.UTF_8, vars, ROWS, Map.of())) {
            for (int i = 0; i < ROWS; i++) {
                // every 500th firm id is "NULL": quarantined, wherever the slices cut
                w.writeRow(new Object[] {i % 500 == 7 ? "NULL" : String.valueOf(100000 + i), 1998 + i % 3,
                        "企业" + i, 1310 + i % 40, 10 + i % 90, 1000.0 + i, 800.0 + i}); // thousand RMB, whole
            }
        }
        return file;
    }

    private static List<String> rows(String lake) {
        List<String> out = new ArrayList<>();
        for (Row r : PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("asif"),
                SourceSchema.of("asif").structType()).orderBy("source_line").collectAsList()) {
            out.add(r.toString());
        }
        return out;
    }

    @Test
    void slicesGiveTheRowsCountsAndQuarantineOfOneRead(@TempDir Path tmp) throws IOException {
        Path file = pooled(tmp);
        String whole = tmp.resolve("whole").toString();
        String sliced = tmp.resolve("sliced").toString();
        IngestJob.Result one = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", List.of(),
                List.of(file.toString()), whole, null, 20, QualityRules.DEFAULTS));
        long bytes = Files.size(file);
        IngestJob.Result many = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", List.of(),
                List.of(file.toString()), sliced, null, 20, QualityRules.DEFAULTS, bytes / 5,
                org.quex.ingest.catalogue.ColumnCatalogue.DEFAULT_EMPLOYEES_ORDER));
        assertEquals(new FileCounts(ROWS + 1, ROWS, ROWS - 12, 12, 0, 0, 0), one.files().get(0).counts());
        assertEquals(one.files().get(0).counts(), many.files().get(0).counts());
        assertEquals(one.years(), many.years());
        assertEquals(rows(whole), rows(sliced));
        assertEquals(ROWS - 12, rows(sliced).size());
        List<Row> q1 = PartitionedParquet.read(SparkTestSession.get(),
                new org.apache.hadoop.fs.Path(tmp.resolve("whole/quarantine/asif").toString()))
                .orderBy("line").collectAsList();
        List<Row> q2 = PartitionedParquet.read(SparkTestSession.get(),
                new org.apache.hadoop.fs.Path(tmp.resolve("sliced/quarantine/asif").toString()))
                .orderBy("line").collectAsList();
        assertEquals(q1, q2);
        assertEquals(9, q2.get(0).getLong(1), "observation 8 (the 8th row) is line 9");
        assertTrue(one.files().get(0).sha256() != null);
        assertNull(many.files().get(0).sha256(), "slices read only their bytes: no whole-file checksum");
    }
}
