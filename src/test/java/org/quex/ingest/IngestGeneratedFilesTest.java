package org.quex.ingest;

import org.quex.lake.schema.SourceSchema;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.lake.LakeTables;
import org.quex.lake.PartitionedParquet;
import org.quex.synth.RawLayouts;

/** Ingest of the generator's files: every planted malformed line quarantined for its reason, nothing else lost. */
class IngestGeneratedFilesTest {
    /** Planted defects are dense here (ten times the usual rates); the quarantine share must not stop the run. */
    static final QualityRules LOOSE = new QualityRules(0.5, 0.0, 0.01, 0.5, 0.99, 0.5, 0.5);

    static SparkSession spark;
    static Path raw;
    @TempDir
    static Path lakeDir;

    @BeforeAll
    static void generate() {
        spark = SparkTestSession.get();
        raw = GeneratedRawFiles.dir();
    }

    /** Where the generator puts a year's ASIF file (the pooled .dta for years up to 2007). */
    static String asifFile(int year) {
        return RawLayouts.shared().fileFor("asif", year).path(year, 1);
    }

    static IngestJob.Result ingest(String lake, String source, int year, String input, String encoding,
                                   QualityRules rules) {
        return IngestJob.run(spark, new IngestJob.Settings(source, year, List.of(raw.resolve(input).toString()), lake,
                encoding, 20, rules));
    }

    /**
     * ASIF years of every scheme and container the generator writes: the pooled Stata 117 file
     * (GB18030), CIED Stata 118 and .xlsx, CIE tab text (GBK), landsat CSV (GB18030; UTF-8 with BOM).
     */
    @Test
    void asifYearsOfEveryLayoutAndCharset() {
        Map<String, Long> truth = GeneratedRawFiles.plantedDefects();
        Map<String, Long> dataRows = GeneratedRawFiles.dataRows();
        String lake = lakeDir.resolve("asif").toString();
        for (int year : new int[] {2003, 2008, 2009, 2011, 2012, 2013}) {
            String file = asifFile(year);
            IngestJob.Result r = ingest(lake, "asif", year, file, null, LOOSE);
            RawLayouts.RawFile layout = RawLayouts.shared().fileFor("asif", year);
            String expectedCharset = layout.format() == RawLayouts.Format.XLSX || layout.encoding().equals("UTF-8")
                    ? "UTF-8" : "GB18030";
            assertEquals(expectedCharset, r.files().get(0).file().charsetName(), file);
            assertEquals(dataRows.get(file), r.read(), file + ": every data row is read (other years' too)");
            assertQuarantineMatchesTruth(lake, "asif", year, truth, "column employees (");
            assertEquals(r.written(), rawRows(lake, "asif", year).count(), file);
            // the quality pass counts the planted duplicate firm-years: two rows per pair
            long duplicates = truth.get("asif," + year + ",duplicate_firm_year") / 2;
            QualityCheck dup = r.quality().stream().filter(c -> c.check().startsWith("duplicate_share")).findFirst().orElseThrow();
            assertTrue(dup.message().startsWith(duplicates + " rows repeat"), file + ": " + dup.message());
        }
    }

