package org.quex.ingest.dta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes .dta files of formats 113, 114 and 115 (Stata 8–12; what the 2007–11 Customs parts were
 * saved as) for tests, byte by byte from Stata's help files dta_113/dta_114/dta_115: a 109-byte
 * header, typlist (251–255 numeric, 1–244 str#), 33-byte names, sort list, formats (12 bytes in
 * 113, 49 after), 33-byte value-label names, 81-byte variable labels, expansion fields (one
 * characteristic, so that the reader must skip it), the rows, then the value labels to the end.
 */
final class OldDtaTestFile {
    static final int BYTE = 251;
    static final int INT = 252;
    static final int LONG = 253;
    static final int FLOAT = 254;
    static final int DOUBLE = 255;

    private OldDtaTestFile() {
    }

    /**
     * @param types       old type codes: 1–244 for str#, 251–255 numeric
     * @param labelNames  the value-label set of each variable, or null
     * @param rows        Number (null = ".", a Character 'a'–'z' = ".a"–".z") or String per variable
     */
    static byte[] write(int release, ByteOrder order, Charset cp, List<String> names, int[] types, String[] labelNames,
                        Map<String, Map<Integer, String>> valueLabels, List<Object[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int k = names.size();
        out.write(release);
        out.write(order == ByteOrder.BIG_ENDIAN ? 1 : 2);
        out.write(1); // filetype
        out.write(0); // unused
        num(out, order, 2, k);
        num(out, order, 4, rows.size());
        fixed(out, "海关数据 2007".getBytes(cp), 81);
        fixed(out, "05 Jan 2012 09:30".getBytes(StandardCharsets.US_ASCII), 18);
        for (int t : types) {
            out.write(t);
        }
        for (String n : names) {
            fixed(out, n.getBytes(cp), 33);
        }
        out.writeBytes(new byte[2 * (k + 1)]);
        for (int t : types) {
            fixed(out, (t >= 251 ? "%9.0g" : "%" + t + "s").getBytes(StandardCharsets.US_ASCII), release == 113 ? 12 : 49);
        }
        for (int i = 0; i < k; i++) {
            fixed(out, labelNames == null || labelNames[i] == null ? new byte[0] : labelNames[i].getBytes(cp), 33);
        }
        for (String n : names) {
            fixed(out, ("变量 " + n).getBytes(cp), 81);
        }
        // one characteristic (type 1): _dta[note1], then the end marker (type 0, length 0)
        byte[] ch = new byte[33 + 33 + 12];
        System.arraycopy("_dta".getBytes(StandardCharsets.US_ASCII), 0, ch, 0, 4);
        System.arraycopy("note1".getBytes(StandardCharsets.US_ASCII), 0, ch, 33, 5);
        System.arraycopy("from 2007\0".getBytes(StandardCharsets.US_ASCII), 0, ch, 66, 10);
        out.write(1);
        num(out, order, 4, ch.length);
        out.writeBytes(ch);
        out.write(0);
        num(out, order, 4, 0);
        for (Object[] row : rows) {
            for (int i = 0; i < k; i++) {
                value(out, order, types[i], row[i], cp);
            }
        }
        for (Map.Entry<String, Map<Integer, String>> set : new TreeMap<>(valueLabels).entrySet()) {
            TreeMap<Integer, String> entries = new TreeMap<>(set.getValue());
            ByteArrayOutputStream txt = new ByteArrayOutputStream();
            int[] off = new int[entries.size()];
            int j = 0;
            for (String text : entries.values()) {
                off[j++] = txt.size();
                txt.writeBytes(text.getBytes(cp));
                txt.write(0);
            }
            int n = entries.size();
            num(out, order, 4, 8 + 8 * n + txt.size());
            fixed(out, set.getKey().getBytes(cp), 33);
            out.writeBytes(new byte[3]);
            num(out, order, 4, n);
            num(out, order, 4, txt.size());
            for (int o : off) {
                num(out, order, 4, o);
            }
            for (int v : entries.keySet()) {
                num(out, order, 4, v);
            }
            out.writeBytes(txt.toByteArray());
        }
        return out.toByteArray();
    }

    private static void value(ByteArrayOutputStream out, ByteOrder order, int type, Object v, Charset cp) {
        int ext = v instanceof Character c ? c - 'a' + 1 : 0;
        boolean missing = v == null || v instanceof Character;
        ByteBuffer b;
        switch (type) {
            case BYTE -> out.write(missing ? 101 + ext : ((Number) v).byteValue());
            case INT -> num(out, order, 2, missing ? 32741 + ext : ((Number) v).intValue());
            case LONG -> num(out, order, 4, missing ? 2147483621L + ext : ((Number) v).longValue());
            case FLOAT -> {
                b = ByteBuffer.allocate(4).order(order);
                b.putFloat(missing ? Float.intBitsToFloat(0x7f000000 + (ext << 11)) : ((Number) v).floatValue());
                out.writeBytes(b.array());
            }
            case DOUBLE -> {
                b = ByteBuffer.allocate(8).order(order);
                b.putDouble(missing ? Double.longBitsToDouble(0x7fe0000000000000L + ((long) ext << 40))
                        : ((Number) v).doubleValue());
                out.writeBytes(b.array());
            }
            default -> fixed(out, ((String) v).getBytes(cp), type);
        }
    }

    private static void num(ByteArrayOutputStream out, ByteOrder order, int bytes, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        switch (bytes) {
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
