package org.quex.ingest.dta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quex.stata.DtaWriter;

/** Small Stata .dta files (117/118/119) for tests, written by {@link DtaWriter}, as bytes. */
final class DtaTestFile {
    static final int BYTE = DtaWriter.BYTE;
    static final int INT = DtaWriter.INT;
    static final int LONG = DtaWriter.LONG;
    static final int FLOAT = DtaWriter.FLOAT;
    static final int DOUBLE = DtaWriter.DOUBLE;
    static final int STRL = DtaWriter.STRL;

    private DtaTestFile() {
    }

    /** @param rows values per variable: Number for numeric types (null = missing), String for str# and strL */
    static byte[] write(int release, ByteOrder order, Charset strings, List<String> names, int[] types,
                        List<Object[]> rows) {
        List<DtaWriter.Variable> vars = new ArrayList<>();
        boolean strL = false;
        for (int i = 0; i < names.size(); i++) {
            vars.add(new DtaWriter.Variable(names.get(i), new DtaWriter.Type(types[i])));
            strL |= types[i] == STRL;
        }
        return write(new DtaWriter.Layout(release, order, strings, null, null, vars, rows.size(), Map.of()), rows, strL);
    }

    /** Any layout; a file with strL variables goes through a temporary file (the writer needs a channel for them). */
    static byte[] write(DtaWriter.Layout layout, List<Object[]> rows) {
        return write(layout, rows, layout.variables().stream().anyMatch(v -> v.type().strL()));
    }

    private static byte[] write(DtaWriter.Layout layout, List<Object[]> rows, boolean strL) {
        try {
            if (strL) {
                Path tmp = Files.createTempFile("quex-test", ".dta");
                try {
                    try (DtaWriter w = DtaWriter.open(tmp, layout)) {
                        rows.forEach(w::writeRow);
                    }
                    return Files.readAllBytes(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DtaWriter w = DtaWriter.open(out, layout)) {
                rows.forEach(w::writeRow);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
