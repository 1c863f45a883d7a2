package org.quex.stata;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.quex.QuexException;

/**
 * Writes Stata .dta files of formats 117 (Stata 13; strings in a code page such as GB18030), 118
 * (Stata 14+) and 119 (118 for more than 32,767 variables; UTF-8), following Stata's "dta" help
 * files (dta_117, dta, dta_119). No Java library writes .dta, hence this class.
 *
 * <p>Rows are streamed: {@link #writeRow} encodes one observation into the fixed-width
 * &lt;data&gt; section and passes it on, so a file of any size is never held in memory. The
 * &lt;map&gt; near the top of the file holds the byte offset of every later section. On a plain
 * {@link OutputStream} it cannot be patched afterwards, so {@link #open(OutputStream, Layout)}
 * computes every offset before the first byte: possible because N, K, the types (hence the row
 * width) and the value labels are known up front. strL values are the exception: their
 * &lt;strls&gt; section lies between the data and the value labels and its size is known only
 * once all rows are written, so strL variables need {@link #open(Path, Layout)}, which writes
 * through a {@link FileChannel}: rows at their place in &lt;data&gt;, strLs after it as they
 * come, the map rewritten at {@link #close()} (the way Stata's documentation recommends).
 *
 * <p>Values of {@link #writeRow}: a {@link Number} for numeric variables ({@code null} or NaN is
 * Stata's missing ".", a {@link Missing} is ".a"–".z"), a {@link String} for str# and strL
 * ({@code null} is ""). A value that does not fit its type fails naming the variable and
 * observation. Numbers are written in the layout's byte order (LSF by default, as Stata writes on
 * Intel machines); no timestamp is written unless the layout gives one, so equal input gives equal
 * bytes.
 */
public final class DtaWriter implements AutoCloseable {
    /** Type codes of formats 117–119 (the &lt;variable_types&gt; section). */
    public static final int STRL = 32768;
    public static final int DOUBLE = 65526;
    public static final int FLOAT = 65527;
    public static final int LONG = 65528;
    public static final int INT = 65529;
    public static final int BYTE = 65530;

    private static final int MAX_BYTE = 100;
    private static final int MAX_INT = 32740;
    private static final int MAX_LONG = 2147483620;
    private static final float MAX_FLOAT = Float.intBitsToFloat(0x7effffff);
    private static final double MAX_DOUBLE = Double.longBitsToDouble(0x7fdfffffffffffffL);

    /** A Stata storage type: byte, int, long, float, double, str1–str2045 or strL. */
    public record Type(int code) {
        public static final Type BYTE = new Type(DtaWriter.BYTE);
        public static final Type INT = new Type(DtaWriter.INT);
        public static final Type LONG = new Type(DtaWriter.LONG);
        public static final Type FLOAT = new Type(DtaWriter.FLOAT);
        public static final Type DOUBLE = new Type(DtaWriter.DOUBLE);
        public static final Type STRL = new Type(DtaWriter.STRL);

        public Type {
            if (!(code >= 1 && code <= 2045) && code != DtaWriter.STRL && (code < DtaWriter.DOUBLE || code > DtaWriter.BYTE)) {
                throw new IllegalArgumentException("not a Stata type code: " + code);
            }
        }

        /** str{@code width}: a fixed string of up to {@code width} bytes (1–2045). */
        public static Type str(int width) {
            if (width < 1 || width > 2045) {
                throw new IllegalArgumentException("str# width must be 1–2045, not " + width);
            }
            return new Type(width);
        }

        public boolean numeric() {
            return code >= DtaWriter.DOUBLE;
        }

        public boolean strL() {
            return code == DtaWriter.STRL;
        }

        /** Bytes of one value in &lt;data&gt; (a strL is an 8-byte (v,o) reference). */
        public int width() {
            return switch (code) {
                case DtaWriter.BYTE -> 1;
                case DtaWriter.INT -> 2;
                case DtaWriter.LONG, DtaWriter.FLOAT -> 4;
                case DtaWriter.DOUBLE, DtaWriter.STRL -> 8;
                default -> code;
            };
        }

