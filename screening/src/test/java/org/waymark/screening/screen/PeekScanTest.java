package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.screening.generate.PopulationGenerator;

/**
 * Pass 1's byte scan of a line answers exactly as Jackson's peek does, or leaves the line to Jackson: on every line of
 * generated populations (all of which it answers), on lines made to probe JSON's corners, and on every truncation and
 * many one-byte changes of real lines.
 */
class PeekScanTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void everyLineOfGeneratedPopulationsIsAnsweredAsJacksonAnswersIt(@TempDir Path tmp) throws Exception {
        new PopulationGenerator(40, 7, AS_OF, 3, PopulationGenerator.Profile.REALISTIC).write(tmp.resolve("realistic"));
        new PopulationGenerator(300, 7, AS_OF, 3).write(tmp.resolve("generated"));
        int lines = 0;
        for (byte[] line : lines(tmp)) {
            assertTrue(agrees(line), () -> "left to Jackson: " + new String(line, StandardCharsets.UTF_8));
            lines++;
        }
        assertTrue(lines > 10_000, "too few lines to say much: " + lines);
    }

    @Test
    void linesProbingJsonsCornersAgreeWithJackson() throws Exception {
        String obs = "{\"resourceType\":\"Observation\",";
        String subject = "\"subject\":{\"reference\":\"Patient/p1\"}";
        // Answered by the scan: what it skips may hold any JSON.
        List<String> answered = List.of(
                obs + "\"x\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"," + subject + "}",
                obs + "\"x\":\"caf\u00e9 \u2264 \uD83D\uDE00 \u0800 \uFFFD\"," + subject + "}",
                obs + "\"x\":[0,-0,1,-1,0.5,-0.25e10,1E+5,1e-5,123456789012345678901234567890,true,false,null,{},[],[[]],{\"a\":{}}]," + subject + "}",
                " \t{ \"resourceType\" : \"Condition\" , \"subject\" : { \"display\" : \"x\" , \"reference\" : \"Patient/p1\" } }\r",
                "{\"subject\":{\"reference\":\"Patient/p1\"},\"resourceType\":\"Condition\"}",
                "{\"resourceType\":\"Immunization\",\"patient\":{\"reference\":\"Patient/p9\"},\"status\":\"completed\"}",
                "{\"resourceType\":\"Condition\",\"patient\":{\"reference\":\"Patient/x\"},\"subject\":{\"reference\":\"Patient/p3\"}}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/a\",\"reference\":\"Patient/b\"}}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":7,\"reference\":\"Patient/c\",\"x\":1}}",
                "{\"resourceType\":\"Condition\",\"subject\":{},\"subject\":{\"reference\":\"https://h/fhir/Patient/p1\"}}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"urn:uuid:1\"}}",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Group/g1\"}}",
                "{\"resourceType\":\"Condition\"}",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"O'Brien\"}]}",
                "{\"resourceType\":\"Patient\",\"id\":\"\",\"id\":\"p2\"}",
                "{\"resourceType\":\"Organization\",\"id\":\"o1\", not JSON",
                "{\"resourceType\":\"\",\"id\":\"x\"}",
                "{\"id\":\"x\"}",
                "{}",
                "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"birthDa",
                "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\": not read");
        for (String line : answered) {
            assertTrue(agrees(utf8(line)), () -> "left to Jackson: " + line);
        }
        // Left to Jackson (or answered the same): bad JSON, and what the scan does not read itself.
        String deep = "[".repeat(70) + "]".repeat(70);
        List<String> either = List.of(
                obs + "\"x\":01," + subject + "}", obs + "\"x\":1.," + subject + "}", obs + "\"x\":.5," + subject + "}",
                obs + "\"x\":-," + subject + "}", obs + "\"x\":1e," + subject + "}", obs + "\"x\":+1," + subject + "}",
                obs + "\"x\":truex," + subject + "}", obs + "\"x\":nul," + subject + "}", obs + "\"x\":1x," + subject + "}",
                obs + "\"x\":NaN," + subject + "}", obs + "\"x\":[1,]," + subject + "}", obs + "\"x\":[,1]," + subject + "}",
                obs + "\"x\":{\"a\":1,}," + subject + "}", obs + "\"x\":{a:1}," + subject + "}", obs + "\"x\":'a'," + subject + "}",
                obs + "\"x\":\"\\x\"," + subject + "}", obs + "\"x\":\"\\u12G4\"," + subject + "}", obs + "\"x\":\"a\tb\"," + subject + "}",
                obs + "\"x\":" + deep + "," + subject + "}", obs + "/* c */" + subject + "}", obs + "\"x\":1 2," + subject + "}",
                obs + "\"x\":1,," + subject + "}", obs + "\"x\" 1," + subject + "}", obs + subject + subject + "}",
                obs + "\"sub\\u006aect\":{\"reference\":\"Patient/p1\"}}", obs + "\"subject\":{\"reference\":\"Patient/p\\u0031\"}}",
                obs + "\"subject\":{\"reference\":\"Patient/\u00e9\"}}", obs + "\"subject\":null}", obs + "\"subject\":\"Patient/p1\"}",
                "{\"resourceType\":7,\"subject\":{\"reference\":\"Patient/p1\"}}", "{\"resourceType\":\"Patient\",\"id\":12}",
                "[{\"resourceType\":\"Patient\",\"id\":\"p1\"}]", "\"Patient\"", "", "   ", "{", "{\"resourceType\"",
                "\uFEFF{\"resourceType\":\"Patient\",\"id\":\"p1\"}");
        for (String line : either) {
            agrees(utf8(line));
        }
        // Bytes that are not well-formed UTF-8 in a skipped string: overlong, surrogate, beyond U+10FFFF, cut short, stray.
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xFF}}) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.writeBytes(utf8(obs + "\"x\":\"a"));
            line.writeBytes(bad);
            line.writeBytes(utf8("b\"," + subject + "}"));
            assertNull(PeekScan.peek(line.toByteArray(), 0, line.size()), () -> "answered: " + Arrays.toString(bad));
            agrees(line.toByteArray());
        }
    }

    @Test
    void everyTruncationAndManyOneByteChangesOfRealLinesAgreeWithJackson(@TempDir Path tmp) throws Exception {
        new PopulationGenerator(3, 11, AS_OF, 1, PopulationGenerator.Profile.REALISTIC).write(tmp);
        List<byte[]> samples = new ArrayList<>();
        for (String type : List.of("Patient", "Condition", "Observation", "MedicationRequest", "Immunization", "Organization")) {
            lines(tmp).stream().filter(l -> new String(l, StandardCharsets.UTF_8).startsWith("{\"resourceType\":\"" + type + "\""))
                    .filter(l -> l.length < 2000).findFirst().ifPresent(samples::add);
        }
        assertTrue(samples.size() >= 5, "sample lines: " + samples.size());
        byte[] replacements = utf8("\"\\,}]{[: 0-e.tx");
        int answered = 0;
        int tried = 0;
        for (byte[] line : samples) {
            for (int at = 0; at <= line.length; at++) {
                answered += agrees(Arrays.copyOf(line, at)) ? 1 : 0;
                tried++;
                if (at == line.length) {
                    break;
                }
                byte[] removed = new byte[line.length - 1];
                System.arraycopy(line, 0, removed, 0, at);
                System.arraycopy(line, at + 1, removed, at, line.length - at - 1);
                answered += agrees(removed) ? 1 : 0;
                tried++;
                for (byte r : concat(replacements, new byte[] {0x01, (byte) 0x80, (byte) 0xC3, (byte) 0xFF})) {
                    byte[] changed = line.clone();
                    changed[at] = r;
                    answered += agrees(changed) ? 1 : 0;
                    tried++;
                }
            }
        }
        // Most changes after a line's patient leave the answer to the scan; a scan that gave up on everything would fail here.
        assertTrue(answered > tried / 4, answered + " of " + tried + " answered by the scan");
    }

    /**
     * Whether the scan answered {@code line}; asserts that when it did, Jackson's peek gives the same answer (a peek or
     * the same refusal).
     */
    private static boolean agrees(byte[] line) throws Exception {
        byte[] padded = concat(utf8("xx"), line);
        String scan;
        try {
            Partitioner.Peek peek = PeekScan.peek(padded, 2, line.length);
            if (peek == null) {
                return false;
            }
            scan = peek.toString();
        } catch (IllegalArgumentException e) {
            scan = "refused: " + e.getMessage();
        }
        String jackson;
        try {
            jackson = Partitioner.peekWithJackson(padded, 2, line.length).toString();
        } catch (IllegalArgumentException e) {
            jackson = "refused: " + e.getMessage();
        } catch (JsonProcessingException e) {
            jackson = "not JSON: " + e.getOriginalMessage();
        }
        assertEquals(jackson, scan, () -> "line: " + new String(line, StandardCharsets.UTF_8));
        assertNotNull(scan);
        return true;
    }

    private static List<byte[]> lines(Path dir) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String l : Files.readAllLines(f)) {
                    out.add(utf8(l));
                }
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
