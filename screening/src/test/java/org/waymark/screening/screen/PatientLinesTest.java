package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.PatientRecord;

/**
 * Lines read as UTF-8 bytes (pass 2) give what the same lines given as text (the Spark job) give, refused lines included;
 * a line that is not JSON is reported here, since pass 1 reads a line only as far as its patient.
 */
class PatientLinesTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1940-07-15\","
            + "\"address\":[{\"use\":\"home\",\"postalCode\":\"WM1 1AA\"}]}";

    @Test
    void linesReadAsBytesGiveWhatTheSameLinesAsTextGive() {
        String wrongDate = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1\"}]},\"recordedDate\":\"2026-13-01\"}";
        String condition = wrongDate.replace("c1", "c2").replace("2026-13-01", "2026-01-01");
        byte[][] lines = {utf8(PATIENT), utf8(wrongDate), utf8(condition)};
        Read asBytes = read(lines, true);
        assertEquals(read(lines, false), asBytes);
        assertEquals(1, asBytes.skipped().size());
        assertEquals(1, asBytes.record().orElseThrow().entries().size());
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsTheirDecodedTextIs() {
        byte[] broken = utf8(PATIENT);
        int at = PATIENT.indexOf("1AA");
        broken[at] = (byte) 0xC3; // a lead byte without its continuation: not UTF-8; decoded, it is U+FFFD
        Read asBytes = read(new byte[][] {broken}, true);
        assertEquals(read(new byte[][] {broken}, false), asBytes);
        assertEquals(List.of(), asBytes.skipped());
        assertEquals(Optional.of("WM1 \uFFFDAA"), asBytes.record().orElseThrow().patient().postcode());
    }

    @Test
    void aLineThatIsNotJsonIsReportedOnceAsSuchAndTheRecordIsScreenedWithoutIt() {
        String truncated = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"cod";
        for (boolean asBytes : new boolean[] {true, false}) {
            Read read = read(new byte[][] {utf8(PATIENT), utf8(truncated)}, asBytes);
            assertEquals(List.of("R.ndjson\t2\tnot valid JSON: Unexpected end-of-input in field name"), read.skipped());
            assertEquals(0, read.record().orElseThrow().entries().size());
        }
    }

    @Test
    void aRecordThatCannotBeScreenedReportsALineThatIsNotJsonOnlyOnce() {
        String condition = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"}}";
        String truncated = condition.replace("}}", "},\"code\":{\"cod");
        Read read = read(new byte[][] {utf8(condition), utf8(truncated)}, true);
        assertEquals(Optional.empty(), read.record());
        assertEquals(List.of("R.ndjson\t2\tnot valid JSON: Unexpected end-of-input in field name",
                "R.ndjson\t1\tpatient's record not screened: the record has no Patient resource"), read.skipped());
    }

    /**
     * Lines that share one buffer (as pass 2 reads them, {@link PartitionIndex#read}) are read with one parser, but each
     * only as far as its own line: what they give is what each line read alone gives, for lines that are not one JSON
     * object, that run on into the next line, or that have more after their object.
     */
    @Test
    void linesInOneBufferGiveWhatEachLineAloneGives() {
        String condition = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1\"}]}}";
        String[][] records = {
            {PATIENT, condition, condition.replace("c1", "c2")},
            // Cut in two: together the halves would be one object (and the record would have condition c3).
            {PATIENT, condition.substring(0, 60), condition.substring(60).replace("c1", "c3"), condition},
            // More after the object: read alone, it is left unread; it must not be read as the next line's value.
            {PATIENT, condition + " " + condition.replace("c1", "c4"), condition.replace("c1", "c5")},
            {PATIENT, "  \t" + condition + "  ", "", "   ", "[" + condition + "]", "42", condition.replace("c1", "c6")},
            {PATIENT, condition.replace("}}", "},\"code\":{\"cod"), "\"}}", condition.replace("c1", "c7")},
        };
        for (String[] record : records) {
            byte[][] json = new byte[record.length][];
            for (int i = 0; i < record.length; i++) {
                json[i] = utf8(record[i]);
            }
            Read alone = read(json, false);
            assertEquals(alone, read(json, true), String.join("\n", record));
            assertEquals(alone, inOneBuffer(json, " "), String.join("\n", record));
            // As lines are read in place from an input file: other patients' lines between them.
            assertEquals(alone, inOneBuffer(json, "\n" + condition.replace("p1", "p2") + "\n"), String.join("\n", record));
        }
        assertEquals(2, read(new byte[][] {utf8(PATIENT), utf8(condition), utf8(condition.replace("c1", "c2"))}, true)
                .record().orElseThrow().entries().size());
    }

    private record Read(Optional<PatientRecord> record, List<String> skipped) {
    }

    private static Read read(byte[][] json, boolean asBytes) {
        List<PatientScreener.Line> lines = new ArrayList<>();
        for (int i = 0; i < json.length; i++) {
            lines.add(asBytes ? PatientScreener.Line.ofUtf8("R.ndjson", i + 1, json[i], 0, json[i].length)
                    : new PatientScreener.Line("R.ndjson", i + 1, new String(json[i], StandardCharsets.UTF_8)));
        }
        return read(lines);
    }

    /** The lines in one buffer, each after {@code between} (blanks, or anything else, which is not blank). */
    private static Read inOneBuffer(byte[][] json, String between) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int[] offsets = new int[json.length];
        for (int i = 0; i < json.length; i++) {
            buffer.writeBytes(utf8(between));
            offsets[i] = buffer.size();
            buffer.writeBytes(json[i]);
        }
        byte[] bytes = buffer.toByteArray();
        List<PatientScreener.Line> lines = new ArrayList<>();
        for (int i = 0; i < json.length; i++) {
            lines.add(PatientScreener.Line.ofUtf8("R.ndjson", i + 1, bytes, offsets[i], json[i].length));
        }
        return read(lines);
    }

    private static Read read(List<PatientScreener.Line> lines) {
        List<String> skipped = new ArrayList<>();
        return new Read(PatientLines.record(lines, AS_OF, skipped::add), skipped);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
