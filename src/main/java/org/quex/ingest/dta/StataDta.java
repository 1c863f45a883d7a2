package org.quex.ingest.dta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.quex.QuexException;
import org.quex.ingest.AssembledRecord;
import org.quex.ingest.RawRecords;

/**
 * Reads Stata .dta files of formats 113, 114, 115 (Stata 8–12), 117 (Stata 13) and 118, 119
 * (Stata 14+), either byte order, as a stream of records of text fields, so that they go through the
 * same typing as CSV (no Java library reads .dta). Layouts: {@link DtaHeader}. Each observation is
 * a record whose line is its number + 1 (as if line 1 were a header). Numbers become their decimal
 * text, Stata's missing values (., .a–.z) become "", fixed strings are decoded strictly (UTF-8 in
 * 118/119, the given code page in 113–117). A value of a variable with a value label becomes the
 * label's text where the set has one (direction 1 → 进口), and stays the number otherwise. strL
 * values are looked up in the file's &lt;strls&gt; ({@link DtaStrLs}).
 *
 * <p>Value labels and strLs lie after the data but are needed to read it: the reader gets them
 * through a {@link SeekableStreamOpener}, while the rows come from the given stream. A file with
 * neither is read from the stream alone. {@link #slice} reads observations [from, to) of a file
 * by seeking to their fixed-width records, so that several tasks can share one large file.
 */
public final class StataDta implements RawRecords {
    private final DtaHeader h;
    private final DtaInput in;
    private final SeekableStreamOpener opener;
    private final long first;
    private final long end;
    private final byte[] row;
    private final int[] widths;
    private Map<Integer, String>[] labels;
    private DtaStrLs strLs;
    private boolean prepared;
    private boolean codes;
    private long read;

    /** Reads the header up to the first observation; {@code codePage} decodes the strings of 113–117. */
    public StataDta(InputStream stream, String path, Charset codePage) {
        this(stream, path, codePage, null);
    }

    /**
     * As {@link #StataDta(InputStream, String, Charset)}; {@code reopen} (null if the file has no
     * value labels or strLs) opens the same file again at a position, for its value labels and strLs.
     */
    public StataDta(InputStream stream, String path, Charset codePage, SeekableStreamOpener reopen) {
        this.in = new DtaInput(stream, 0);
        this.h = DtaHeader.read(in, path, codePage);
        this.opener = reopen;
        this.first = 0;
        this.end = h.observations;
        this.row = new byte[h.rowWidth];
        this.widths = widths(h);
    }

    private StataDta(DtaHeader h, DtaInput in, SeekableStreamOpener opener, long from, long to) {
        this.h = h;
        this.in = in;
        this.opener = opener;
        this.first = from;
        this.end = to;
        this.read = from;
        this.row = new byte[h.rowWidth];
        this.widths = widths(h);
    }