    /**
     * Customs years of every container and value form: monthly Access files (2001; 2005 with English
     * and Chinese headers), Stata parts with numeric HS codes, directions and country codes (2009),
     * monthly CSV in two header schemes (2013).
     */
    @Test
    void customsYearsOfEveryLayout() {
        Map<String, Long> truth = GeneratedRawFiles.plantedDefects();
        String lake = lakeDir.resolve("customs").toString();
        for (int year : new int[] {2001, 2005, 2009, 2013}) {
            IngestJob.Result r = ingest(lake, "customs", year, "customs/" + year, null, LOOSE);
            try (Stream<Path> files = Files.list(raw.resolve("customs/" + year))) {
                assertEquals(files.count(), r.files().size(), "one table per file of " + year);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (IngestJob.FileResult f : r.files()) {
                String rel = "customs/" + year + "/" + new org.apache.hadoop.fs.Path(f.file().path()).getName();
                assertEquals(GeneratedRawFiles.dataRows().get(rel), f.counts().read(), rel);
            }
            assertQuarantineMatchesTruth(lake, "customs", year, truth, "column value_usd (");
            var rows = rawRows(lake, "customs", year);
            assertEquals(r.written(), rows.count());
            assertEquals(12, rows.select("month").distinct().count(), "month partitions of " + year);
            assertEquals(0, rows.filter(col("direction").isin("export", "import").unary_$bang()).count());
            assertEquals(0, rows.filter(col("hs_code").rlike("^[0-9]{8}$").unary_$bang()).count(),
                    "HS codes are 8 digits with leading zeros in " + year);
        }
    }

    @Test
    void firmAndRowLevelColumnsAreWrittenWithoutAParquetDictionary(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        ingest(lake, "customs", 2013, "customs/2013", null, LOOSE);
        Path file;
        try (Stream<Path> files = Files.walk(Path.of(lake, "raw", "customs"))) {
            file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Map<String, Boolean> dictionary = new java.util.TreeMap<>();
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
                .fromPath(new org.apache.hadoop.fs.Path(file.toString()), new org.apache.hadoop.conf.Configuration()))) {
            for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
                dictionary.put(column.getPath().toDotString(), column.getEncodingStats().hasDictionaryEncodedPages());
            }
        }
        for (String c : List.of("firm_code", "firm_name", "address", "phone", "zip", "contact", "value_usd", "quantity",
                "source_line")) {
            assertEquals(false, dictionary.get(c), c + " in " + file);
        }
        for (String c : List.of("direction", "hs_code", "country", "trade_mode", "source_file")) {
            assertEquals(true, dictionary.get(c), c + " in " + file);
        }
    }

    @Test
    void reingestingACustomsYearWithFewerMonthsDropsTheMissingMonths(@TempDir Path tmp) throws IOException {
        String lake = tmp.resolve("lake").toString();
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int m = 1; m <= 3; m++) {
            String name = String.format("customs_2012%02d.csv", m);
            Files.copy(raw.resolve("customs/2012/" + name), in.resolve(name));
        }
        IngestJob.run(spark, new IngestJob.Settings("customs", 2012, List.of(in.toString()), lake, null, 20, LOOSE));
        Files.delete(in.resolve("customs_201203.csv"));
        IngestJob.run(spark, new IngestJob.Settings("customs", 2012, List.of(in.toString()), lake, null, 20, LOOSE));
        try (Stream<Path> s = Files.list(org.quex.lake.LakeDirs.year(lake, "raw/customs", 2012))) {
            assertEquals(List.of("month=1", "month=2"),
                    s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("month=")).sorted().toList());
        }
    }

    @Test
    void theHonoursListIsReadWhole() {
        IngestJob.Result r = ingest(lakeDir.resolve("honours").toString(), "honours", 2013, "honours/honours.csv", null,
                QualityRules.DEFAULTS);
        assertEquals(GeneratedRawFiles.dataRows().get("honours/honours.csv"), r.written());
        assertEquals(0, r.quarantined());
    }

    /** The metrics come from the tasks that write the rows; Spark's aggregates over the written rows are the oracle. */
    @Test
    void theQualityChecksAreThoseOfTheWrittenRows() {
        String lake = lakeDir.resolve("metrics").toString();
        IngestJob.Result r = ingest(lake, "asif", 2012, asifFile(2012), null, LOOSE);
        var rows = rawRows(lake, "asif", 2012);
        List<String> names = new ArrayList<>(List.of("rows"));
        List<org.apache.spark.sql.Column> aggregates = new ArrayList<>(List.of(functions.count(functions.lit(1))));
        for (String key : QualityRules.keyFields("asif")) {
            names.add("nonnull:" + key);
            aggregates.add(functions.count(col(key)));
        }
        names.add("distinct:firm_id");
        aggregates.add(functions.count_distinct(col("firm_id")));
        for (String f : QualityRules.rangeFields("asif")) {
            names.add("min:" + f);
            aggregates.add(functions.min(col(f)).cast("double"));
            names.add("max:" + f);
            aggregates.add(functions.max(col(f)).cast("double"));
        }
        Row a = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(org.apache.spark.sql.Column[]::new))
                .first();
        Map<String, Double> expected = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!a.isNullAt(i)) {
                expected.put(names.get(i), ((Number) a.get(i)).doubleValue());
            }
        }
        for (Row m : rows.where(col("employees_measure").isNotNull()).groupBy("employees_measure").count()
                .orderBy("employees_measure").collectAsList()) {
            expected.put("measure:employees:" + m.getString(0), (double) m.getLong(1));
        }
        FileCounts c = r.files().get(0).counts();
        String first = c.replacementLines() == 0 ? null : r.files().get(0).file().path() + ", line " + c.firstReplacementLine();
        assertEquals(LOOSE.evaluate("asif", expected, -1, r.read(), r.quarantined(), c.replacementLines(), first),
                r.quality());
    }

    @Test
    void everyPhysicalLineIsARowAQuarantinedLineOrTheHeader() {
        String lake = lakeDir.resolve("lines").toString();
        IngestJob.Result r = ingest(lake, "asif", 2012, asifFile(2012), null, LOOSE);
        TreeSet<Long> lines = new TreeSet<>();
        for (Row row : rawRows(lake, "asif", 2012).select("source_line").collectAsList()) {
            assertTrue(lines.add(row.getLong(0)));
        }
        for (Row row : quarantine(lake, "asif", 2012).select("line").collectAsList()) {
            assertTrue(lines.add(row.getLong(0)), "line " + row.getLong(0) + " is both a row and quarantined");
        }
        long physical = r.files().get(0).counts().physicalLines();
        assertEquals(physical - 1, lines.size());
        assertEquals(2L, lines.first());
        assertEquals(physical, lines.last());
    }

    @Test
    void aFileWithoutARequiredColumnFailsNamingItAndTheUnmappedColumns(@TempDir Path tmp) throws IOException {
        // the CIE abbreviations of 2011 (GBK, tab) with total assets' TA renamed
        Path file = tmp.resolve("cie2011.txt");
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        List<String> lines = Files.readAllLines(raw.resolve(asifFile(2011)), gbk);
        assertTrue(("\t" + lines.get(0) + "\t").contains("\tTA\t"), lines.get(0));
        lines.set(0, ("\t" + lines.get(0) + "\t").replace("\tTA\t", "\tZCZJ\t").strip());
        Files.write(file, lines, gbk);
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(spark, new IngestJob.Settings("asif",
                2011, List.of(file.toString()), tmp.resolve("lake").toString(), null, 20, LOOSE)));
        assertTrue(e.getMessage().contains("cie2011.txt: no column for total_assets; the catalogue knows total_assets "
                + "as toasset, 资产总计, TA"), e.getMessage());
        assertTrue(e.getMessage().matches(".*; columns of the file that map to nothing: [^;]*ZCZJ[^;]*\\. Add an alias.*"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(Files.exists(tmp.resolve("lake")), "nothing is written");
    }

    @Test
    void aGbkFileReadAsUtf8FailsNamingFileLineAndCharset(@TempDir Path tmp) {
        QuexException e = assertThrows(QuexException.class, () -> ingest(tmp.toString(), "asif", 2011,
                asifFile(2011), "UTF-8", LOOSE));
        assertTrue(e.getMessage().matches(".*cie2011\\.txt, line \\d+: bytes that are not valid UTF-8.*--encoding.*"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("raw")), "nothing is written");
    }

    @Test
    void aFileGivenTwiceIsRefused(@TempDir Path tmp) {
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(spark, new IngestJob.Settings("asif",
                2011, List.of(raw.resolve("asif").toString(), raw.resolve(asifFile(2011)).toString()),
                tmp.toString(), null, 20, LOOSE)));
        assertTrue(e.getMessage().endsWith("cie2011.txt is given twice (as a file and inside a directory?): its rows "
                + "would be counted twice"), e.getMessage());
    }

    @Test
    void anUnsupportedFormatFailsByName(@TempDir Path tmp) throws IOException {
        Path sav = Files.write(tmp.resolve("asif_2003.sav"), new byte[] {1, 2, 3});
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(spark, new IngestJob.Settings("asif",
                2003, List.of(sav.toString()), tmp.resolve("lake").toString(), null, 20, LOOSE)));
        assertTrue(e.getMessage().contains("extension .sav is not supported"), e.getMessage());
    }

    @Test
    void anErrorLevelQualityCheckStopsTheRunBeforeAnythingIsWritten(@TempDir Path tmp) {
        QualityRules strict = new QualityRules(0.0, 0.0, 0.01, 0.5, 0.99, 0.5, 0.5);
        QuexException e = assertThrows(QuexException.class, () -> ingest(tmp.toString(), "asif", 2012,
                asifFile(2012), null, strict));
        assertTrue(e.getMessage().contains("data-quality check quarantine_share failed"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("raw")));
    }

    @Test
    void reingestingAYearReplacesOnlyThatYearAndGivesTheSameRows(@TempDir Path tmp) throws IOException {
        String lake = tmp.toString();
        ingest(lake, "asif", 2011, asifFile(2011), null, LOOSE);
        IngestJob.Result first = ingest(lake, "asif", 2012, asifFile(2012), null, LOOSE);
        assertManifestAccountsForTheFile(first, raw.resolve(asifFile(2012)));
        Map<String, byte[]> before2011 = snapshot(tmp, "year=2011");
        List<String> rows2012 = sortedRows(rawRows(lake, "asif", 2012));
        List<String> quarantine2012 = sortedRows(quarantine(lake, "asif", 2012));
        ingest(lake, "asif", 2012, asifFile(2012), "GB18030", LOOSE);
        Map<String, byte[]> after2011 = snapshot(tmp, "year=2011");
        assertEquals(before2011.keySet(), after2011.keySet());
        assertFalse(before2011.isEmpty());
        for (String f : before2011.keySet()) {
            assertTrue(java.util.Arrays.equals(before2011.get(f), after2011.get(f)), f + " changed");
        }
        assertEquals(rows2012, sortedRows(rawRows(lake, "asif", 2012)));
        assertEquals(quarantine2012, sortedRows(quarantine(lake, "asif", 2012)));
        try (Stream<Path> s = Files.list(org.quex.lake.LakeDirs.year(lake, "raw/asif", 2012))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".parquet")).count(), "the old 2012 file is gone");
        }
    }

    @Test
    void aFileNamedForAnotherYearIsReported(@TempDir Path tmp) throws IOException {
        assertEquals(2008, IngestJob.yearInName("/x/customs_200811.csv"));
        assertEquals(2007, IngestJob.yearInName("/x/tradedata_2007_14.dta"));
        assertEquals(2005, IngestJob.yearInName("/x/data200512.mdb"));
        assertEquals(null, IngestJob.yearInName("/x/part_12345678.csv"));
        Path misnamed = Files.copy(raw.resolve(asifFile(2011)), tmp.resolve("cie2005.txt"));
        IngestJob.Result r = IngestJob.run(spark, new IngestJob.Settings("asif", 2011, List.of(misnamed.toString()),
                tmp.resolve("lake").toString(), null, 20, LOOSE));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).endsWith("cie2005.txt: the file name says 2005, ingesting it as year 2011"),
                r.warnings().get(0));
    }

    /** The manifest holds the file's size, checksum and counts, and read = written + quarantined. */
    private static void assertManifestAccountsForTheFile(IngestJob.Result r, Path file) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new java.io.File(r.manifest()));
        var input = json.get("inputs").get(0);
        assertEquals(Files.size(file), input.get("bytes").asLong());
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(sha, input.get("sha256").asText());
        assertEquals(r.read(), input.get("rows_read").asLong());
        assertEquals(input.get("rows_read").asLong(),
                input.get("rows_written").asLong() + input.get("rows_quarantined").asLong());
        var counts = json.get("counts").get(0);
        assertEquals(r.written(), counts.get("rows_out").asLong());
        assertEquals(r.quarantined(), counts.get("rows_quarantined").asLong());
        assertTrue(r.quarantined() > 0, "the generated year has malformed lines");
    }

    private static void assertQuarantineMatchesTruth(String lake, String source, int year, Map<String, Long> truth,
                                                     String nonNumericColumn) {
        Map<String, Long> byKind = new TreeMap<>();
        for (Row r : quarantine(lake, source, year).select("reason").collectAsList()) {
            String reason = r.getString(0);
            String kind;
            if (reason.startsWith("unbalanced quote")) {
                kind = "malformed_unbalanced_quote";
            } else if (reason.matches("\\d+ fields, expected \\d+")) {
                kind = "malformed_short_row";
            } else if (reason.startsWith(nonNumericColumn)
                    && (reason.contains("not an integer") || reason.contains("not a number"))) {
                kind = "malformed_non_numeric";
            } else {
                kind = "unexpected: " + reason;
            }
            byKind.merge(kind, 1L, Long::sum);
        }
        Map<String, Long> expected = new TreeMap<>();
        for (String kind : List.of("malformed_unbalanced_quote", "malformed_short_row", "malformed_non_numeric")) {
            long n = truth.get(source + "," + year + "," + kind);
            if (n > 0) {
                expected.put(kind, n);
            }
        }
        assertEquals(expected, byKind, source + " " + year + " quarantine reasons");
    }

    static org.apache.spark.sql.Dataset<Row> rawRows(String lake, String source, int year) {
        return PartitionedParquet.read(spark, new LakeTables(lake).raw(source),
                SourceSchema.of(source).structType()).filter(col("year").equalTo(year));
    }

    static org.apache.spark.sql.Dataset<Row> quarantine(String lake, String source, int year) {
        return PartitionedParquet.read(spark, new LakeTables(lake).quarantine(source), IngestJob.QUARANTINE_SCHEMA)
                .filter(col("year").equalTo(year));
    }

    private static List<String> sortedRows(org.apache.spark.sql.Dataset<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }

    /** Every file under a lake whose path has the given partition directory, with its bytes. */
    private static Map<String, byte[]> snapshot(Path lake, String partition) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(lake)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/" + partition + "/")).toList()) {
                files.put(lake.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

}
