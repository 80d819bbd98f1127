package org.waymark.engine.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in bytes eight at a time, each eight read as one long: finding line ends was almost half of screening's pass 1
 * on large records as a loop over single bytes, and skipping the strings of a line most of its peek's; reading a JSON
 * string's plain content ({@link PlainStringJsonFactory}); passing over a request body's plain ASCII. Every answer is the one
 * a loop over single bytes gives.
 */
public final class ByteSearch {
    /** Eight bytes of an array read as one long, in the order the search needs: the lowest address in the lowest bits. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The first {@code v} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, byte v, int from, int to) {
        long pattern = broadcast(v);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** How many {@code v} there are in {@code b[0, to)}. */
    public static long count(byte[] b, byte v, int to) {
        long pattern = broadcast(v);
        long n = 0;
        int i = 0;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            n += Long.bitCount(zeroBytes((long) LONGS.get(b, i) ^ pattern));
        }
        for (; i < to; i++) {
            if (b[i] == v) {
                n++;
            }
        }
        return n;
    }

    /**
     * Inside a JSON string, the first byte in {@code b[from, to)} that is not plain content: a quote, a backslash, a control
     * character or a byte beyond ASCII; {@code to} when there is none.
     */
    public static int plainStringEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i);
            long quote = zeroBytes(x ^ broadcast((byte) '"'));
            long backslash = zeroBytes(x ^ broadcast((byte) '\\'));
            // Below 0x20: a byte whose low seven bits plus 0x60 do not reach 0x80, and whose own high bit is clear.
            long control = ~(((x & LOW7) + broadcast((byte) 0x60)) | x | LOW7);
            long stop = quote | backslash | control | (x & HIGH);
            if (stop != 0) {
                return i + (Long.numberOfTrailingZeros(stop) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            // Bytes beyond ASCII are negative.
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return to;
    }

    /**
     * The first byte in {@code b[from, to)} that is a NUL, {@code also} or beyond ASCII; {@code to} when there is none.
     * For checks of a whole body that only plain ASCII lets them pass over ({@code PlainUtf8} in the api).
     */
    public static int asciiEnd(byte[] b, int from, int to, byte also) {
        long pattern = broadcast(also);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i);
            long stop = zeroBytes(x) | zeroBytes(x ^ pattern) | (x & HIGH);
            if (stop != 0) {
                return i + (Long.numberOfTrailingZeros(stop) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            // Bytes beyond ASCII are negative.
            if (c <= 0 || c == also) {
                return i;
            }
        }
        return to;
    }

    private static long broadcast(byte v) {
        return (v & 0xFFL) * 0x0101010101010101L;
    }

    /** The high bit of each byte of {@code x} that is zero, and no other bit (exact, so bits can be counted). */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }
}
