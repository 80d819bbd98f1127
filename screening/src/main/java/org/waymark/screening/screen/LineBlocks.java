package org.waymark.screening.screen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.waymark.engine.json.ByteSearch;

/**
 * Reads a file as blocks of whole lines (bytes, never decoded to text here), so lines can be handed to workers
 * and copied without a character round trip. A block is about {@link #BLOCK} bytes; a line longer than
 * the given maximum (pass 1: {@link #MAX_LINE}) is never held: it is reported through {@link Sink#tooLong} and skipped, so one giant line
 * cannot exhaust the heap.
 */
final class LineBlocks {
    /** Under half a G1 region of a 1 GiB heap, so blocks are not humongous objects (which start old-generation cycles). */
    static final int BLOCK = 256 << 10;
    static final int MAX_LINE = 16 << 20;

    /**
     * Whole lines: {@code bytes[0, length)} ends with a newline (or the end of the file); {@code firstLine} is 1-based.
     * {@code bytes} is the reading buffer, and may be longer than {@code length}.
     */
    record Block(byte[] bytes, int length, long firstLine, long offset) {
        /** Calls {@code each} for every line, without its line ending. */
        void lines(LineConsumer each) throws IOException {
            long n = firstLine;
            int start = 0;
            while (start < length) {
                int end = ByteSearch.indexOf(bytes, (byte) '\n', start, length);
                int stop = end < 0 ? length : end;
                int trimmed = stop > start && bytes[stop - 1] == '\r' ? stop - 1 : stop;
                each.line(bytes, start, trimmed - start, n++, offset + start);
                start = stop + 1;
            }
        }
    }

    @FunctionalInterface
    interface LineConsumer {
        void line(byte[] bytes, int off, int len, long lineNumber, long fileOffset) throws IOException;
    }

    interface Sink {
        void block(Block block) throws IOException, InterruptedException;

        /**
         * False for a sink that is done with a block when {@link #block} returns (it hands no block on): the next block is
         * read into the same buffer. A sink that keeps blocks gets a new buffer each time.
         */
        default boolean keepsBlocks() {
            return true;
        }

        void tooLong(long lineNumber) throws IOException;
    }

    private LineBlocks() {
    }

    static void read(Path file, int maxLine, Sink sink) throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(file)) {
            read(in, maxLine, sink);
        }
    }

    /** Reads {@code in} to its end (the caller closes it). */
    static void read(InputStream in, int maxLine, Sink sink) throws IOException, InterruptedException {
        byte[] buf = new byte[BLOCK];
        int filled = 0;
        long line = 1;
        long offset = 0;
        boolean discarding = false;
        while (true) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                if (filled > 0 && !discarding) {
                    // Nothing is read into the buffer after this: the sink may keep it.
                    sink.block(new Block(buf, filled, line, offset));
                }
                return;
            }
            filled += n;
            if (discarding) {
                int nl = ByteSearch.indexOf(buf, (byte) '\n', 0, filled);
                if (nl < 0) {
                    offset += filled;
                    filled = 0;
                    continue;
                }
                discarding = false;
                line++;
                offset += nl + 1;
                filled = shift(buf, nl + 1, filled);
            }
            int last = lastIndexOf(buf, (byte) '\n', filled);
            if (last < 0) {
                if (filled < buf.length) {
                    continue;
                }
                if (buf.length > maxLine) {
                    sink.tooLong(line);
                    discarding = true;
                    offset += filled;
                    filled = 0;
                    buf = new byte[BLOCK];
                } else {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine + 1));
                }
                continue;
            }
            sink.block(new Block(buf, last + 1, line, offset));
            line += ByteSearch.count(buf, (byte) '\n', last + 1);
            offset += last + 1;
            if (sink.keepsBlocks()) {
                // The block is the sink's now: the next is read into a new buffer, which takes only the unfinished line
                // (not a copy of the whole block).
                byte[] next = new byte[filled - last - 1 < BLOCK ? BLOCK : buf.length];
                System.arraycopy(buf, last + 1, next, 0, filled - last - 1);
                filled -= last + 1;
                buf = next;
            } else {
                filled = shift(buf, last + 1, filled);
                if (buf.length > BLOCK && filled < BLOCK) {
                    buf = Arrays.copyOf(buf, BLOCK);
                }
            }
        }
    }

    private static int shift(byte[] buf, int from, int filled) {
        System.arraycopy(buf, from, buf, 0, filled - from);
        return filled - from;
    }

    private static int lastIndexOf(byte[] b, byte v, int to) {
        for (int i = to - 1; i >= 0; i--) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
