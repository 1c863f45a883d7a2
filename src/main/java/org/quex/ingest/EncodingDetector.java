package org.quex.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.quex.QuexException;

/**
 * Chooses the charset of a raw file. Valid UTF-8 with non-ASCII text is practically never valid
 * GB18030 by accident, and GBK text almost never forms valid UTF-8, so a strict UTF-8 check of the
 * first megabyte decides; the whole file is still decoded strictly afterwards.
 */
public final class EncodingDetector {
    /** How many leading bytes the detection looks at. */
    public static final int SAMPLE_BYTES = 1 << 20;
    public static final Charset GB18030 = Charset.forName("GB18030");

    private EncodingDetector() {
    }

    /** UTF-8 if the sample is strict UTF-8 (a sequence cut at the sample's end is allowed), else GB18030. */
    public static Charset detect(byte[] sample, int length) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample, 0, length);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = utf8.decode(in, out, false);
            if (r.isError()) {
                return GB18030;
            }
            if (r.isUnderflow()) {
                return StandardCharsets.UTF_8;
            }
            out.clear();
        }
    }

    /**
     * The charset an --encoding value names. GBK is read with Java's GB18030, a superset that decodes
     * every GBK byte sequence identically and also the few characters GBK files carry in practice.
     */
    public static Charset named(String encoding) {
        return switch (encoding.toUpperCase(Locale.ROOT).replace("_", "-")) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "GB18030", "GB2312", "CP936" -> GB18030;
            default -> throw new QuexException("--encoding " + encoding + " is not supported (UTF-8, GBK or GB18030)");
        };
    }
}
