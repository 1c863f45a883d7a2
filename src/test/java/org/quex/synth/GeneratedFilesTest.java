package org.quex.synth;

import org.quex.CsvTable;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated files against their layout tables and against the truth written beside them. */
class GeneratedFilesTest {
    static final int FIRST = 2000;
    static final int LAST = 2013;

    private static List<Path> dataFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !root.relativize(p).startsWith("truth")).sorted().toList();
        }
    }

    private static Map<String, String> rawFileOf(Path root, Path file) {
        String rel = root.relativize(file).toString();
        String source = rel.substring(0, rel.indexOf('/'));
        int year = source.equals("honours") ? FIRST : Integer.parseInt(rel.replaceAll("\\D", "").substring(0, 4));
        return RawFileRecount.rawFile(source, year);
    }

    @Test
    void everyHeaderIsItsYearsLayoutFromTheTable() throws IOException {
        Path root = GeneratedData.dir();
        int checked = 0;
        for (Path file : dataFiles(root)) {
            Map<String, String> raw = rawFileOf(root, file);
            String table = switch (raw.get("source")) {
                case "asif" -> "asif_layouts.csv";
                case "customs" -> "customs_layouts.csv";
                default -> "honours_layout.csv";
            };
            List<String> expected = RawFileRecount.layout(table, raw.get("layout")).stream().map(c -> c[0]).toList();
            String header = RawFileRecount.lines(file, raw).get(0);
            assertEquals(expected, List.of(header.split(RawFileRecount.delimiterRegex(raw), -1)), file.toString());
            checked++;
        }
        // 14 ASIF years, 14 × 12 customs months, one honours file
        assertEquals(14 + 14 * 12 + 1, checked);
    }

    @Test
    void gbkFilesDecodeAsGbkAndFailAsUtf8() throws IOException {
        Path root = GeneratedData.dir();
        int gbk = 0;
        for (Path file : dataFiles(root)) {
            Map<String, String> raw = rawFileOf(root, file);
            byte[] bytes = Files.readAllBytes(file);
            String text = strictDecode(bytes, Charset.forName(raw.get("encoding")));
            assertFalse(text.contains("\uFFFD"), file.toString());
            if (!raw.get("encoding").equals("UTF-8")) {
                gbk++;
                strictDecode(bytes, Charset.forName("GB18030"));
                assertThrows(CharacterCodingException.class, () -> strictDecode(bytes, StandardCharsets.UTF_8),
                        file + " should not be valid UTF-8");
            }
        }
        assertEquals(8 + 12 * 12, gbk, "ASIF 2000-2007 and customs 2000-2011 are GBK/GB18030");
    }

    private static String strictDecode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
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
            Map<String, String> raw = RawFileRecount.rawFile("asif", year);
            List<String[]> cols = RawFileRecount.layout("asif_layouts.csv", raw.get("layout"));
            List<String> lines = RawFileRecount.lines(root.resolve(raw.get("path").replace("{year}", "" + year)), raw);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(RawFileRecount.delimiterRegex(raw), -1);
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < Math.min(f.length, cols.size()); i++) {
                    v.put(cols.get(i)[1], f[i]);
                }
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

    @Test
    void everyTrueLinkPointsAtRowsOfBothFirms() throws IOException {
        Path root = GeneratedData.dir();
        List<Map<String, String>> links = CsvTable.file(root.resolve("truth/links.csv")).rows();
        assertFalse(links.isEmpty());
        Map<Integer, Set<String>> customsCodes = new HashMap<>();
        for (int year = FIRST; year <= LAST; year++) {
            Map<String, String> raw = RawFileRecount.rawFile("customs", year);
            List<String[]> cols = RawFileRecount.layout("customs_layouts.csv", raw.get("layout"));
            int codeAt = 0;
            while (!cols.get(codeAt)[1].equals("firm_code")) {
                codeAt++;
            }
            Set<String> codes = customsCodes.computeIfAbsent(year, k -> new HashSet<>());
            for (int m = 1; m <= 12; m++) {
                Path p = root.resolve(raw.get("path").replace("{year}", "" + year).replace("{month}", String.format("%02d", m)));
                for (String line : RawFileRecount.lines(p, raw)) {
                    String[] f = line.split(",", -1);
                    if (f.length > codeAt) {
                        codes.add(f[codeAt]);
                    }
                }
            }
        }
        for (Map<String, String> l : links) {
            assertTrue(customsCodes.get(Integer.parseInt(l.get("year"))).contains(l.get("customs_firm_code")), l.toString());
        }
    }
}
