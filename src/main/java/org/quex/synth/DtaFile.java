package org.quex.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.quex.QuexException;
import org.quex.stata.DtaWriter;

/**
 * Writes staged rows as a Stata .dta file with {@link DtaWriter}: release and code page from
 * raw_files.csv (117 with GB18030 strings and names, as the pre-Unicode deliveries are; 118 in
 * UTF-8), numbers in the scheme's storage type (byte, int, long, double) with "." for an empty
 * value, and each text column as a str# as wide as its widest value over the whole file (the
 * tasks report the widths: a .dta declares them before its rows).
 */
final class DtaFile {
    private DtaFile() {
    }

    /** Writes the next {@code rows} staged rows; the number of rows and the string widths are fixed up front. */
    static void write(OutputStream out, RawLayouts.RawFile file, List<RawLayouts.RawColumn> columns, int[] widths,
                      Iterator<String[]> staged, long rows) throws IOException {
        List<DtaWriter.Variable> vars = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            RawLayouts.RawColumn c = columns.get(i);
            vars.add(new DtaWriter.Variable(c.rawName(), switch (c.storage()) {
                case TEXT -> DtaWriter.Type.str(Math.max(1, widths[i]));
                case BYTE -> DtaWriter.Type.BYTE;
                case INT -> DtaWriter.Type.INT;
                case LONG -> DtaWriter.Type.LONG;
                case DOUBLE -> DtaWriter.Type.DOUBLE;
                case DATE -> throw new IllegalStateException("no date storage in a .dta (checked when the tables load)");
            }));
        }
        try (DtaWriter w = DtaWriter.open(out, file.release(), file.charset(), vars, rows, null)) {
            Object[] row = new Object[columns.size()];
            for (long r = 0; r < rows; r++) {
                if (!staged.hasNext()) {
                    throw new IllegalStateException(file.pathPattern() + ": fewer rows staged than the chunks reported");
                }
                String[] values = staged.next();
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(values[i], columns.get(i), file);
                }
                w.writeRow(row);
            }
        }
    }

    private static Object value(String v, RawLayouts.RawColumn c, RawLayouts.RawFile file) {
        if (c.storage() == RawLayouts.Storage.TEXT) {
            return v;
        }
        if (v.isEmpty()) {
            return null;
        }
        try {
            return switch (c.storage()) {
                case BYTE, INT, LONG -> Long.valueOf(v);
                default -> Double.valueOf(v);
            };
        } catch (NumberFormatException e) {
            // RawLayouts.carries keeps letters out of Stata numbers; reaching here is a generator bug
            throw new QuexException(file.scheme() + " " + c.rawName() + ": '" + v + "' is not a number");
        }
    }
}