    /**
     * Observations [{@code from}, {@code to}) (0-based) of a file: its header is read from the start,
     * its rows from byte dataOffset + from × row width. Records keep the file's numbering (line =
     * observation + 1), so the records of consecutive slices, concatenated, are the file's records.
     */
    public static StataDta slice(SeekableStreamOpener opener, String path, Charset codePage, long from, long to) {
        DtaHeader h;
        try (DtaInput head = new DtaInput(opener.openAt(0), 0)) {
            h = DtaHeader.read(head, path, codePage);
        } catch (IOException e) {
            throw new QuexException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (from < 0 || to < from || to > h.observations) {
            throw new IllegalArgumentException(path + ": observations [" + from + ", " + to + ") are not within the file's "
                    + h.observations);
        }
        long at = h.dataOffset + from * h.rowWidth;
        try {
            DtaInput rows = new DtaInput(opener.openAt(at), at);
            rows.order(h.order);
            return new StataDta(h, rows, opener, from, to);
        } catch (IOException e) {
            throw new QuexException(path + ": cannot be read from byte " + at + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Cut points that split a file's observations into {@code parts} slices of about equal size:
     * [cuts[i], cuts[i+1]) for i &lt; parts; cuts[0] = 0 and cuts[parts] = N.
     */
    public static long[] cuts(long observations, int parts) {
        long[] c = new long[parts + 1];
        for (int i = 0; i <= parts; i++) {
            c[i] = observations * i / parts;
        }
        return c;
    }

    private static int[] widths(DtaHeader h) {
        int[] w = new int[h.types.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = h.width(i);
        }
        return w;
    }

    /**
     * Numbers as they are, value labels not applied: what a model reads (Stata estimates on the
     * codes, 1 not "进口"). Call before the first row.
     */
    public StataDta codes() {
        this.codes = true;
        return this;
    }

    /** The charset of the file's strings: UTF-8 for 118/119, the code page for 113–117. */
    public Charset charset() {
        return h.charset;
    }

    /** The format number (113–119). */
    public int release() {
        return h.release;
    }

    public List<String> variableNames() {
        return h.names;
    }

    @Override
    public List<String> header() {
        return h.names;
    }

    /** The header and the observations read so far count as lines, so the accounting reads as for text. */
    @Override
    public long linesRead() {
        return 1 + read - first;
    }

    /** N, the file's number of observations. */
    public long observations() {
        return h.observations;
    }

    /** Bytes of one observation in the data: slices cut the data at multiples of it. */
    public int rowWidth() {
        return h.rowWidth;
    }

    /** The byte offset of the first observation. */
    public long dataOffset() {
        return h.dataOffset;
    }

    @Override
    public boolean hasNext() {
        return read < end;
    }

    /** The next observation as a record; its "line" is the observation number (1-based) plus one for the header. */
    @Override
    public AssembledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        prepare();
        long obs = read + 1;
        try {
            in.readFully(row);
        } catch (EOFException e) {
            throw new QuexException(h.path + ": the file ends within observation " + obs + " of " + h.observations
                    + " (it is cut short)", e);
        } catch (IOException e) {
            throw new QuexException(h.path + ": observation " + obs + " cannot be read (" + e.getMessage() + ")", e);
        }
        read++;
        ByteBuffer b = ByteBuffer.wrap(row).order(h.order);
        List<String> fields = new ArrayList<>(h.types.length);
        int at = 0;
        for (int i = 0; i < h.types.length; i++) {
            b.position(at);
            fields.add(value(b, i, at, obs));
            at += widths[i];
        }
        return new AssembledRecord.Record(obs + 1, 1, String.join("\t", fields), fields);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // reading is over
        }
        if (strLs != null) {
            strLs.close();
        }
    }

    /** Before the first row: the value labels the variables use and the strL index, through the opener. */
    @SuppressWarnings("unchecked")
    private void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        boolean needLabels = h.hasValueLabels() && !codes;
        boolean needStrLs = h.hasStrLs() && h.observations > 0;
        if ((needLabels || needStrLs) && opener == null) {
            String what = needStrLs ? "the values of strL variable " + h.names.get(indexOf(DtaHeader.STRL)) + " are"
                    : "the value labels are";
            throw new QuexException(h.path + ": " + what + " stored after the data, and this input cannot be read again "
                    + "from a position");
        }
        if (needLabels) {
            Set<String> wanted = new HashSet<>();
            for (String l : h.labelNames) {
                if (!l.isEmpty()) {
                    wanted.add(l);
                }
            }
            Map<String, Map<Integer, String>> sets;
            try (DtaInput vl = new DtaInput(opener.openAt(h.valueLabelsOffset), h.valueLabelsOffset)) {
                vl.order(h.order);
                sets = DtaValueLabels.read(vl, h, wanted);
            } catch (EOFException e) {
                throw new QuexException(h.path + ": the file ends before its value labels (it is cut short)", e);
            } catch (IOException e) {
                throw new QuexException(h.path + ": the value labels cannot be read (" + e.getMessage() + ")", e);
            }
            labels = new Map[h.types.length];
            for (int i = 0; i < labels.length; i++) {
                // a set named but not defined is allowed (Stata does not require it): the codes stay
                labels[i] = h.labelNames[i].isEmpty() ? null : sets.get(h.labelNames[i]);
            }
        }
        if (needStrLs) {
            strLs = DtaStrLs.index(h, opener);
        }
    }

    private int indexOf(int type) {
        for (int i = 0; i < h.types.length; i++) {
            if (h.types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    private String value(ByteBuffer b, int i, int at, long obs) {
        int t = h.types[i];
        switch (t) {
            case DtaHeader.BYTE -> {
                byte v = b.get();
                return v > 100 ? "" : labelled(i, v, Byte.toString(v));
            }
            case DtaHeader.INT -> {
                short v = b.getShort();
                return v > 32740 ? "" : labelled(i, v, Short.toString(v));
            }
            case DtaHeader.LONG -> {
                int v = b.getInt();
                return v > 2147483620 ? "" : labelled(i, v, Integer.toString(v));
            }
            case DtaHeader.FLOAT -> {
                float v = b.getFloat();
                if (v > 1.701e38f || Float.isNaN(v)) {
                    return "";
                }
                return labelledReal(i, v, v == Math.rint(v) && Math.abs(v) < 1e7f ? Long.toString((long) v)
                        : number(new BigDecimal(Float.toString(v))));
            }
            case DtaHeader.DOUBLE -> {
                double v = b.getDouble();
                if (v > 8.988e307 || Double.isNaN(v)) {
                    return "";
                }
                // whole numbers (codes, amounts stored as double) skip the decimal conversion
                return labelledReal(i, v, v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : number(new BigDecimal(Double.toString(v))));
            }
            case DtaHeader.STRL -> {
                return strLs.value(row, at, i, obs);
            }
            default -> {
                int n = 0;
                while (n < t && row[at + n] != 0) {
                    n++;
                }
                return DtaHeader.decode(row, at, n, h.charset, h.path, "observation " + obs + ", variable "
                        + h.names.get(i), h.release);
            }
        }
    }

    private String labelled(int i, int v, String number) {
        if (labels == null || labels[i] == null) {
            return number;
        }
        String text = labels[i].get(v);
        return text == null ? number : text;
    }

    private String labelledReal(int i, double v, String number) {
        if (labels == null || labels[i] == null || v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            return number;
        }
        return labelled(i, (int) v, number);
    }

    private static String number(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
