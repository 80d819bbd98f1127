package org.waymark.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eight bytes at a time, the same answers as one byte at a time: every position and alignment, every byte value. */
class ByteSearchTest {
    @Test
    void indexOfAndCountFindWhatALoopFinds() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            byte v = (byte) (random.nextBoolean() ? '\n' : random.nextInt(256));
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int first = -1;
            long count = 0;
            for (int i = 0; i < to; i++) {
                if (b[i] == v) {
                    first = first < 0 && i >= from ? i : first;
                    count++;
                }
            }
            assertEquals(first, ByteSearch.indexOf(b, v, from, to), "round " + round);
            assertEquals(count, ByteSearch.count(b, v, to), "round " + round);
        }
    }

    @Test
    void aPlainStringEndsWhereALoopSaysItDoes() {
        Random random = new Random(13);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Mostly plain text, with the bytes that end a run and their neighbours (0x1F/0x20, 0x21/0x23, 0x5B/0x5D, 0x7F/0x80).
                int r = random.nextInt(40);
                b[i] = (byte) (r == 0 ? '"' : r == 1 ? '\\' : r == 2 ? random.nextInt(0x20) : r == 3 ? 0x80 + random.nextInt(0x80)
                        : r == 4 ? new int[] {0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0xFF}[random.nextInt(7)] : 0x20 + random.nextInt(0x60));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xFF;
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ByteSearch.plainStringEnd(b, from, to), "round " + round);
        }
    }

    @Test
    void asciiEndsWhereALoopSaysItDoes() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            byte also = (byte) (random.nextBoolean() ? '\\' : random.nextInt(0x80));
            for (int i = 0; i < b.length; i++) {
                // Mostly ASCII, with NUL, the byte asked for, bytes beyond ASCII and their neighbours (0x01, 0x7F/0x80, 0xFF).
                int r = random.nextInt(40);
                b[i] = (byte) (r == 0 ? 0 : r == 1 ? also : r == 2 ? 0x80 + random.nextInt(0x80)
                        : r == 3 ? new int[] {0x01, 0x7F, 0x80, 0xFF}[random.nextInt(4)] : 0x01 + random.nextInt(0x7F));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xFF;
                if (c == 0 || c >= 0x80 || b[i] == also) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ByteSearch.asciiEnd(b, from, to, also), "round " + round);
        }
    }
}
