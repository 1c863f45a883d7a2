package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.lake.schema.SourceSchema;

/**
 * A file that holds several years (the pooled 1998–2007 ASIF file, Customs dates) is split by its
 * rows' own years; under --year the other years are counted, said, and not written.
 */
class MultiYearIngestTest {
    /** The pooled file's dictionary names (shared/reference/real_layouts/pernet_asif_pooled_1998_2007.csv). */
    private static final String POOLED_HEADER = "firm,year,name,cic,employ,sales,toasset,type\n";

    private static Path pooled(Path dir) throws IOException {
        Path file = dir.resolve("all9807finalruiliyong14.csv");
        StringBuilder b = new StringBuilder(POOLED_HEADER);
        b.append("100001,1998,甲厂,1310,50,1200,900,110\n");
        b.append("100002,1998,乙厂,1320,60,1300,800,110\n");
        b.append("100001,1999,甲厂,1310,55,1250,950,110\n");
        b.append("100003,1999,丙厂,1330,6O,1250,950,110\n"); // letter O in employees: quarantined in 1999
        b.append("100001,2000,甲厂,1310,58,1280,990,110\n");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static Map<Integer, Long> rowsByYear(String lake) {
        Map<Integer, Long> m = new TreeMap<>();
        for (Row r : PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("asif"),
                SourceSchema.of("asif").structType()).groupBy("year").count().collectAsList()) {
            m.put(r.getInt(0), r.getLong(1));
        }
        return m;
    }

    @Test
    void withoutAYearEveryYearTheFileHoldsIsWrittenAndAccountedFor(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", List.of(),
                List.of(pooled(tmp).toString()), lake, null, 20, new QualityRules(0.6, 0, 0.01, 0.5, 0.99, 0.5, 0.5)));
        assertEquals(Map.of(1998, 2L, 1999, 1L, 2000, 1L), rowsByYear(lake));
        assertEquals(List.of("source=asif year=1998 read=2 written=2 quarantined=0",
                "source=asif year=1999 read=2 written=1 quarantined=1",
                "source=asif year=2000 read=1 written=1 quarantined=0"),
                r.years().stream().map(y -> y.summaryLine("asif")).toList());
        assertEquals(5, r.read());
        assertEquals(0, r.outside());
        assertTrue(Files.isDirectory(org.quex.lake.LakeDirs.year(lake, "quarantine/asif", 1999)),
                "the bad row is kept with its year");
        assertNull(org.quex.lake.LakeDirs.year(lake, "quarantine/asif", 1998));
        assertTrue(Files.isDirectory(org.quex.lake.LakeDirs.year(lake, "_quality/ingest/asif", 2000)));
    }

    @Test
    void underAYearTheOtherYearsAreCountedAndSaidNotWritten(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        Path file = pooled(tmp);
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("asif", 1998,
                List.of(file.toString()), lake, null, 20, QualityRules.DEFAULTS));
        assertEquals(Map.of(1998, 2L), rowsByYear(lake));
        assertEquals("source=asif year=1998 read=2 written=2 quarantined=0", r.summaryLine("asif", 1998));
        // the 1999 row that cannot be typed still says its year: it is not 1998's to quarantine
        assertEquals(5, r.read());
        assertEquals(new FileCounts(6, 5, 2, 0, 3, 0, 0), r.files().get(0).counts());
        assertFalse(Files.exists(tmp.resolve("lake/quarantine/asif")));
        assertEquals(List.of("file:" + file + " holds 1999 (2 rows), 2000 (1 row), asked for 1998: those rows were "
                + "not ingested (run without --year to take every year the file holds)"), r.warnings());
    }

    @Test
    void aYearTheFileDoesNotHoldIsOneLine(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        Path file = tmp.resolve("asif_2013.csv");
        Files.writeString(file, POOLED_HEADER + "100001,2012,甲厂,1310,50,1200,900,110\n", StandardCharsets.UTF_8);
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(SparkTestSession.get(),
                new IngestJob.Settings("asif", 2013, List.of(file.toString()), lake, null, 20, QualityRules.DEFAULTS)));
        assertEquals("file:" + file + " holds 2012 (1 row), asked for 2013; nothing was written", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("lake/raw")));
    }

    @Test
    void customsRowsTakeTheirYearFromTheirDateAndAFileWithoutYearsFromItsName(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        String header = "进口或出口,企业编码,企业名称,税号编码,金额,数量,起运国或目的国,日期\n";
        Path dated = tmp.resolve("customs_dates.csv");
        Files.writeString(dated, header + "出口,1201910123,甲公司,84091000,100,1,美国,200712\n"
                + "出口,1201910123,甲公司,84091000,200,1,美国,200801\n", StandardCharsets.UTF_8);
        Path named = tmp.resolve("customs_200903.csv");
        Files.writeString(named, "direction,firm_code,firm_name,hs_code,value_usd,quantity,country,month\n" + "出口,1201910123,甲公司,84091000,300,1,美国,3\n",
                StandardCharsets.UTF_8);
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("customs", List.of(),
                List.of(dated.toString(), named.toString()), lake, null, 20, QualityRules.DEFAULTS));
        assertEquals(List.of(2007, 2008, 2009), r.years().stream().map(IngestJob.YearResult::year).toList());
        List<Row> rows = PartitionedParquet.read(SparkTestSession.get(), new LakeTables(lake).raw("customs"),
                SourceSchema.of("customs").structType()).orderBy("year").select("year", "month", "value_usd")
                .collectAsList();
        assertEquals("[[2007,12,100.0], [2008,1,200.0], [2009,3,300.0]]", rows.toString());
    }
}
