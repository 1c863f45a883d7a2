package org.quex.ingest.dta;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.quex.QuexException;

/**
 * What a .dta file says before its data: its release, byte order, variables, and where the data,
 * strLs and value labels lie. Two layouts, per Stata's help files dta_113, dta_114, dta_115 (a
 * binary header of 109 bytes, then descriptors, variable labels, expansion fields, data and the
 * value labels up to the end of the file) and dta_117, dta, dta_119 (tagged sections located by a
 * map). Format 116 was internal to StataCorp and never released; formats before 113 (Stata 7 and
 * older) are not read.
 */
final class DtaHeader {
    /** Type codes of 117+; the old formats' byte codes 251–255 are translated to them. */
    static final int STRL = 32768;
    static final int DOUBLE = 65526;
    static final int FLOAT = 65527;
    static final int LONG = 65528;
    static final int INT = 65529;
    static final int BYTE = 65530;

    final String path;
    final int release;
    final ByteOrder order;
    final Charset charset;
    final long observations;
    final int[] types;
    final List<String> names;
    /** The value-label set of each variable, or "" for none. */
    final String[] labelNames;
    /** Byte offsets of the first observation, of &lt;strls&gt; (-1 before 117) and of the value labels. */
    final long dataOffset;
    final long strlsOffset;
    final long valueLabelsOffset;
    final int rowWidth;

    private DtaHeader(String path, int release, ByteOrder order, Charset charset, long observations, int[] types,
                      List<String> names, String[] labelNames, long dataOffset, long strlsOffset, long valueLabelsOffset) {
        this.path = path;
        this.release = release;
        this.order = order;
        this.charset = charset;
        this.observations = observations;
        this.types = types;
        this.names = names;
        this.labelNames = labelNames;
        this.dataOffset = dataOffset;
        int w = 0;
        for (int i = 0; i < types.length; i++) {
            w += width(i);
        }
        this.rowWidth = w;
        this.strlsOffset = strlsOffset;
        this.valueLabelsOffset = valueLabelsOffset < 0 ? dataOffset + observations * rowWidth : valueLabelsOffset;
    }

    /**
     * Reads the header from the start of the file; on return {@code in} stands at the first
     * observation. {@code codePage} decodes the strings of 113–117 (118 and 119 are UTF-8).
     */
    static DtaHeader read(DtaInput in, String path, Charset codePage) {
        try {
            int first = in.read();
            if (first == '<') {
                return tagged(in, path, codePage);
            }
            return binary(in, path, first, codePage);
        } catch (EOFException e) {
            throw new QuexException(path + ": not a readable Stata .dta file (it ends within its header)", e);
        } catch (IOException e) {
            throw new QuexException(path + ": not a readable Stata .dta file (" + e.getMessage() + ")", e);
        }
    }

    /** 117–119: &lt;stata_dta&gt;&lt;header&gt;… and a map of section offsets. */
    private static DtaHeader tagged(DtaInput in, String path, Charset codePage) throws IOException {
        in.expect("stata_dta><header><release>");
        String r = in.ascii(3);
        int release;
        try {
            release = Integer.parseInt(r);
        } catch (NumberFormatException e) {
            throw new IOException("release '" + r + "' is not a number");
        }
        if (release < 117 || release > 119) {
            throw new QuexException(path + ": Stata format " + release + " is not supported (113, 114, 115, 117, 118, 119)");
        }
        Charset charset = release == 117 ? codePage : StandardCharsets.UTF_8;
        in.expect("</release><byteorder>");
        String bo = in.ascii(3);
        if (!bo.equals("MSF") && !bo.equals("LSF")) {
            throw new IOException("byte order '" + bo + "' is neither MSF nor LSF");
        }
        in.order(bo.equals("MSF") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        in.expect("</byteorder><K>");
        int k = (int) in.unsigned(release == 119 ? 4 : 2);
        in.expect("</K><N>");
        long n = in.unsigned(release == 117 ? 4 : 8);
        in.expect("</N><label>");
        in.skip(in.unsigned(release == 117 ? 1 : 2));
        in.expect("</label><timestamp>");
        in.skip(in.unsigned(1));
        in.expect("</timestamp></header><map>");
        long[] map = new long[14];
        for (int i = 0; i < 14; i++) {
            map[i] = in.unsigned(8);
        }
        in.expect("</map><variable_types>");
        int[] types = new int[k];
        for (int i = 0; i < k; i++) {
            types[i] = (int) in.unsigned(2);
        }
        in.expect("</variable_types><varnames>");
        int nameWidth = release == 117 ? 33 : 129;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(cString(in.bytes(nameWidth), charset, path, "variable name " + (i + 1), release));
        }
        in.skipTo(map[6]);
        in.expect("<value_label_names>");
        String[] labels = new String[k];
        for (int i = 0; i < k; i++) {
            labels[i] = cString(in.bytes(nameWidth), charset, path, "value label name of " + names.get(i), release);
        }
        in.skipTo(map[9]);
        in.expect("<data>");
        return new DtaHeader(path, release, in.order(), charset, n, types, names, labels, in.position(), map[10], map[11]);
    }