        /** Stata's name for the type: byte, …, str12, strL. */
        public String stataName() {
            return switch (code) {
                case DtaWriter.BYTE -> "byte";
                case DtaWriter.INT -> "int";
                case DtaWriter.LONG -> "long";
                case DtaWriter.FLOAT -> "float";
                case DtaWriter.DOUBLE -> "double";
                case DtaWriter.STRL -> "strL";
                default -> "str" + code;
            };
        }

        /** The display format Stata gives a new variable of this type. */
        String defaultFormat() {
            return switch (code) {
                case DtaWriter.BYTE, DtaWriter.INT -> "%8.0g";
                case DtaWriter.LONG -> "%12.0g";
                case DtaWriter.FLOAT -> "%9.0g";
                case DtaWriter.DOUBLE -> "%10.0g";
                case DtaWriter.STRL -> "%9s";
                default -> "%" + Math.max(9, code) + "s";
            };
        }
    }

    /**
     * A variable: its name, storage type, variable label (null for none) and the name of the
     * value-label set attached to it (null for none; numeric variables only).
     */
    public record Variable(String name, Type type, String label, String valueLabelName) {
        public Variable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        public Variable(String name, Type type) {
            this(name, type, null, null);
        }
    }

    /** One of Stata's extended missing values .a–.z (plain "." is {@code null}). */
    public record Missing(char letter) {
        public Missing {
            if (letter < 'a' || letter > 'z') {
                throw new IllegalArgumentException("Stata's extended missing values are .a–.z, not ." + letter);
            }
        }

        /** 0 for ".", 1 for ".a", …, 26 for ".z". */
        int index() {
            return letter - 'a' + 1;
        }
    }

    /**
     * Everything about a file that is fixed before its rows.
     *
     * @param release     117, 118 or 119
     * @param order       byte order of numbers (Stata on Intel writes little-endian, LSF)
     * @param codePage    the charset of names, labels and strings in 117 (e.g. GB18030); 118/119
     *                    are UTF-8 whatever is given
     * @param dataLabel   the dataset label (null for none)
     * @param timestamp   written as "dd Mon yyyy hh:mm", or null for none
     * @param variables   the variables in order
     * @param rows        N, the number of observations that will be written
     * @param valueLabels label sets by name: value → text
     */
    public record Layout(int release, ByteOrder order, Charset codePage, String dataLabel, LocalDateTime timestamp,
                         List<Variable> variables, long rows, Map<String, Map<Integer, String>> valueLabels) {
        public Layout {
            Objects.requireNonNull(order, "order");
            variables = List.copyOf(variables);
            valueLabels = valueLabels == null ? Map.of() : valueLabels;
        }

        public Layout(int release, Charset codePage, List<Variable> variables, long rows,
                      Map<String, Map<Integer, String>> valueLabels) {
            this(release, ByteOrder.LITTLE_ENDIAN, codePage, null, null, variables, rows, valueLabels);
        }

        public Layout withOrder(ByteOrder o) {
            return new Layout(release, o, codePage, dataLabel, timestamp, variables, rows, valueLabels);
        }

        public Layout withDataLabel(String label) {
            return new Layout(release, order, codePage, label, timestamp, variables, rows, valueLabels);
        }

        public Layout withTimestamp(LocalDateTime t) {
            return new Layout(release, order, codePage, dataLabel, t, variables, rows, valueLabels);
        }

        /** The charset strings are written in: the code page for 117, UTF-8 for 118 and 119. */
        public Charset charset() {
            return release == 117 ? (codePage == null ? StandardCharsets.UTF_8 : codePage) : StandardCharsets.UTF_8;
        }
    }

    private final Layout layout;
    private final Charset charset;
    private final ByteOrder order;
    private final List<Variable> vars;
    private final OutputStream data;
    private final OutputStream strls;
    private final ChannelStream strlChannel;
    private final FileChannel channel;
    private final long mapAt;
    private final long dataAt;
    private final long[] map = new long[14];
    private final byte[] valueLabelSection;
    private final ByteBuffer row;
    private final byte[] gsoHeader;
    private long written;
    private boolean closed;

    /** A file on a stream (no strL variables: see the class comment). */
    public static DtaWriter open(OutputStream out, int release, Charset codePage, List<Variable> vars, long rows,
                                 Map<String, Map<Integer, String>> valueLabels) {
        return open(out, new Layout(release, codePage, vars, rows, valueLabels));
    }

