package org.waymark.screening.screen;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.waymark.engine.json.ByteSearch;

/**
 * The index of one partition: each patient's lines as origins and byte ranges, not their JSON, so a partition of any
 * size is grouped in little memory and a patient's JSON is read only when it is screened. Pass 1 writes it
 * ({@link Partitioner#indexFile}), so grouping reads no JSON at all; a line lies in its input file or in the partition's
 * data file (see {@link Partitioner}).
 * Patients come in the order of their first line in the input and each patient's lines in input order, which
 * is the order a single-threaded pass 1 wrote them in: the output does not depend on how pass 1 was threaded.
 */
final class PartitionIndex {
    /** One line: its origin, and where its JSON lies: in its input file {@code file} ({@code inInput}), else in the partition's data file. */
    record Indexed(String file, long line, boolean inInput, long offset, int length) {
        long end() {
            return offset + length;
        }
    }

    /** The most one read call takes in: a LineBlocks block, so no buffer is a humongous object. */
    private static final int SPAN = LineBlocks.BLOCK;
    /** Bytes between two lines (a line end, or a few lines of other patients) read past rather than making another call. */
    private static final int GAP = 4096;

    /**
     * By file, then line. Written out rather than composed from key extractors, which cost several calls per comparison
     * at C1 (screening runs with C1 only); a file's name is one String instance here ({@link #byPatient}), so most
     * comparisons compare lines only.
     */
    private static final Comparator<Indexed> INPUT_ORDER = (a, b) -> {
        int byFile = a.file() == b.file() ? 0 : a.file().compareTo(b.file());
        return byFile != 0 ? byFile : Long.compare(a.line(), b.line());
    };

    private PartitionIndex() {
    }

    /** Where lines are read from: a file, by offset and length. */
    @FunctionalInterface
    interface Source {
        byte[] read(long offset, int length) throws IOException;
    }

    /** The file open in {@code channel}, read a call at a time. */
    static Source of(FileChannel channel) {
        return (offset, length) -> read(channel, offset, length);
    }

    /**
     * The JSON of {@code lines}, all in one file, in their order, as lines of the patient. Lines that lie close together in
     * the file (a patient's lines from one input file follow each other) are read with one call, not one each, into one
     * buffer that the lines share (not copied out of it); the bytes between them there (line ends, other patients' lines)
     * are blanked to spaces, so the lines of a buffer read as one run of JSON values ({@link LineRun}).
     */
    static List<PatientScreener.Line> read(Source source, List<Indexed> lines) throws IOException {
        List<PatientScreener.Line> out = new ArrayList<>(lines.size());
        for (int from = 0, to; from < lines.size(); from = to) {
            Indexed first = lines.get(from);
            long end = first.end();
            for (to = from + 1; to < lines.size(); to++) {
                Indexed next = lines.get(to);
                if (next.offset() < end || next.offset() - end > GAP || next.end() - first.offset() > SPAN) {
                    break;
                }
                end = next.end();
            }
            byte[] span = source.read(first.offset(), (int) (end - first.offset()));
            int blankFrom = 0;
            for (int i = from; i < to; i++) {
                Indexed line = lines.get(i);
                int at = (int) (line.offset() - first.offset());
                Arrays.fill(span, blankFrom, at, (byte) ' ');
                blankFrom = at + line.length();
                out.add(PatientScreener.Line.ofUtf8(line.file(), line.line(), span, at, line.length()));
            }
        }
        return out;
    }

    /**
     * The JSON of {@code lines}, in their order, from the whole partition file read into {@code partition}: each line is
     * kept where it lies there, not copied. Lines that follow one another in the file, a newline between them, read as one
     * run of JSON values ({@link LineRun}); others each alone.
     */
    static List<PatientScreener.Line> read(byte[] partition, List<Indexed> lines) throws IOException {
        List<PatientScreener.Line> out = new ArrayList<>(lines.size());
        for (Indexed line : lines) {
            if (line.end() > partition.length) {
                throw new IOException("partition file ends early: delete the output's .work folder and screen again");
            }
            out.add(PatientScreener.Line.ofUtf8(line.file(), line.line(), partition, (int) line.offset(), line.length()));
        }
        return out;
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        byte[] out = new byte[length];
        if (!InputBytes.readAt(channel, offset, out)) {
            throw new IOException("partition file ends early: delete the output's .work folder and screen again");
        }
        return out;
    }

    /** The number written at {@code bytes[from, to)}: plain digits read here, anything else as {@link Long#parseLong} reads it. */
    private static long number(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to && to - from <= 18; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                break;
            }
            n = n * 10 + bytes[i] - '0';
            if (i == to - 1) {
                return n;
            }
        }
        return Long.parseLong(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
    }

    /** The lines of the partition whose index is {@code index}, by patient (see the class comment for the order). */
    static List<List<Indexed>> byPatient(Path index) throws IOException, InterruptedException {
        Map<String, List<Indexed>> byPatient = new HashMap<>();
        Map<String, String> files = new HashMap<>();
        LineBlocks.read(index, LineBlocks.MAX_LINE, new LineBlocks.Sink() {
            /** The last line's file name, as bytes and as its String: a partition's lines come in runs from one input file. */
            private byte[] lastName;
            private String lastFile;

            @Override
            public void block(LineBlocks.Block block) throws IOException {
                block.lines((bytes, off, len, n, offset) -> {
                    int end = off + len;
                    int t1 = ByteSearch.indexOf(bytes, (byte) '\t', off, end);
                    int t2 = t1 < 0 ? -1 : ByteSearch.indexOf(bytes, (byte) '\t', t1 + 1, end);
                    int t3 = t2 < 0 ? -1 : ByteSearch.indexOf(bytes, (byte) '\t', t2 + 1, end);
                    int t4 = t3 < 0 ? -1 : ByteSearch.indexOf(bytes, (byte) '\t', t3 + 1, end);
                    int t5 = t4 < 0 ? -1 : ByteSearch.indexOf(bytes, (byte) '\t', t4 + 1, end);
                    boolean inInput = t4 == t3 + 2 && bytes[t3 + 1] == 'i';
                    if (t5 < 0 || !(inInput || t4 == t3 + 2 && bytes[t3 + 1] == 'p')) {
                        throw new IOException("partition index " + index.getFileName() + " line " + n
                                + " is damaged: delete the output's .work folder and screen again");
                    }
                    if (lastName == null || !Arrays.equals(bytes, off, t1, lastName, 0, lastName.length)) {
                        lastFile = files.computeIfAbsent(new String(bytes, off, t1 - off, StandardCharsets.UTF_8), f -> f);
                        lastName = Arrays.copyOfRange(bytes, off, t1);
                    }
                    String patient = new String(bytes, t2 + 1, t3 - t2 - 1, StandardCharsets.UTF_8);
                    byPatient.computeIfAbsent(patient, k -> new ArrayList<>()).add(new Indexed(lastFile, number(bytes, t1 + 1, t2), inInput,
                            number(bytes, t4 + 1, t5), Math.toIntExact(number(bytes, t5 + 1, end))));
                });
            }

            @Override
            public boolean keepsBlocks() {
                return false; // only origins and offsets are kept, not the bytes: no copy of each block
            }

            @Override
            public void tooLong(long line) throws IOException {
                throw new IOException("partition index " + index.getFileName() + " line " + line + " is damaged");
            }
        });
        List<List<Indexed>> patients = new ArrayList<>(byPatient.values());
        patients.forEach(lines -> lines.sort(INPUT_ORDER));
        patients.sort(Comparator.comparing(lines -> lines.get(0), INPUT_ORDER));
        return patients;
    }
}