    /** 113–115: a binary header of 109 bytes, descriptors, variable labels and expansion fields. */
    private static DtaHeader binary(DtaInput in, String path, int release, Charset codePage) throws IOException {
        if (release == 116) {
            throw new QuexException(path + ": Stata format 116 was never released (it was internal to StataCorp); "
                    + "the file is damaged or not a .dta file");
        }
        if (release < 113 || release > 115) {
            throw new QuexException(path + ": " + (release >= 104 && release < 113
                    ? "Stata format " + release + " (Stata 7 or older) is not supported (113, 114, 115, 117, 118, 119); "
                    + "save it again in a newer Stata"
                    : "not a Stata .dta file (it starts neither with <stata_dta> nor with a format number 113–115)"));
        }
        int bo = in.read();
        if (bo != 1 && bo != 2) {
            throw new IOException("byte order " + bo + " is neither 1 (HILO) nor 2 (LOHI)");
        }
        in.order(bo == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        in.skip(2); // filetype, unused
        int k = (int) in.unsigned(2);
        long n = in.unsigned(4);
        in.skip(81 + 18); // data label, time stamp
        int[] types = new int[k];
        for (int i = 0; i < k; i++) {
            int t = in.read();
            types[i] = switch (t) {
                case 251 -> BYTE;
                case 252 -> INT;
                case 253 -> LONG;
                case 254 -> FLOAT;
                case 255 -> DOUBLE;
                default -> t;
            };
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add(cString(in.bytes(33), codePage, path, "variable name " + (i + 1), release));
        }
        in.skip(2L * (k + 1)); // sort list
        in.skip((long) (release == 113 ? 12 : 49) * k); // display formats
        String[] labels = new String[k];
        for (int i = 0; i < k; i++) {
            labels[i] = cString(in.bytes(33), codePage, path, "value label name of " + names.get(i), release);
        }
        in.skip(81L * k); // variable labels
        while (true) {
            int type = in.read();
            long len = in.unsigned(4);
            if (type == 0) {
                break;
            }
            if (type < 0) {
                throw new EOFException();
            }
            in.skip(len);
        }
        return new DtaHeader(path, release, in.order(), codePage, n, types, names, labels, in.position(), -1, -1);
    }

    /** Bytes of variable {@code i} in a row; fails naming a type no release defines. */
    int width(int i) {
        int t = types[i];
        return switch (t) {
            case BYTE -> 1;
            case INT -> 2;
            case LONG, FLOAT -> 4;
            case DOUBLE, STRL -> 8;
            default -> {
                if (t < 1 || t > (release < 117 ? 244 : 2045)) {
                    throw new QuexException(path + ": variable " + names.get(i) + " has unknown Stata type " + t);
                }
                yield t;
            }
        };
    }

    boolean hasStrLs() {
        for (int t : types) {
            if (t == STRL) {
                return true;
            }
        }
        return false;
    }

    boolean hasValueLabels() {
        for (String l : labelNames) {
            if (!l.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Text up to the first NUL, decoded strictly. */
    static String cString(byte[] bytes, Charset charset, String path, String where, int release) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return decode(bytes, 0, n, charset, path, where, release);
    }

    static String decode(byte[] bytes, int from, int length, Charset charset, String path, String where, int release) {
        boolean ascii = true;
        for (int i = from; i < from + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new QuexException(path + ", " + where + ": bytes that are not valid " + charset.name()
                    + (release <= 117 ? "; give the file's code page with --encoding UTF-8|GBK|GB18030" : ""));
        }
    }
}
