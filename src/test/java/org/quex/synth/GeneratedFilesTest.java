package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quex.CsvTable;

/** The generated files against the scheme tables and against the truth written beside them. */
class GeneratedFilesTest {
    static final int FIRST = 2000;
    static final int LAST = 2013;

    private static Set<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new TreeSet<>(s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList());
        }
    }

    /** Every raw file the tables say a year has, with its table row and month. */
    private static Map<String, Object[]> expectedFiles() {
        Map<String, Object[]> files = new TreeMap<>();
        for (int year = FIRST; year <= LAST; year++) {
            for (String source : List.of("asif", "customs")) {
                for (int m = 1; m <= (source.equals("customs") ? 12 : 1); m++) {
                    Map<String, String> f = RawFileRecount.rawFile(source, year, m);
                    for (String p : RawFileRecount.paths(f, year, m)) {
                        files.putIfAbsent(p, new Object[] {f, year, m});
                    }
                }
            }
        }
        files.put("honours/honours.csv", new Object[] {RawFileRecount.rawFile("honours", FIRST, 1), FIRST, 1});
        return files;
    }

    @Test
    void everyFileIsWhereItsYearsSchemeSaysAndHasItsHeader() throws IOException {
        Path root = GeneratedData.dir();
        Map<String, Object[]> expected = expectedFiles();
        Set<String> written = filesUnder(root);
        written.removeIf(p -> p.startsWith("truth/"));
        assertEquals(expected.keySet(), written);
        // one pooled ASIF file for 2000-2007, six single years; 84 monthly Access files; 78 Stata parts;
        // 24 monthly CSV files; the honours list
        assertEquals(1 + 6 + 84 + (14 + 14 + 15 + 17 + 18) + 24 + 1, written.size());
        Map<String, Integer> byFormat = new TreeMap<>();
        for (Map.Entry<String, Object[]> e : expected.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, String> f = (Map<String, String>) e.getValue()[0];
            String source = f.get("source");
            RawFileRecount.Read read = RawFileRecount.read(root.resolve(e.getKey()), f, (int) e.getValue()[1],
                    (int) e.getValue()[2]);
            List<String> scheme = RawFileRecount.scheme(source, f.get("scheme")).stream()
                    .map(RawFileRecount.Col::raw).toList();
            assertEquals(scheme, read.header(), e.getKey());
            byFormat.merge(f.get("format"), 1, Integer::sum);
        }
        assertEquals(Map.of("csv", 1 + 3 + 24, "dta", 1 + 2 + 78, "mdb", 84, "xlsx", 1), byFormat);
    }

    @Test
    void textFilesInGbEncodingsDecodeAsGb18030AndFailAsUtf8() throws IOException {
        Path root = GeneratedData.dir();
        int gb = 0;
        for (Map.Entry<String, Object[]> e : expectedFiles().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, String> f = (Map<String, String>) e.getValue()[0];
            if (!f.get("format").equals("csv")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(root.resolve(e.getKey()));
            String text = strictDecode(bytes, RawFileRecount.charset(f));
            assertFalse(text.contains("\uFFFD"), e.getKey());
            if (!f.get("encoding").equals("UTF-8")) {
                gb++;
                assertThrows(CharacterCodingException.class, () -> strictDecode(bytes, StandardCharsets.UTF_8),
                        e.getKey() + " should not be valid UTF-8");
            }
        }
        assertEquals(1 + 1 + 6, gb, "ASIF 2011 (GBK), ASIF 2012 and customs 2013 July-December (GB18030)");
    }

    private static String strictDecode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    @Test
    void truthFilesCsvCountsTheRowsOfEveryFile() throws IOException {
        Path root = GeneratedData.dir();
        Map<String, Long> truth = new TreeMap<>();
        for (Map<String, String> r : CsvTable.file(root.resolve("truth/files.csv")).rows()) {
            assertEquals(Files.size(root.resolve(r.get("path"))), Long.parseLong(r.get("bytes")), r.get("path"));
            if (!r.get("path").startsWith("truth/")) {
                truth.put(r.get("path"), Long.parseLong(r.get("data_rows")));
            }
        }
        Map<String, Long> recount = new TreeMap<>();
        for (Map.Entry<String, Object[]> e : expectedFiles().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, String> f = (Map<String, String>) e.getValue()[0];
            recount.put(e.getKey(), (long) RawFileRecount.read(root.resolve(e.getKey()), f, (int) e.getValue()[1],
                    (int) e.getValue()[2]).rows().size());
        }
        assertEquals(recount, truth);
    }

    @Test
    void aYearsStataPartsAreConsecutiveRunsOfNearlyEqualSize() throws IOException {
        Path root = GeneratedData.dir();
        for (int year = 2007; year <= 2011; year++) {
            Map<String, Map<String, String>> parts = RawFileRecount.filesOf("customs", year);
            assertEquals(Map.of(2007, 14, 2008, 14, 2009, 15, 2010, 17, 2011, 18).get(year), parts.size());
            List<Integer> sizes = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : parts.entrySet()) {
                RawFileRecount.Read read = RawFileRecount.read(root.resolve(e.getKey()), e.getValue(), year, 1);
                sizes.add(read.rows().size());
                assertEquals(year != 2011, read.header().contains("_电话"), e.getKey());
                assertEquals(year != 2011, read.header().contains("_邮编"), e.getKey());
            }
            int min = sizes.stream().min(Integer::compare).orElseThrow();
            int max = sizes.stream().max(Integer::compare).orElseThrow();
            assertTrue(max - min <= 1 && max > 0, year + ": " + sizes);
        }
    }

    @Test
    void defectCountsInTheTruthEqualARecountOfTheFiles() throws IOException {
        Path root = GeneratedData.dir();
        Map<String, Long> truth = new TreeMap<>();
        for (Map<String, String> r : CsvTable.file(root.resolve("truth/defects.csv")).rows()) {
            long rows = Long.parseLong(r.get("rows"));
            if (rows > 0) {
                truth.put(r.get("source") + "|" + r.get("year") + "|" + r.get("defect"), rows);
            }
        }
        List<String> keywords = new ArrayList<>();
        for (Map<String, String> r : CsvTable.resource("data-schemas/reference/intermediary_keywords.csv").rows()) {
            if ("yes".equals(r.get("in_FLY_ReStat2015_code")) && !r.get("keyword").equals("工贸")) {
                keywords.add(r.get("keyword"));
            }
        }
        Map<String, Long> recount = new TreeMap<>();
        for (int year = FIRST; year <= LAST; year++) {
            final int y = year;
            RawFileRecount.asif(root, year).forEach((k, v) -> recount.put("asif|" + y + "|" + k, v));
            RawFileRecount.customs(root, year, keywords).forEach((k, v) -> recount.put("customs|" + y + "|" + k, v));
        }
        assertEquals(truth, recount);
        // every kind of defect is present somewhere, so the comparison covers each rule
        Set<String> kinds = new HashSet<>();
        truth.keySet().forEach(k -> kinds.add(k.substring(0, k.indexOf('|')) + k.substring(k.lastIndexOf('|'))));
        for (Defect d : Defect.values()) {
            assertTrue(kinds.contains(d.source().name().toLowerCase() + "|" + d.label()), "no " + d + " planted");
        }
        // broken lines exist in text files only; a letter in a number also where a cell may hold text
        for (String k : truth.keySet()) {
            int year = Integer.parseInt(k.split("\\|")[1]);
            if (k.endsWith("malformed_unbalanced_quote") || k.endsWith("malformed_short_row")) {
                assertTrue(k.startsWith("asif") ? year >= 2011 : year >= 2012, k);
            }
            if (k.endsWith("malformed_non_numeric")) {
                assertTrue(k.startsWith("asif") ? year == 2009 || year >= 2011 : year == 2006 || year >= 2012, k);
            }
        }
    }

    @Test
    void truthFirmYearsAreTheCleanAsifRowsAsWritten() throws IOException {
        Path root = GeneratedData.dir();
        Map<String, Map<String, String>> truth = new HashMap<>();
        for (Map<String, String> r : CsvTable.file(root.resolve("truth/firm_years.csv")).rows()) {
            if (r.get("asif_defect").isEmpty()) {
                truth.put(r.get("year") + "|" + r.get("asif_firm_id"), r);
            }
        }
        int checked = 0;
        for (int year = FIRST; year <= LAST; year++) {
            for (Map<String, String> v : RawFileRecount.asifRows(root, year)) {
                Map<String, String> t = truth.get(year + "|" + v.get("firm_id"));
                if (t == null) {
                    continue;
                }
                long export = Long.parseLong(v.get("export_value"));
                assertEquals(t.get("ex"), export > 0 ? "1" : "0");
                assertEquals(Long.parseLong(t.get("export_value")), export);
                double lnCap = Math.log(Double.parseDouble(v.get("net_fixed_assets")) / Double.parseDouble(v.get("employees")));
                assertEquals(Double.parseDouble(t.get("ln_cap")), lnCap, 1e-12);
                assertEquals(Integer.parseInt(t.get("age")), year - Integer.parseInt(v.get("founding_year")));
                checked++;
            }
        }
        assertEquals(truth.size(), checked, "every clean truth firm-year has exactly one ASIF row");
    }

    /** 2013 writes amounts in RMB: the raw export value is 1000 times the truth's thousand RMB. */
    @Test
    void anAmountWrittenInRmbIsAThousandTimesTheTruth() throws IOException {
        Path root = GeneratedData.dir();
        Map<String, String> truth = new HashMap<>();
        for (Map<String, String> r : CsvTable.file(root.resolve("truth/firm_years.csv")).rows()) {
            if (r.get("year").equals("2013") && r.get("asif_defect").isEmpty()) {
                truth.put(r.get("asif_firm_id"), r.get("export_value"));
            }
        }
        Map<String, String> file = RawFileRecount.rawFile("asif", 2013, 1);
        RawFileRecount.Read read = RawFileRecount.read(root.resolve("asif/asie2013.csv"), file, 2013, 1);
        int id = read.header().indexOf("法人代码");
        int export = read.header().indexOf("出口交货值（元）");
        int exporters = 0;
        for (List<String> row : read.rows()) {
            String t = truth.get(row.get(id));
            if (t != null) {
                assertEquals(Long.parseLong(t) * 1000, Long.parseLong(row.get(export)));
                exporters += Long.parseLong(t) > 0 ? 1 : 0;
            }
        }
        assertTrue(exporters > 10, "exporters checked: " + exporters);
    }

    @Test
    void everyTrueLinkPointsAtRowsOfBothFirms() throws IOException {
        Path root = GeneratedData.dir();
        List<Map<String, String>> links = CsvTable.file(root.resolve("truth/links.csv")).rows();
        assertFalse(links.isEmpty());
        Map<Integer, Set<String>> customsCodes = new HashMap<>();
        for (int year = FIRST; year <= LAST; year++) {
            Set<String> codes = customsCodes.computeIfAbsent(year, k -> new HashSet<>());
            for (int m = 1; m <= 12; m++) {
                Map<String, String> file = RawFileRecount.rawFile("customs", year, m);
                List<RawFileRecount.Col> cols = RawFileRecount.scheme("customs", file.get("scheme"));
                for (String p : RawFileRecount.paths(file, year, m)) {
                    RawFileRecount.Read read = RawFileRecount.read(root.resolve(p), file, year, m);
                    for (List<String> row : read.rows()) {
                        codes.add(RawFileRecount.canonical(read.header(), row, cols).getOrDefault("firm_code", ""));
                    }
                }
            }
        }
        for (Map<String, String> l : links) {
            assertTrue(customsCodes.get(Integer.parseInt(l.get("year"))).contains(l.get("customs_firm_code")), l.toString());
        }
    }
}
