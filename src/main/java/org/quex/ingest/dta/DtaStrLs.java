package org.quex.ingest.dta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quex.QuexException;

/**
 * The strL values of a .dta file (117+). In &lt;data&gt; a strL is an 8-byte (v,o) reference: the
 * variable and observation whose GSO ("generic string object") in &lt;strls&gt; holds the text — its
 * own, or an earlier one's when equal strings are shared. The GSOs lie after all the data, so they
 * are indexed first (one pass that reads each GSO's header and skips its text: 20 bytes of memory
 * per GSO, not the texts), and a text is read when a row asks for it: forward from the last read
 * while the rows advance, re-opened at its offset for a back reference, with the most recent texts
 * cached for shared strings.
 */
final class DtaStrLs implements AutoCloseable {
    private static final int CACHE = 4096;
    private static final long SKIP_AHEAD = 1 << 20;

    private final DtaHeader h;
    private final SeekableStreamOpener opener;
    private final long k;
    private long[] keys = new long[1024];
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    private final Map<Long, String> cache = new LinkedHashMap<>(CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> e) {
            return size() > CACHE;
        }
    };
    private InputStream current;
    private long currentAt;

    private DtaStrLs(DtaHeader h, SeekableStreamOpener opener) {
        this.h = h;
        this.opener = opener;
        this.k = h.types.length;
    }

    /** Indexes the GSOs of &lt;strls&gt;. */
    static DtaStrLs index(DtaHeader h, SeekableStreamOpener opener) {
        DtaStrLs s = new DtaStrLs(h, opener);
        try (DtaInput in = new DtaInput(opener.openAt(h.strlsOffset), h.strlsOffset)) {
            in.order(h.order);
            in.expect("<strls>");
            boolean sorted = true;
            while (true) {
                String tag = in.ascii(3);
                if (tag.equals("</s")) {
                    in.expect("trls>");
                    break;
                }
                if (!tag.equals("GSO")) {
                    throw new IOException("expected GSO or </strls> at byte " + (in.position() - 3));
                }
                long v = in.unsigned(4);
                long o = in.unsigned(h.release == 117 ? 4 : 8);
                int t = in.read();
                long len = in.unsigned(4);
                if (t != 129 && t != 130) {
                    throw new IOException("GSO (" + v + "," + o + ") has type " + t + ", neither 129 (binary) nor 130 (text)");
                }
                if (len > Integer.MAX_VALUE - 8) {
                    throw new IOException("GSO (" + v + "," + o + ") is " + len + " bytes long");
                }
                long key = s.key(v, o);
                sorted &= s.size == 0 || key > s.keys[s.size - 1];
                // a text GSO (130) ends in a \0 that is not part of the string
                s.add(key, in.position(), (int) (t == 130 && len > 0 ? len - 1 : len));
                in.skip(len);
            }
            if (!sorted) {
                s.sort();
            }
        } catch (EOFException e) {
            throw new QuexException(h.path + ": the strLs end before their last GSO does (the file is cut short)", e);
        } catch (IOException e) {
            throw new QuexException(h.path + ": the strLs cannot be read (" + e.getMessage() + ")", e);
        }
        return s;
    }

    /** The text of the strL of variable {@code var} (0-based) in observation {@code obs} (1-based) given its 8 bytes. */
    String value(byte[] row, int at, int var, long obs) {
        int vBytes = h.release == 117 ? 4 : h.release == 118 ? 2 : 3;
        long v = DtaInput.unsigned(row, at, vBytes, h.order);
        long o = DtaInput.unsigned(row, at + vBytes, 8 - vBytes, h.order);
        if (v == 0 && o == 0) {
            return "";
        }
        long key = key(v, o);
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i < 0 || v > k) {
            throw new QuexException(h.path + ", observation " + obs + ", variable " + h.names.get(var) + ": its strL ("
                    + v + "," + o + ") is not among the file's strLs");
        }
        String s = DtaHeader.decode(read(offsets[i], lengths[i], obs, var), 0, lengths[i], h.charset, h.path,
                "observation " + obs + ", variable " + h.names.get(var), h.release);
        cache.put(key, s);
        return s;
    }

    private byte[] read(long offset, int length, long obs, int var) {
        try {
            if (current == null || offset < currentAt || offset - currentAt > SKIP_AHEAD) {
                if (current != null) {
                    current.close();
                }
                current = opener.openAt(offset);
                currentAt = offset;
            }
            current.skipNBytes(offset - currentAt);
            byte[] b = current.readNBytes(length);
            currentAt = offset + b.length;
            if (b.length < length) {
                throw new EOFException();
            }
            return b;
        } catch (IOException e) {
            throw new QuexException(h.path + ", observation " + obs + ", variable " + h.names.get(var)
                    + ": its strL cannot be read (" + (e instanceof EOFException ? "the file is cut short" : e.getMessage()) + ")", e);
        }
    }

    private long key(long v, long o) {
        return o * (k + 1) + v;
    }

    private void add(long key, long offset, int length) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        keys[size] = key;
        offsets[size] = offset;
        lengths[size] = length;
        size++;
    }

    /** GSOs out of Stata's order (not written by Stata, but readable): sort the index by key. */
    private void sort() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        long[] k2 = new long[size];
        long[] o2 = new long[size];
        int[] l2 = new int[size];
        for (int i = 0; i < size; i++) {
            k2[i] = keys[idx[i]];
            o2[i] = offsets[idx[i]];
            l2[i] = lengths[idx[i]];
        }
        keys = k2;
        offsets = o2;
        lengths = l2;
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // reading is over
            }
            current = null;
        }
    }
}
