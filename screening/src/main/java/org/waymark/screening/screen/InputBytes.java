package org.waymark.screening.screen;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain NDJSON input files, mapped read-only into memory for pass 2, which reads each line there, at the offset pass
 * 1 indexed, rather than from a copy pass 1 wrote: no line of such a file is written again. Reading copies from the
 * page cache without a system call per read. A file is mapped in {@link #CHUNK}-sized pieces that overlap by more than a
 * read can be long, so every read falls within one piece. Shared by pass 2's workers (reads do not move any position).
 */
final class InputBytes {
    /** Lines longer than {@link LineBlocks#MAX_LINE} are never indexed, and runs read at once are shorter still. */
    static final long CHUNK = 1L << 30;
    private static final long OVERLAP = 2L * LineBlocks.MAX_LINE;

    private final Map<String, MappedByteBuffer[]> byName = new HashMap<>();

    private InputBytes() {
    }

    /** Whether pass 2 can read {@code file}'s lines where they lie: a plain (not gzipped) NDJSON file. */
    static boolean readsAgain(Path file) {
        return InputFiles.isNdjson(file) && !file.getFileName().toString().endsWith(".gz");
    }

    /** The input files pass 2 reads lines in, by name: those of {@code files} that {@link #readsAgain}. */
    static InputBytes map(List<Path> files) throws IOException {
        InputBytes inputs = new InputBytes();
        for (Path f : files) {
            if (!readsAgain(f)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
                long size = channel.size();
                MappedByteBuffer[] pieces = new MappedByteBuffer[(int) Math.max(1, (size + CHUNK - 1) / CHUNK)];
                for (int k = 0; k < pieces.length; k++) {
                    long from = k * CHUNK;
                    pieces[k] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(size - from, CHUNK + OVERLAP));
                }
                inputs.byName.put(f.getFileName().toString(), pieces);
            }
        }
        return inputs;
    }

    /** {@code length} bytes of input file {@code name} from {@code offset}, in a new array. */
    byte[] read(String name, long offset, int length) throws IOException {
        MappedByteBuffer[] pieces = byName.get(name);
        if (pieces == null) {
            throw new IOException("input file " + name + " is not among the inputs pass 1 read: delete the output's .work folder and screen again");
        }
        long k = offset / CHUNK;
        int at = (int) (offset % CHUNK);
        if (offset < 0 || k >= pieces.length || length > OVERLAP || at + length > pieces[(int) k].limit()) {
            throw new IOException("input file " + name + " is shorter than pass 1 read it: it changed; delete the output's .work folder and screen again");
        }
        byte[] out = new byte[length];
        pieces[(int) k].get(at, out, 0, length);
        return out;
    }
}
