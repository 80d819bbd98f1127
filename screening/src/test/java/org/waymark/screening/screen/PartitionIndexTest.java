package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patient's lines, read in spans of neighbouring lines, come out as each line's own bytes, in the order asked; lines of
 * one span share its buffer, blank between them.
 */
class PartitionIndexTest {
    @TempDir
    Path dir;

    @Test
    void linesNearTogetherApartOutOfOrderAndLargeReadAsTheirOwnBytes() throws IOException {
        Random random = new Random(3);
        byte[] file = new byte[3 * LineBlocks.BLOCK];
        random.nextBytes(file);
        Path partition = dir.resolve("part");
        Files.write(partition, file);
        List<PartitionIndex.Indexed> lines = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < 400; i++) {
            // Mostly neighbours a header apart; sometimes far apart, or back before the last line, or longer than a span.
            int length = i % 97 == 0 ? LineBlocks.BLOCK + 10 : 1 + random.nextInt(2_000);
            at = i % 13 == 0 ? random.nextInt(file.length / 2) : at + random.nextInt(i % 7 == 0 ? 10_000 : 60);
            if (at + length > file.length) {
                at = 0;
            }
            lines.add(new PartitionIndex.Indexed("f", i, false, at, length));
            at += length;
        }
        try (FileChannel channel = FileChannel.open(partition, StandardOpenOption.READ)) {
            List<PatientScreener.Line> read = PartitionIndex.read(PartitionIndex.of(channel), lines);
            assertEquals(lines.size(), read.size());
            int shared = 0;
            for (int i = 0; i < lines.size(); i++) {
                PartitionIndex.Indexed s = lines.get(i);
                PatientScreener.Line line = read.get(i);
                assertEquals(s.line(), line.line());
                assertArrayEquals(Arrays.copyOfRange(file, (int) s.offset(), (int) s.end()),
                        Arrays.copyOfRange(line.utf8(), line.offset(), line.offset() + line.length()), "line " + i);
                if (i > 0 && read.get(i - 1).utf8() == line.utf8()) {
                    // Lines read with one call share its buffer, blank between them, so they read as one run of values.
                    shared++;
                    int from = read.get(i - 1).offset() + read.get(i - 1).length();
                    for (int b = from; b < line.offset(); b++) {
                        assertEquals(' ', line.utf8()[b], "between lines " + (i - 1) + " and " + i);
                    }
                }
            }
            assertTrue(shared > 100, "lines read together: " + shared);
            List<PartitionIndex.Indexed> pastTheEnd = List.of(new PartitionIndex.Indexed("f", 1, false, file.length - 5, 10));
            assertThrows(IOException.class, () -> PartitionIndex.read(PartitionIndex.of(channel), pastTheEnd));
        }
    }

    @Test
    void linesOfAPartitionReadWholeAreTheirOwnBytesWhereTheyLie() throws IOException {
        byte[] partition = "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<PartitionIndex.Indexed> lines = List.of(new PartitionIndex.Indexed("f", 3, false, 16, 7), new PartitionIndex.Indexed("f", 1, false, 0, 7));
        List<PatientScreener.Line> read = PartitionIndex.read(partition, lines);
        assertEquals(List.of("{\"c\":3}", "{\"a\":1}"), read.stream().map(PatientScreener.Line::json).toList());
        assertSame(partition, read.get(0).utf8(), "kept where it lies, not copied");
        assertEquals(List.of(3L, 1L), read.stream().map(PatientScreener.Line::line).toList());
        IOException pastTheEnd = assertThrows(IOException.class, () -> PartitionIndex.read(partition, List.of(new PartitionIndex.Indexed("f", 4, false, 20, 7))));
        assertTrue(pastTheEnd.getMessage().startsWith("partition file ends early"), pastTheEnd.getMessage());
    }

    @Test
    void byPatientGroupsLinesWithTheirOriginsAndWhereTheirJsonLies() throws Exception {
        // Index lines as pass 1 writes them: file, line, patient, offset and length in the data file.
        String[] index = {"a.ndjson\t3\tPatient/1\tp\t0\t7", "b.ndjson\t1\tPatient/2\tp\t8\t8",
            "a.ndjson\t123456789012345678\tPatient/1\tp\t17\t2", "b.ndjson\t2\tPatient/1\tp\t20\t3",
            "a.ndjson\t1234567890123456789\tPatient/2\tp\t24\t2"};
        byte[] data = "{\"x\":1}\n{\"y\":22}\n{}\n[3]\n{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path indexFile = dir.resolve("part.index");
        Files.writeString(indexFile, String.join("\n", index) + "\n");
        List<List<PartitionIndex.Indexed>> patients = PartitionIndex.byPatient(indexFile);
        List<String> seen = new ArrayList<>();
        for (List<PartitionIndex.Indexed> patient : patients) {
            List<String> each = new ArrayList<>();
            for (PartitionIndex.Indexed l : patient) {
                each.add(l.file() + ":" + l.line() + "=" + new String(data, (int) l.offset(), l.length(), java.nio.charset.StandardCharsets.UTF_8));
            }
            seen.add(String.join(" ", each));
        }
        assertEquals(List.of("a.ndjson:3={\"x\":1} a.ndjson:123456789012345678={} b.ndjson:2=[3]",
                "a.ndjson:1234567890123456789={} b.ndjson:1={\"y\":22}"), seen);
        assertSame(patients.get(0).get(0).file(), patients.get(1).get(0).file());

        Files.writeString(indexFile, "a.ndjson\t5\tPatient/1\ti\t40\t2\n");
        assertEquals(List.of(List.of(new PartitionIndex.Indexed("a.ndjson", 5, true, 40, 2))), PartitionIndex.byPatient(indexFile),
                "a line read where it lies in its input file");
        Files.writeString(indexFile, "a.ndjson\t1x\tPatient/1\tp\t0\t2\n");
        assertThrows(NumberFormatException.class, () -> PartitionIndex.byPatient(indexFile));
        for (String damagedLine : List.of("a.ndjson\t1\tPatient/1\tp\t0\n", "a.ndjson\t1\tPatient/1\tx\t0\t2\n", "a.ndjson\t1\tPatient/1\t0\t2\n")) {
            Files.writeString(indexFile, damagedLine);
            IOException damaged = assertThrows(IOException.class, () -> PartitionIndex.byPatient(indexFile), damagedLine);
            assertTrue(damaged.getMessage().contains("line 1 is damaged"), damaged.getMessage());
        }
    }
}
