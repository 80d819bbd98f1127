package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.PatientRecord;

/** The streaming reader's inputs give the same record: a String, bytes, a stream, a Jackson tree, and NDJSON lines read one by one. */
class RecordStreamInputsTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
    private static final String CONDITION = "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},"
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"52448006\"}]},\"onsetDateTime\":\"2020-05\"}";

    @Test
    void everyInputGivesTheSameRecord() throws Exception {
        String json = Records.bundle(CONDITION);
        PatientRecord expected = Records.bothReaders(json, AS_OF);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, RecordStream.read(bytes, AS_OF));
        assertEquals(expected, RecordStream.read(new ByteArrayInputStream(bytes), AS_OF));
        assertEquals(expected, RecordAssembler.assemble(RecordStream.parts(new ObjectMapper().readTree(json), "prefetch.x"), AS_OF));
    }

    @Test
    void ndjsonLinesAreReadOneResourceAtATimeAndAssembledPerPatient() throws Exception {
        String ndjson = CONDITION + "\n{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1940-01-01\"}\n";
        List<RecordPart> parts = new ArrayList<>();
        try (JsonParser lines = new ObjectMapper().getFactory().createParser(ndjson)) {
            parts.addAll(RecordStream.parts(lines, "Condition.ndjson line 1"));
            parts.addAll(RecordStream.parts(lines, "Patient.ndjson line 1"));
        }
        assertEquals(List.of(Optional.of("Patient/p1"), Optional.of("Patient/p1")), parts.stream().map(RecordPart::patientKey).toList());
        PatientRecord record = RecordAssembler.assemble(parts, AS_OF);
        assertEquals("Condition/c1", record.entries().get(0).reference());
        assertEquals(86, record.patient().ageYears());
    }
}
