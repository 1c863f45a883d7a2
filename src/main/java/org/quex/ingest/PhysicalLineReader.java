package org.quex.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.quex.QuexException;

/**
 * Splits a byte stream into physical lines on byte 0x0A and decodes each line strictly.
 * Splitting before decoding is safe for UTF-8 and GB18030/GBK: no multibyte sequence of either
 * contains 0x0A. A trailing \r is dropped (CRLF files). A byte sequence that is not valid in the
 * charset fails the whole file, naming the file, line and charset: a wrongly decoded file must
 * never reach the lake as replacement characters.
 */
public final class PhysicalLineReader implements Iterator<PhysicalLine> {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final String fileName;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean utf8;
    private final byte[] buffer = new byte[BUFFER];
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private byte[] line = new byte[1024];
    private long lineNumber;
    private PhysicalLine next;
    private long replacementLines;
    private long firstReplacementLine;

    public PhysicalLineReader(InputStream in, String fileName, Charset charset) {
        this.in = in;
        this.fileName = fileName;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Lines whose decoded text holds U+FFFD: the file stored replacement characters itself. */
    public long replacementLines() {
        return replacementLines;
    }

    /** The first line holding U+FFFD, or 0. */
    public long firstReplacementLine() {
        return firstReplacementLine;
    }

    /** Physical lines read so far. */
    public long linesRead() {
        return lineNumber;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public PhysicalLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PhysicalLine l = next;
        next = null;
        return l;
    }

    private PhysicalLine readLine() {
        int length = 0;
        boolean sawNewline = false;
        while (true) {
            if (bufferPos == bufferEnd) {
                if (eof || !fill()) {
                    break;
                }
            }
            byte b = buffer[bufferPos++];
            if (b == 0x0A) {
                sawNewline = true;
                break;
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
        if (!sawNewline && length == 0) {
            return null; // end of file (a final newline does not start another line)
        }
        if (length > 0 && line[length - 1] == 0x0D) {
            length--;
        }
        lineNumber++;
        int start = 0;
        // A UTF-8 byte-order mark is an encoding artefact, not part of the first header name.
        if (lineNumber == 1 && utf8 && length >= 3
                && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        String text;
        if (utf8) {
            // The JDK's String decoding is several times faster than a CharsetDecoder but replaces bad
            // bytes with U+FFFD; only a line holding U+FFFD is decoded strictly again, to tell bad
            // bytes (an error) from a replacement character the file stores itself.
            text = new String(line, start, length - start, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                text = decodeStrictly(start, length);
            }
        } else {
            text = decodeStrictly(start, length);
        }
        if (text.indexOf('\uFFFD') >= 0) {
            if (replacementLines++ == 0) {
                firstReplacementLine = lineNumber;
            }
        }
        return new PhysicalLine(lineNumber, text);
    }

    private String decodeStrictly(int start, int length) {
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new QuexException(fileName + ", line " + lineNumber + ": bytes that are not valid " + charset.name()
                    + " (" + e.getClass().getSimpleName() + "); the file is in another encoding: give it with "
                    + "--encoding UTF-8|GBK|GB18030");
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = n < 0;
                if (n == 0) {
                    return fill();
                }
                return false;
            }
            bufferPos = 0;
            bufferEnd = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ": read failed", e);
        }
    }
}
