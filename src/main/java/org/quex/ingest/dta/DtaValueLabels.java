package org.quex.ingest.dta;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.quex.QuexException;

/**
 * The value-label sets of a .dta file (name → value → text), read from where the header says they
 * lie: &lt;value_labels&gt;&lt;lbl&gt;…&lt;/lbl&gt;…&lt;/value_labels&gt; in 117+, definitions up to the end
 * of the file in 113–115. Each definition: its length, the set's name (33 or 129 bytes), 3 bytes of
 * padding, then n, the text length, n text offsets, n values and the texts.
 */
final class DtaValueLabels {
    private DtaValueLabels() {
    }

    /** The sets named in {@code wanted}; sets the variables do not use are skipped unread. */
    static Map<String, Map<Integer, String>> read(DtaInput in, DtaHeader h, Set<String> wanted) {
        Map<String, Map<Integer, String>> sets = new HashMap<>();
        int nameWidth = h.release >= 118 ? 129 : 33;
        try {
            in.skipTo(h.valueLabelsOffset);
            boolean tagged = h.release >= 117;
            if (tagged) {
                in.expect("<value_labels>");
            }
            while (true) {
                if (tagged) {
                    String tag = in.ascii(5);
                    if (tag.equals("</val")) {
                        in.expect("ue_labels>");
                        break;
                    }
                    if (!tag.equals("<lbl>")) {
                        throw new IOException("expected <lbl> or </value_labels> at byte " + (in.position() - 5));
                    }
                } else {
                    // 113–115: the definitions run to the end of the file
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    byte[] rest = in.bytes(3);
                    byte[] four = {(byte) b, rest[0], rest[1], rest[2]};
                    long len = DtaInput.unsigned(four, 0, 4, in.order());
                    readOne(in, h, len, nameWidth, wanted, sets);
                    continue;
                }
                long len = in.unsigned(4);
                readOne(in, h, len, nameWidth, wanted, sets);
                in.expect("</lbl>");
            }
        } catch (EOFException e) {
            throw new QuexException(h.path + ": the value labels end before their definition does (the file is cut short)", e);
        } catch (IOException e) {
            throw new QuexException(h.path + ": the value labels cannot be read (" + e.getMessage() + ")", e);
        }
        return sets;
    }

    private static void readOne(DtaInput in, DtaHeader h, long len, int nameWidth, Set<String> wanted,
                                Map<String, Map<Integer, String>> sets) throws IOException {
        String name = DtaHeader.cString(in.bytes(nameWidth), h.charset, h.path, "value label name", h.release);
        in.skip(3);
        if (!wanted.contains(name)) {
            in.skip(len);
            return;
        }
        if (len < 8 || len > Integer.MAX_VALUE) {
            throw new IOException("value label " + name + " has a table of " + len + " bytes");
        }
        ByteBuffer t = ByteBuffer.wrap(in.bytes((int) len)).order(in.order());
        int n = t.getInt();
        int txtlen = t.getInt();
        if (n < 0 || txtlen < 0 || 8L + 8L * n + txtlen > len) {
            throw new IOException("value label " + name + ": " + n + " entries and " + txtlen
                    + " bytes of text do not fit its " + len + " bytes");
        }
        int[] off = new int[n];
        int[] val = new int[n];
        for (int i = 0; i < n; i++) {
            off[i] = t.getInt();
        }
        for (int i = 0; i < n; i++) {
            val[i] = t.getInt();
        }
        int txtAt = 8 + 8 * n;
        byte[] all = t.array();
        Map<Integer, String> set = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (off[i] < 0 || off[i] >= txtlen) {
                throw new IOException("value label " + name + ": the text of value " + val[i] + " lies outside the table");
            }
            int end = txtAt + off[i];
            while (end < txtAt + txtlen && all[end] != 0) {
                end++;
            }
            set.put(val[i], DtaHeader.decode(all, txtAt + off[i], end - txtAt - off[i], h.charset, h.path,
                    "value label " + name + " " + val[i], h.release));
        }
        sets.put(name, set);
    }
}
