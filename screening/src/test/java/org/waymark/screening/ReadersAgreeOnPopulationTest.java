package org.waymark.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.screening.generate.PopulationGenerator;

/**
 * The differential test over a generated population: each patient's NDJSON lines, read line by line by the
 * streaming reader ({@link RecordStream#parts}) and by the HAPI path, and assembled at several as-of instants,
 * give identical records (patient and every entry, in order), or are refused by both. The test takes the
 * generator's output folder, so another generator profile is one more line in {@link #populations()}.
 */
class ReadersAgreeOnPopulationTest {
    private static final Instant GENERATED_AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes a population's Bulk Data NDJSON into a folder. */
    @FunctionalInterface
    interface Population {
        void write(Path folder) throws IOException;
    }

    static Stream<Arguments> populations() {
        return Stream.of(
                Arguments.of("generated, 3,000 patients", (Population) dir -> new PopulationGenerator(3000, 2024, GENERATED_AS_OF, 12).write(dir)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("populations")
    void bothReadersGiveEveryPatientTheSameRecord(String profile, Population population, @TempDir Path folder) throws Exception {
        population.write(folder);
        List<Instant> asOfs = List.of(GENERATED_AS_OF, GENERATED_AS_OF.plus(Duration.ofDays(1)), GENERATED_AS_OF.minus(Duration.ofDays(365)),
                GENERATED_AS_OF.minus(Duration.ofDays(5 * 365)));
        Map<String, List<String>> lines = linesByPatient(folder);
        assertTrue(lines.size() >= 1000, profile + ": patients found: " + lines.size());
        int compared = 0;
        for (Map.Entry<String, List<String>> patient : lines.entrySet()) {
            List<Resource> resources = new ArrayList<>();
            List<RecordPart> parts = new ArrayList<>();
            for (String line : patient.getValue()) {
                resources.addAll(RecordReader.resources(line, patient.getKey()));
                parts.addAll(RecordStream.parts(line, patient.getKey()));
            }
            for (Instant asOf : asOfs) {
                assertEquals(hapi(resources, asOf), streamed(parts, asOf), patient.getKey() + " as of " + asOf);
                compared++;
            }
        }
        assertEquals(lines.size() * asOfs.size(), compared);
    }

    /** The record, or "refused". */
    private static Object hapi(List<Resource> resources, Instant asOf) {
        try {
            return FactMapper.toRecord(resources, asOf);
        } catch (RecordException e) {
            return "refused";
        }
    }

    private static Object streamed(List<RecordPart> parts, Instant asOf) {
        try {
            return RecordAssembler.assemble(parts, asOf);
        } catch (RecordException e) {
            return "refused";
        }
    }

    /** Every line of every {@code *.ndjson} file, grouped by the patient it is (Patient) or is about (subject or patient). */
    private static Map<String, List<String>> linesByPatient(Path folder) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<Path, List<String>> file : NdjsonLines.of(folder).entrySet()) {
            for (String line : file.getValue()) {
                out.computeIfAbsent(patientOf(JSON.readTree(line), file.getKey()), k -> new ArrayList<>()).add(line);
            }
        }
        return out;
    }

    private static String patientOf(JsonNode resource, Path file) {
        if (resource.path("resourceType").asText().equals("Patient")) {
            return "Patient/" + resource.path("id").asText();
        }
        String ref = resource.path("subject").path("reference").asText(resource.path("patient").path("reference").asText(""));
        if (ref.isEmpty()) {
            fail(file + ": a line about no patient: " + resource.path("resourceType").asText() + "/" + resource.path("id").asText());
        }
        return ref;
    }
}
