package org.quex.ingest.dta;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A stream of a .dta file read field by field: knows its byte position and the file's byte order. */
final class DtaInput implements AutoCloseable {
    private final DataInputStream in;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private long position;

    DtaInput(InputStream in, long position) {
        this.in = new DataInputStream(in);
        this.position = position;
    }

    void order(ByteOrder o) {
        order = o;
    }

    ByteOrder order() {
        return order;
    }

    long position() {
        return position;
    }

    void readFully(byte[] b) throws IOException {
        in.readFully(b);
        position += b.length;
    }

    byte[] bytes(int n) throws IOException {
        byte[] b = new byte[n];
        readFully(b);
        return b;
    }

    /** One byte, or -1 at the end of the file. */
    int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    String ascii(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    void expect(String tag) throws IOException {
        long at = position;
        String got = ascii(tag.length());
        if (!got.equals(tag)) {
            throw new IOException("expected " + tag + " at byte " + at);
        }
    }

    /** An unsigned integer of 1, 2, 3, 4, 5, 6 or 8 bytes in the file's byte order. */
    long unsigned(int bytes) throws IOException {
        return unsigned(bytes(bytes), 0, bytes, order);
    }

    int int4() throws IOException {
        return ByteBuffer.wrap(bytes(4)).order(order).getInt();
    }

    static long unsigned(byte[] b, int at, int n, ByteOrder order) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int k = order == ByteOrder.BIG_ENDIAN ? i : n - 1 - i;
            v = (v << 8) | (b[at + k] & 0xFFL);
        }
        return v;
    }

    void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new EOFException("the file ends within a section");
        }
        position += n;
    }

    void skipTo(long offset) throws IOException {
        if (offset < position) {
            throw new IOException("section offset " + offset + " lies before byte " + position);
        }
        skip(offset - position);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
