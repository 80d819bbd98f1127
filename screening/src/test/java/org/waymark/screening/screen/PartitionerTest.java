package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass 1 of screening: each line goes to its patient's partition with its origin; a line whose patient cannot be found
 * is reported, not spilled; a line is read only as far as its patient.
 */
class PartitionerTest {
    @Test
    void everyLineOfAPatientLandsInOnePartitionWithItsOrigin(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add("{\"resourceType\":\"Patient\",\"id\":\"p" + i + "\"}");
            lines.add("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p" + i + "\"}}");
            lines.add("{\"resourceType\":\"MedicationRequest\",\"subject\":{\"reference\":\"https://fhir.example/Patient/p" + i + "\"}}");
        }
        Files.write(input.resolve("a.ndjson"), lines);
        // Only *.ndjson and *.json (optionally .gz) are inputs.
        Files.writeString(input.resolve("ignored.txt"), "{\"resourceType\":\"Patient\",\"id\":\"x\"}\n");
        AtomicLong read = new AtomicLong();

        List<SkippedLine> skipped = Partitioner.partition(input, tmp.resolve("work"), 4, read::addAndGet).skipped();

        assertEquals(List.of(), skipped);
        assertEquals(60, read.get());
        Map<String, Integer> partitionOf = new HashMap<>();
        int spilled = 0;
        for (int p = 0; p < 4; p++) {
            for (String row : spilled(input, tmp.resolve("work"), p)) {
                String[] cols = row.split("\t", 4);
                assertEquals("a.ndjson", cols[0]);
                int lineNo = Integer.parseInt(cols[1]);
                assertEquals(lines.get(lineNo - 1), cols[3]);
                Integer earlier = partitionOf.putIfAbsent(cols[2], p);
                assertEquals(earlier == null ? p : earlier, p, "patient " + cols[2] + " split across partitions");
                spilled++;
            }
        }
        assertEquals(60, spilled);
        assertEquals(20, partitionOf.size());
        assertTrue(partitionOf.values().stream().distinct().count() > 1, "20 patients all hashed to one of 4 partitions");
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndSkipped(@TempDir Path tmp) throws Exception {
        Path input = input(tmp, "b.ndjson",
                "{\"resourceType\":\"Patient\",\"id\":\"p1\"}",
                "",
                "not json",
                "{\"id\":\"no-type\"}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"urn:uuid:1234\"}}",
                "{\"resourceType\":\"Patient\"}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p1\"}}",
                "{\"resourceType\":\"Observation\",\"subj",
                // An id with a control character (escaped in the JSON) is no FHIR id, and would break its index line.
                "{\"resourceType\":\"Patient\",\"id\":\"a\\tb\"}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/a\\nb\"}}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"https://h/fhir/Patient/a\\u0009b\"}}");

        List<SkippedLine> skipped = Partitioner.partition(input, tmp.resolve("work"), 2, n -> { }).skipped();

        assertEquals(List.of(3L, 4L, 5L, 6L, 8L, 9L, 10L, 11L), skipped.stream().map(SkippedLine::line).toList());
        assertTrue(skipped.stream().allMatch(s -> s.file().equals("b.ndjson")));
        assertTrue(skipped.get(0).reason().startsWith("not valid JSON"), skipped.get(0).reason());
        assertEquals("no resourceType", skipped.get(1).reason());
        assertTrue(skipped.get(2).reason().startsWith("Condition names no patient"), skipped.get(2).reason());
        assertEquals("Patient without an id", skipped.get(3).reason());
        assertTrue(skipped.subList(5, 8).stream().allMatch(s -> s.reason().endsWith("names a patient id with a control character, which no FHIR id has")),
                skipped.toString());
        long spilled = 0;
        for (int p = 0; p < 2; p++) {
            spilled += Files.readAllLines(Partitioner.indexFile(tmp.resolve("work"), p)).size();
        }
        assertEquals(2, spilled);
    }

    @Test
    void thePatientIsTheResourcesOwnOrTheOneItNames() throws Exception {
        assertEquals("p1", patientOf("{\"resourceType\":\"Patient\",\"id\":\"p1\"}"));
        assertEquals("p2", patientOf("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p2\"}}"));
        assertEquals("p3", patientOf("{\"patient\":{\"display\":\"x\",\"reference\":\"Patient/p3\"},\"resourceType\":\"Immunization\"}"));
        assertEquals("p4", patientOf("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"https://h/fhir/Patient/p4\"}}"));
        assertThrows(IllegalArgumentException.class, () -> patientOf("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Group/g1\"}}"));
        assertThrows(IllegalArgumentException.class, () -> patientOf("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"urn:uuid:1\"}}"));
    }

    @Test
    void aTypeTheRulesNeverReadIsCountedWithoutBeingReadToTheEnd() throws Exception {
        // The rest of the line is not even JSON: the type alone decides, so nothing after it is parsed.
        Partitioner.Peek peek = peek("{\"resourceType\":\"AllergyIntolerance\",\"patient\":{ this is not read");
        assertEquals(new Partitioner.Peek("AllergyIntolerance", null), peek);
        assertThrows(JsonProcessingException.class, () -> peek("{\"resourceType\":\"Condition\",\"subject\":{ this is read"));
    }

    @Test
    void aLineIsReadOnlyAsFarAsItsPatientAndTheRestIsLeftToPass2() throws Exception {
        // What follows the patient is not JSON: pass 2 reads the whole line and reports it (PatientLinesTest).
        assertEquals(new Partitioner.Peek("Condition", "p1"),
                peek("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\": this is not read"));
        assertEquals(new Partitioner.Peek("Patient", "p2"), peek("{\"resourceType\":\"Patient\",\"id\":\"p2\",\"birthDa"));
        // A subject wins over a patient reference, so a patient reference alone does not end the read.
        assertEquals("p3", patientOf("{\"resourceType\":\"Condition\",\"patient\":{\"reference\":\"Patient/x\"},"
                + "\"subject\":{\"reference\":\"Patient/p3\"},\"code\": not read"));
        assertThrows(JsonProcessingException.class,
                () -> peek("{\"resourceType\":\"Immunization\",\"patient\":{\"reference\":\"Patient/p4\"},\"status\": read"));
        // Before its patient is known, a line is still checked here.
        assertThrows(JsonProcessingException.class, () -> peek("{\"resourceType\":\"Condition\",\"code\":{,\"subject\":{\"reference\":\"Patient/p1\"}}"));
    }

    @Test
    void aLineThatIsNotJsonAfterItsPatientIsSpilledWhole(@TempDir Path tmp) throws Exception {
        String truncated = "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/p1\"},\"valueQuantity\":{\"va";
        Path input = input(tmp, "c.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", truncated);

        assertEquals(List.of(), Partitioner.partition(input, tmp.resolve("work"), 1, n -> { }).skipped());
        assertEquals(List.of("c.ndjson\t1\tp1\t{\"resourceType\":\"Patient\",\"id\":\"p1\"}", "c.ndjson\t2\tp1\t" + truncated),
                spilled(input, tmp.resolve("work"), 0));
    }

    /** An input folder in {@code tmp} holding {@code file} with {@code lines}. */
    private static Path input(Path tmp, String file, String... lines) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        Files.write(input.resolve(file), List.of(lines));
        return input;
    }

    /**
     * Partition {@code p}'s lines as {@code file<TAB>line<TAB>patient<TAB>json}, each from its index line and the bytes
     * that index line points at: in the input file for a line of a plain NDJSON file ({@code i}), else in the partition's
     * data file ({@code p}), which holds those lines one after another and nothing else.
     */
    private static List<String> spilled(Path input, Path work, int p) throws Exception {
        byte[] data = Files.readAllBytes(Partitioner.partitionFile(work, p));
        List<String> rows = new ArrayList<>();
        long expectedOffset = 0;
        for (String entry : Files.readAllLines(Partitioner.indexFile(work, p))) {
            String[] cols = entry.split("\t");
            assertEquals(6, cols.length, entry);
            int offset = Integer.parseInt(cols[4]);
            int length = Integer.parseInt(cols[5]);
            byte[] in = switch (cols[3]) {
                case "i" -> Files.readAllBytes(input.resolve(cols[0]));
                case "p" -> {
                    assertEquals(expectedOffset, offset, "spilled lines follow one another in the data file: " + entry);
                    expectedOffset = offset + length + 1;
                    yield data;
                }
                default -> throw new AssertionError("neither in the input nor in the partition: " + entry);
            };
            assertTrue(offset + length == in.length || in[offset + length] == '\n' || in[offset + length] == '\r', "a whole line: " + entry);
            rows.add(cols[0] + "\t" + cols[1] + "\t" + cols[2] + "\t" + new String(in, offset, length, StandardCharsets.UTF_8));
        }
        assertEquals(data.length, expectedOffset, "nothing in the data file but the spilled lines");
        return rows;
    }

    private static String patientOf(String json) throws Exception {
        return peek(json).patient();
    }

    private static Partitioner.Peek peek(String json) throws Exception {
        byte[] b = ("xx" + json).getBytes(StandardCharsets.UTF_8);
        return Partitioner.peek(b, 2, b.length - 2);
    }
}
