package org.quex.ingest.dta;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.RawRecords;

/**
 * Reads Stata .dta files of formats 117 (Stata 13), 118 and 119 (Stata 14+) as a stream of records
 * of text fields, so that they go through the same typing as CSV. Layout per Stata's "dta"
 * documentation: a tagged header (release, byte order, K variables, N observations), a map of
 * section offsets, then types, names, …, and fixed-width rows in &lt;data&gt;. Numbers become their
 * decimal text, Stata missing values (., .a–.z) become "", fixed strings are decoded strictly
 * (UTF-8 in 118/119, the given code page in 117). strL columns live after the data and are not read
 * yet: a file with one fails by name.
 */
public final class StataDta implements RawRecords {
    private static final int BYTE = 65530;
    private static final int INT = 65529;
    private static final int LONG = 65528;
    private static final int FLOAT = 65527;
    private static final int DOUBLE = 65526;
    private static final int STRL = 32768;

    private final DataInputStream in;
    private final String path;
    private final Charset charset;
    private final ByteOrder order;
    private final int release;
    private final long observations;
    private final int[] types;
    private final List<String> names;
    private final byte[] row;
    private long position;
    private long read;

    /** Reads the header up to the start of the data; {@code code page} is used for format 117 strings. */
    public StataDta(InputStream stream, String path, Charset codePage) {
        this.in = new DataInputStream(stream);
        this.path = path;
        try {
            expect("<stata_dta><header><release>");
            release = Integer.parseInt(ascii(3));
            if (release < 117 || release > 119) {
                throw new QuexException(path + ": Stata format " + release + " is not supported (117, 118 or 119)");
            }
            charset = release == 117 ? codePage : StandardCharsets.UTF_8;
            expect("</release><byteorder>");
            String bo = ascii(3);
            order = bo.equals("MSF") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            expect("</byteorder><K>");
            int k = (int) unsigned(release == 119 ? 4 : 2);
            expect("</K><N>");
            observations = unsigned(release == 117 ? 4 : 8);
            expect("</N><label>");
            skip(unsigned(release == 117 ? 1 : 2));
            expect("</label><timestamp>");
            skip(unsigned(1));
            expect("</timestamp></header><map>");
            long[] map = new long[14];
            for (int i = 0; i < 14; i++) {
                map[i] = unsigned(8);
            }
            expect("</map><variable_types>");
            types = new int[k];
            for (int i = 0; i < k; i++) {
                types[i] = (int) unsigned(2);
            }
            expect("</variable_types><varnames>");
            int nameWidth = release == 117 ? 33 : 129;
            names = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                names.add(cString(readBytes(nameWidth), "variable name " + (i + 1)));
            }
            skipTo(map[9]); // <data>
            expect("<data>");
            int width = 0;
            for (int i = 0; i < k; i++) {
                width += width(i);
            }
            row = new byte[width];
        } catch (IOException e) {
            throw new QuexException(path + ": not a readable Stata .dta file (" + e.getMessage() + ")", e);
        }
    }

    /** The charset of the file's strings: UTF-8 for 118/119, the code page for 117. */
    public Charset charset() {
        return charset;
    }

    public List<String> variableNames() {
        return names;
    }

    @Override
    public List<String> header() {
        return names;
    }

    /** The header and the observations read so far count as lines, so the accounting reads as for text. */
    @Override
    public long linesRead() {
        return 1 + read;
    }

    public long observations() {
        return observations;
    }

    @Override
    public boolean hasNext() {
        return read < observations;
    }

    /** The next observation as a record; its "line" is the observation number (1-based) plus one for the header. */
    @Override
    public AssembledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            in.readFully(row);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": observation " + (read + 1) + " cannot be read", e);
        }
        position += row.length;
        read++;
        ByteBuffer b = ByteBuffer.wrap(row).order(order);
        List<String> fields = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            fields.add(value(b, i));
        }
        return new AssembledRecord.Record(read + 1, 1, String.join("\t", fields), fields);
    }

    private String value(ByteBuffer b, int i) {
        int t = types[i];
        switch (t) {
            case BYTE -> {
                byte v = b.get();
                return v > 100 ? "" : Byte.toString(v);
            }
            case INT -> {
                short v = b.getShort();
                return v > 32740 ? "" : Short.toString(v);
            }
            case LONG -> {
                int v = b.getInt();
                return v > 2147483620 ? "" : Integer.toString(v);
            }
            case FLOAT -> {
                float v = b.getFloat();
                return v > 1.701e38f || Float.isNaN(v) ? "" : number(new java.math.BigDecimal(Float.toString(v)));
            }
            case DOUBLE -> {
                double v = b.getDouble();
                return v > 8.988e307 || Double.isNaN(v) ? "" : number(new java.math.BigDecimal(Double.toString(v)));
            }
            default -> {
                byte[] s = new byte[t];
                b.get(s);
                return cString(s, "observation " + read + ", variable " + names.get(i));
            }
        }
    }

    private static String number(java.math.BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private int width(int i) {
        int t = types[i];
        if (t == STRL) {
            throw new QuexException(path + ": variable " + names.get(i) + " is a strL; ingest reads fixed-width "
                    + "strings only (in Stata: recast str# " + names.get(i) + ", or export to CSV)");
        }
        return switch (t) {
            case BYTE -> 1;
            case INT -> 2;
            case LONG, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> {
                if (t < 1 || t > 2045) {
                    throw new QuexException(path + ": variable " + names.get(i) + " has unknown Stata type " + t);
                }
                yield t;
            }
        };
    }

    /** Text up to the first NUL, decoded strictly. */
    private String cString(byte[] bytes, String where) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new QuexException(path + ", " + where + ": bytes that are not valid " + charset.name()
                    + (release == 117 ? "; give the file's code page with --encoding UTF-8|GBK|GB18030" : ""));
        }
    }

    private void expect(String tag) throws IOException {
        String got = ascii(tag.length());
        if (!got.equals(tag)) {
            throw new IOException("expected " + tag + " at byte " + (position - tag.length()));
        }
    }

    private String ascii(int n) throws IOException {
        return new String(readBytes(n), StandardCharsets.ISO_8859_1);
    }

    private byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        position += n;
        return b;
    }

    private long unsigned(int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(readBytes(bytes)).order(order);
        return switch (bytes) {
            case 1 -> b.get() & 0xFFL;
            case 2 -> b.getShort() & 0xFFFFL;
            case 4 -> b.getInt() & 0xFFFFFFFFL;
            default -> b.getLong();
        };
    }

    private void skip(long n) throws IOException {
        readBytes((int) n);
    }

    private void skipTo(long offset) throws IOException {
        if (offset < position) {
            throw new IOException("section offset " + offset + " lies before byte " + position);
        }
        in.skipNBytes(offset - position);
        position = offset;
    }
}
