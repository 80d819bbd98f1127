package org.waymark.screening.screen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain NDJSON input files, from which pass 2 reads each line at the offset pass 1 indexed, rather than from a copy
 * pass 1 wrote: no line of such a file is written again. A file is mapped read-only into memory, so a read is a copy from
 * the page cache without a system call; it is mapped in {@link #CHUNK}-sized pieces that overlap by more than a read can
 * be long, so every read falls within one piece. A file the system will not map (some network or user-space file
 * systems) is read a call at a time instead. Shared by pass 2's workers: reads move no position.
 */
final class InputBytes implements AutoCloseable {
    /** Lines longer than {@link LineBlocks#MAX_LINE} are never indexed, and runs read at once are shorter still. */
    static final long CHUNK = 1L << 30;
    private static final long OVERLAP = 2L * LineBlocks.MAX_LINE;

    /** One input file: mapped in pieces, or else open to be read a call at a time. */
    private record Input(MappedByteBuffer[] pieces, FileChannel channel) {
    }

    private final Map<String, Input> byName = new HashMap<>();

    private InputBytes() {
    }

    /** Whether pass 2 can read {@code file}'s lines where they lie: a plain (not gzipped) NDJSON file. */
    static boolean readsAgain(Path file) {
        return InputFiles.isNdjson(file) && !file.getFileName().toString().endsWith(".gz");
    }

    /** The input files pass 2 reads lines in, by name: those of {@code files} that {@link #readsAgain}, mapped where possible. */
    static InputBytes map(List<Path> files) throws IOException {
        return open(files, true);
    }

    /** As {@link #map}, or ({@code map} false) with every file read a call at a time, as one that cannot be mapped is. */
    static InputBytes open(List<Path> files, boolean map) throws IOException {
        InputBytes inputs = new InputBytes();
        try {
            for (Path f : files) {
                if (readsAgain(f)) {
                    inputs.byName.put(f.getFileName().toString(), input(f, map));
                }
            }
        } catch (IOException | RuntimeException e) {
            inputs.close();
            throw e;
        }
        return inputs;
    }

    private static Input input(Path f, boolean map) throws IOException {
        FileChannel channel = FileChannel.open(f, StandardOpenOption.READ);
        if (!map) {
            return new Input(null, channel);
        }
        try (channel) {
            long size = channel.size();
            MappedByteBuffer[] pieces = new MappedByteBuffer[(int) Math.max(1, (size + CHUNK - 1) / CHUNK)];
            for (int k = 0; k < pieces.length; k++) {
                long from = k * CHUNK;
                pieces[k] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(size - from, CHUNK + OVERLAP));
            }
            return new Input(pieces, null);
        } catch (IOException | UnsupportedOperationException notMapped) {
            return new Input(null, FileChannel.open(f, StandardOpenOption.READ));
        }
    }

    /** {@code length} bytes of input file {@code name} from {@code offset}, in a new array. */
    byte[] read(String name, long offset, int length) throws IOException {
        Input input = byName.get(name);
        if (input == null) {
            throw new IOException("input file " + name + " is not among the inputs pass 1 read: delete the output's .work folder and screen again");
        }
        byte[] out = new byte[length];
        if (input.pieces() == null ? !readAt(input.channel(), offset, out) : !copyAt(input.pieces(), offset, out)) {
            throw new IOException("input file " + name + " is shorter than pass 1 read it: it changed; delete the output's .work folder and screen again");
        }
        return out;
    }

    private static boolean copyAt(MappedByteBuffer[] pieces, long offset, byte[] into) {
        long k = offset / CHUNK;
        int at = (int) (offset % CHUNK);
        if (offset < 0 || k >= pieces.length || into.length > OVERLAP || at + into.length > pieces[(int) k].limit()) {
            return false;
        }
        pieces[(int) k].get(at, into, 0, into.length);
        return true;
    }

    /** Fills {@code into} from {@code channel} at {@code offset}; false when the file ends first. */
    static boolean readAt(FileChannel channel, long offset, byte[] into) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into);
        while (buf.hasRemaining()) {
            if (offset < 0 || channel.read(buf, offset + buf.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Closes the files read a call at a time (a mapping needs no closing). */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (Input input : byName.values()) {
            if (input.channel() != null) {
                try {
                    input.channel().close();
                } catch (IOException e) {
                    failed = e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
