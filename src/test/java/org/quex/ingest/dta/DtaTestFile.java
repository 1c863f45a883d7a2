package org.quex.ingest.dta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes small Stata .dta files (117/118/119) for tests, following Stata's format description:
 * only what the reader needs is filled (types, names, the map's &lt;data&gt; offset, rows).
 */
public final class DtaTestFile {
    public static final int BYTE = 65530;
    public static final int INT = 65529;
    public static final int LONG = 65528;
    public static final int FLOAT = 65527;
    public static final int DOUBLE = 65526;
    public static final int STRL = 32768;

    private DtaTestFile() {
    }

    /** @param rows values per variable: Number for numeric types (null = missing), String for str# */
    public static byte[] write(int release, ByteOrder order, Charset strings, List<String> names, int[] types,
                        List<Object[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int k = names.size();
        ascii(out, "<stata_dta><header><release>" + release + "</release><byteorder>"
                + (order == ByteOrder.BIG_ENDIAN ? "MSF" : "LSF") + "</byteorder><K>");
        num(out, order, release == 119 ? 4 : 2, k);
        ascii(out, "</K><N>");
        num(out, order, release == 117 ? 4 : 8, rows.size());
        ascii(out, "</N><label>");
        num(out, order, release == 117 ? 1 : 2, 0);
        ascii(out, "</label><timestamp>");
        num(out, order, 1, 0);
        ascii(out, "</timestamp></header><map>");
        int mapAt = out.size();
        for (int i = 0; i < 14; i++) {
            num(out, order, 8, 0);
        }
        ascii(out, "</map><variable_types>");
        for (int t : types) {
            num(out, order, 2, t);
        }
        ascii(out, "</variable_types><varnames>");
        int nameWidth = release == 117 ? 33 : 129;
        for (String n : names) {
            fixed(out, n.getBytes(strings), nameWidth);
        }
        ascii(out, "</varnames><sortlist>");
        out.writeBytes(new byte[(k + 1) * (release == 119 ? 4 : 2)]);
        ascii(out, "</sortlist><formats>");
        out.writeBytes(new byte[k * (release == 117 ? 49 : 57)]);
        ascii(out, "</formats><value_label_names>");
        out.writeBytes(new byte[k * nameWidth]);
        ascii(out, "</value_label_names><variable_labels>");
        out.writeBytes(new byte[k * (release == 117 ? 81 : 321)]);
        ascii(out, "</variable_labels><characteristics></characteristics>");
        long dataAt = out.size();
        ascii(out, "<data>");
        for (Object[] row : rows) {
            for (int i = 0; i < k; i++) {
                value(out, order, types[i], row[i], strings);
            }
        }
        ascii(out, "</data><strls></strls><value_labels></value_labels></stata_dta>");
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes, mapAt + 9 * 8, 8).order(order).putLong(dataAt);
        return bytes;
    }

    private static void value(ByteArrayOutputStream out, ByteOrder order, int type, Object v, Charset strings) {
        ByteBuffer b;
        switch (type) {
            case BYTE -> out.write(v == null ? 101 : ((Number) v).byteValue());
            case INT -> num(out, order, 2, v == null ? 32741 : ((Number) v).intValue());
            case LONG -> num(out, order, 4, v == null ? 2147483621L : ((Number) v).longValue());
            case FLOAT -> {
                b = ByteBuffer.allocate(4).order(order);
                b.putFloat(v == null ? Float.intBitsToFloat(0x7f000000) : ((Number) v).floatValue());
                out.writeBytes(b.array());
            }
            case DOUBLE -> {
                b = ByteBuffer.allocate(8).order(order);
                b.putDouble(v == null ? Double.longBitsToDouble(0x7fe0000000000000L) : ((Number) v).doubleValue());
                out.writeBytes(b.array());
            }
            case STRL -> num(out, order, 8, 0);
            default -> fixed(out, ((String) v).getBytes(strings), type);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void num(ByteArrayOutputStream out, ByteOrder order, int bytes, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        switch (bytes) {
            case 1 -> b.put((byte) v);
            case 2 -> b.putShort((short) v);
            case 4 -> b.putInt((int) v);
            default -> b.putLong(v);
        }
        out.write(b.array(), 0, bytes);
    }

    private static void fixed(ByteArrayOutputStream out, byte[] s, int width) {
        if (s.length > width) {
            throw new IllegalArgumentException("string longer than " + width + " bytes");
        }
        out.writeBytes(s);
        out.writeBytes(new byte[width - s.length]);
    }
}