    /** A file on a stream; every section offset is computed now. strL variables need {@link #open(Path, Layout)}. */
    public static DtaWriter open(OutputStream out, Layout layout) {
        for (Variable v : layout.variables()) {
            if (v.type().strL()) {
                throw new QuexException("variable " + v.name() + " is a strL: a strL file cannot be written to a "
                        + "stream, its map needs the size of the strLs (write it to a file)");
            }
        }
        return new DtaWriter(out, null, layout);
    }

    /** A file written through a channel, so that strL variables can be written too; the map is filled at close. */
    public static DtaWriter open(Path file, Layout layout) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                return new DtaWriter(null, ch, layout);
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written", e);
        }
    }

    private DtaWriter(OutputStream out, FileChannel channel, Layout layout) {
        int release = layout.release();
        if (release < 117 || release > 119) {
            throw new QuexException("Stata format " + release + " cannot be written (117, 118 or 119)");
        }
        this.layout = layout;
        this.charset = layout.charset();
        this.order = layout.order();
        this.vars = layout.variables();
        this.channel = channel;
        int k = vars.size();
        if (k == 0) {
            throw new QuexException("a .dta file needs at least one variable");
        }
        if (k > 32767 && release != 119) {
            throw new QuexException(k + " variables: formats 117 and 118 hold at most 32,767; write format 119");
        }
        if (layout.rows() < 0 || (release == 117 && layout.rows() > 0xFFFFFFFFL)) {
            throw new QuexException(layout.rows() + " observations do not fit format " + release);
        }
        validate();
        valueLabelSection = valueLabels();

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ascii(head, "<stata_dta><header><release>" + release + "</release><byteorder>"
                + (order == ByteOrder.BIG_ENDIAN ? "MSF" : "LSF") + "</byteorder><K>");
        head.write(number(release == 119 ? 4 : 2, k), 0, release == 119 ? 4 : 2);
        ascii(head, "</K><N>");
        head.write(number(release == 117 ? 4 : 8, layout.rows()), 0, release == 117 ? 4 : 8);
        ascii(head, "</N><label>");
        byte[] label = layout.dataLabel() == null ? new byte[0]
                : encode(layout.dataLabel(), release == 117 ? 80 : 320, "the data label");
        head.write(number(release == 117 ? 1 : 2, label.length), 0, release == 117 ? 1 : 2);
        head.writeBytes(label);
        ascii(head, "</label><timestamp>");
        if (layout.timestamp() == null) {
            head.write(0);
        } else {
            String t = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm", Locale.ENGLISH).format(layout.timestamp());
            head.write(t.length());
            ascii(head, t);
        }
        ascii(head, "</timestamp></header>");
        mapAt = head.size();
        map[1] = mapAt;
        ascii(head, "<map>");
        head.writeBytes(new byte[14 * 8]);
        ascii(head, "</map>");
        map[2] = head.size();
        ascii(head, "<variable_types>");
        for (Variable v : vars) {
            head.write(number(2, v.type().code()), 0, 2);
        }
        ascii(head, "</variable_types>");
        int nameWidth = release == 117 ? 33 : 129;
        map[3] = head.size();
        ascii(head, "<varnames>");
        for (Variable v : vars) {
            fixed(head, encode(v.name(), nameWidth - 1, "variable name " + v.name()), nameWidth);
        }
        ascii(head, "</varnames>");
        map[4] = head.size();
        ascii(head, "<sortlist>");
        head.writeBytes(new byte[(k + 1) * (release == 119 ? 4 : 2)]);
        ascii(head, "</sortlist>");
        map[5] = head.size();
        ascii(head, "<formats>");
        for (Variable v : vars) {
            fixed(head, v.type().defaultFormat().getBytes(StandardCharsets.US_ASCII), release == 117 ? 49 : 57);
        }
        ascii(head, "</formats>");
        map[6] = head.size();
        ascii(head, "<value_label_names>");
        for (Variable v : vars) {
            fixed(head, v.valueLabelName() == null ? new byte[0]
                    : encode(v.valueLabelName(), nameWidth - 1, "value label name " + v.valueLabelName()), nameWidth);
        }
        ascii(head, "</value_label_names>");
        int labelWidth = release == 117 ? 81 : 321;
        map[7] = head.size();
        ascii(head, "<variable_labels>");
        for (Variable v : vars) {
            fixed(head, v.label() == null ? new byte[0]
                    : encode(v.label(), labelWidth - 1, "the label of variable " + v.name()), labelWidth);
        }
        ascii(head, "</variable_labels>");
        map[8] = head.size();
        ascii(head, "<characteristics></characteristics>");
        map[9] = head.size();
        ascii(head, "<data>");
        dataAt = head.size();

        int width = 0;
        for (Variable v : vars) {
            width += v.type().width();
        }
        row = ByteBuffer.allocate(width).order(order);
        map[10] = dataAt + layout.rows() * width + "</data>".length();
        gsoHeader = new byte[3 + 4 + (release == 117 ? 4 : 8) + 1 + 4];
        byte[] headBytes = head.toByteArray();
        try {
            if (channel == null) {
                // every offset is known now: <strls></strls> is empty on a stream
                tail(map[10] + "<strls></strls>".length());
                ByteBuffer.wrap(headBytes, (int) mapAt + 5, 14 * 8).order(order).asLongBuffer().put(map);
                this.data = new BufferedOutputStream(out, 1 << 16);
                this.strls = null;
                this.strlChannel = null;
                data.write(headBytes);
            } else {
                channel.write(ByteBuffer.wrap(headBytes), 0);
                this.data = new BufferedOutputStream(new ChannelStream(channel, dataAt), 1 << 16);
                this.strlChannel = new ChannelStream(channel, map[10]);
                this.strls = new BufferedOutputStream(strlChannel, 1 << 16);
                strls.write("<strls>".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the .dta header", e);
        }
    }

    /** The layout the file is written with. */
    public Layout layout() {
        return layout;
    }

    /** Rows written so far. */
    public long rowsWritten() {
        return written;
    }

    /** Writes the next observation: one value per variable, in order (see the class comment for the types). */
    public void writeRow(Object[] values) {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        if (values.length != vars.size()) {
            throw new QuexException("observation " + (written + 1) + ": " + values.length + " values for "
                    + vars.size() + " variables");
        }
        if (written == layout.rows()) {
            throw new QuexException("observation " + (written + 1) + ": the file was opened for " + layout.rows()
                    + " observations");
        }
        row.clear();
        try {
            for (int i = 0; i < values.length; i++) {
                put(i, values[i]);
            }
            data.write(row.array());
        } catch (IOException e) {
            throw new UncheckedIOException("observation " + (written + 1) + " cannot be written", e);
        }
        written++;
    }

    /** Writes the sections after the data (and, on a channel, the map); fails if fewer rows came than announced. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (written != layout.rows()) {
                throw new QuexException("the file was opened for " + layout.rows() + " observations but "
                        + written + " were written");
            }
            data.write("</data>".getBytes(StandardCharsets.US_ASCII));
            data.flush();
            if (channel == null) {
                data.write("<strls></strls>".getBytes(StandardCharsets.US_ASCII));
                data.write(valueLabelSection);
                data.write("</stata_dta>".getBytes(StandardCharsets.US_ASCII));
                data.close();
            } else {
                data.close();
                strls.write("</strls>".getBytes(StandardCharsets.US_ASCII));
                strls.flush();
                tail(strlChannel.position);
                strls.write(valueLabelSection);
                strls.write("</stata_dta>".getBytes(StandardCharsets.US_ASCII));
                strls.close();
                ByteBuffer m = ByteBuffer.allocate(14 * 8).order(order);
                m.asLongBuffer().put(map);
                channel.write(m, mapAt + 5);
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the .dta file", e);
        } finally {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the first failure is the one reported
                }
            }
        }
    }

    /** Fills the map's entries after &lt;strls&gt; once the position of &lt;value_labels&gt; is known. */
    private void tail(long valueLabelsAt) {
        map[11] = valueLabelsAt;
        map[12] = valueLabelsAt + valueLabelSection.length;
        map[13] = map[12] + "</stata_dta>".length();
    }

    private void put(int i, Object v) throws IOException {
        Variable var = vars.get(i);
        int code = var.type().code();
        switch (code) {
            case BYTE -> row.put((byte) integer(var, v, -127, MAX_BYTE, 101));
            case INT -> row.putShort((short) integer(var, v, -32767, MAX_INT, 32741));
            case LONG -> row.putInt((int) integer(var, v, -2147483647L, MAX_LONG, 2147483621L));
            case FLOAT -> {
                if (v instanceof Missing m) {
                    row.putInt(0x7f000000 + (m.index() << 11));
                } else if (v == null || Double.isNaN(number(var, v).doubleValue())) {
                    row.putInt(0x7f000000);
                } else {
                    double d = number(var, v).doubleValue();
                    if (Math.abs(d) > MAX_FLOAT) {
                        throw outOfRange(var, v);
                    }
                    row.putFloat((float) d);
                }
            }
            case DOUBLE -> {
                if (v instanceof Missing m) {
                    row.putLong(0x7fe0000000000000L + ((long) m.index() << 40));
                } else if (v == null || Double.isNaN(number(var, v).doubleValue())) {
                    row.putLong(0x7fe0000000000000L);
                } else {
                    double d = number(var, v).doubleValue();
                    if (d > MAX_DOUBLE || d < -Double.MAX_VALUE || Double.isInfinite(d)) {
                        throw outOfRange(var, v);
                    }
                    row.putDouble(d);
                }
            }
            case STRL -> strL(i, var, text(var, v));
            default -> {
                byte[] s = encode(text(var, v), code, "observation " + (written + 1) + ", variable " + var.name());
                row.put(s);
                for (int p = s.length; p < code; p++) {
                    row.put((byte) 0);
                }
            }
        }
    }

    private void strL(int i, Variable var, String s) throws IOException {
        long o = written + 1;
        int v = i + 1;
        if (s.isEmpty()) {
            row.putLong(0);
            return;
        }
        // (v,o) in <data>: 4+4 bytes in 117, 2+6 in 118, 3+5 in 119, each part in the byte order
        int vBytes = layout.release() == 117 ? 4 : layout.release() == 118 ? 2 : 3;
        byte[] vo = new byte[8];
        put(vo, 0, vBytes, v);
        put(vo, vBytes, 8 - vBytes, o);
        row.put(vo);
        byte[] text = s.getBytes(charset);
        ByteBuffer g = ByteBuffer.wrap(gsoHeader).order(order);
        g.put((byte) 'G').put((byte) 'S').put((byte) 'O').putInt(v);
        if (layout.release() == 117) {
            g.putInt((int) o);
        } else {
            g.putLong(o);
        }
        g.put((byte) 130).putInt(text.length + 1);
        strls.write(gsoHeader);
        strls.write(text);
        strls.write(0);
    }

    /** The low {@code n} bytes of {@code value} in the file's byte order. */
    private void put(byte[] into, int at, int n, long value) {
        for (int b = 0; b < n; b++) {
            int shift = 8 * (order == ByteOrder.BIG_ENDIAN ? n - 1 - b : b);
            into[at + b] = (byte) (value >>> shift);
        }
    }

    private long integer(Variable var, Object v, long min, long max, long missingCode) {
        if (v == null) {
            return missingCode;
        }
        if (v instanceof Missing m) {
            return missingCode + m.index();
        }
        Number n = number(var, v);
        if ((n instanceof Double || n instanceof Float) && Double.isNaN(n.doubleValue())) {
            return missingCode;
        }
        BigDecimal d = n instanceof BigDecimal b ? b : n instanceof BigInteger bi ? new BigDecimal(bi)
                : (n instanceof Double || n instanceof Float) ? new BigDecimal(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new QuexException("observation " + (written + 1) + ", variable " + var.name() + ": " + v
                    + " is not a whole number; a " + var.type().stataName() + " holds integers");
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(var, v);
        }
        return d.longValueExact();
    }

    private QuexException outOfRange(Variable var, Object v) {
        return new QuexException("observation " + (written + 1) + ", variable " + var.name() + ": " + v
                + " is out of the range of a Stata " + var.type().stataName());
    }

    private Number number(Variable var, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new QuexException("observation " + (written + 1) + ", variable " + var.name() + " ("
                + var.type().stataName() + "): expected a number, got " + v.getClass().getSimpleName() + " '" + v + "'");
    }

    private String text(Variable var, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        throw new QuexException("observation " + (written + 1) + ", variable " + var.name() + " ("
                + var.type().stataName() + "): expected a string, got " + v.getClass().getSimpleName() + " '" + v + "'");
    }

    private void validate() {
        Set<String> names = new HashSet<>();
        for (Variable v : vars) {
            if (v.name().isEmpty() || !names.add(v.name())) {
                throw new QuexException(v.name().isEmpty() ? "a variable has an empty name"
                        : "variable " + v.name() + " appears twice");
            }
            if (layout.release() != 117 && v.name().codePointCount(0, v.name().length()) > 32) {
                throw new QuexException("variable name " + v.name() + " is longer than Stata's 32 characters");
            }
            if (v.valueLabelName() != null) {
                if (!v.type().numeric()) {
                    throw new QuexException("variable " + v.name() + " is a " + v.type().stataName()
                            + ": value labels attach to numeric variables only");
                }
                if (!layout.valueLabels().containsKey(v.valueLabelName())) {
                    throw new QuexException("variable " + v.name() + " has value label " + v.valueLabelName()
                            + ", which is not among the value labels given");
                }
            }
        }
    }

    /** &lt;value_labels&gt;…&lt;/value_labels&gt;: one &lt;lbl&gt; per set, sets by name, values ascending. */
    private byte[] valueLabels() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "<value_labels>");
        int nameWidth = layout.release() == 117 ? 33 : 129;
        for (Map.Entry<String, Map<Integer, String>> set : new TreeMap<>(layout.valueLabels()).entrySet()) {
            TreeMap<Integer, String> entries = new TreeMap<>(set.getValue());
            ByteArrayOutputStream txt = new ByteArrayOutputStream();
            List<Integer> offsets = new ArrayList<>();
            for (Map.Entry<Integer, String> e : entries.entrySet()) {
                offsets.add(txt.size());
                txt.writeBytes(encode(e.getValue(), 32000, "value label " + set.getKey() + " " + e.getKey()));
                txt.write(0);
            }
            int n = entries.size();
            int len = 8 + 8 * n + txt.size();
            ascii(out, "<lbl>");
            out.write(number(4, len), 0, 4);
            fixed(out, encode(set.getKey(), nameWidth - 1, "value label name " + set.getKey()), nameWidth);
            out.writeBytes(new byte[3]);
            out.write(number(4, n), 0, 4);
            out.write(number(4, txt.size()), 0, 4);
            for (int off : offsets) {
                out.write(number(4, off), 0, 4);
            }
            for (int value : entries.keySet()) {
                out.write(number(4, value), 0, 4);
            }
            out.writeBytes(txt.toByteArray());
            ascii(out, "</lbl>");
        }
        ascii(out, "</value_labels>");
        return out.toByteArray();
    }

    /** {@code s} in the file's charset, refusing characters it cannot hold and more than {@code max} bytes. */
    private byte[] encode(String s, int max, String what) {
        byte[] b;
        try {
            ByteBuffer e = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
            b = new byte[e.remaining()];
            e.get(b);
        } catch (CharacterCodingException e) {
            throw new QuexException(what + ": '" + s + "' has characters " + charset.name() + " cannot hold");
        }
        if (b.length > max) {
            throw new QuexException(what + ": '" + s + "' is " + b.length + " bytes in " + charset.name()
                    + ", more than the " + max + " the field holds");
        }
        return b;
    }

    private byte[] number(int bytes, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        switch (bytes) {
            case 1 -> b.put((byte) v);
            case 2 -> b.putShort((short) v);
            case 4 -> b.putInt((int) v);
            default -> b.putLong(v);
        }
        return b.array();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code s} then binary zeros up to {@code width} (the zeros end the string when it is shorter). */
    private static void fixed(ByteArrayOutputStream out, byte[] s, int width) {
        out.writeBytes(s);
        out.writeBytes(new byte[width - s.length]);
    }

    /** Writes at a position of a channel, moving on; two of them fill &lt;data&gt; and &lt;strls&gt; side by side. */
    private static final class ChannelStream extends OutputStream {
        private final FileChannel channel;
        private long position;

        ChannelStream(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                position += channel.write(buf, position);
            }
        }

        @Override
        public void close() {
            // the channel is closed by the writer, after the map
        }
    }
}
