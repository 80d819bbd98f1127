package org.waymark.screening.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.fixtures.RepositoryRoot;

/** The realistic profile: older people with GP-extract-size records, deterministic, every entry their own and in the past. */
class RealisticProfileTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REFERENCE_TYPES = Set.of("Organization", "Practitioner", "Location");
    private static final int PATIENTS = 40;

    @TempDir
    static Path tmp;
    private static Path population;

    @BeforeAll
    static void generate() throws Exception {
        population = tmp.resolve("a");
        new PopulationGenerator(PATIENTS, 7, AS_OF, 5, PopulationGenerator.Profile.REALISTIC).write(population);
    }

    @Test
    void everyPatientIsOlderWith150To600EntriesOfGpExtractSize() throws Exception {
        Map<String, Integer> entries = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        Map<String, LocalDate> births = new HashMap<>();
        forEachLine((type, line, r) -> {
            if (type.equals("Patient")) {
                births.put(r.path("id").asText(), LocalDate.parse(r.path("birthDate").asText()));
                return;
            }
            if (!REFERENCE_TYPES.contains(type)) {
                String patient = patientOf(r);
                entries.merge(patient, 1, Integer::sum);
                bytes.merge(patient, (long) line.length() + 1, Long::sum);
            }
        });
        assertEquals(PATIENTS, births.size());
        births.forEach((id, birth) -> assertTrue(Period.between(birth, TODAY).getYears() >= 65, id + " born " + birth));
        assertEquals(births.keySet(), entries.keySet(), "every entry names a generated patient, and every patient has entries");
        entries.forEach((id, n) -> assertTrue(n >= 150 && n <= 600, id + " has " + n + " entries"));
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total / PATIENTS >= 100_000 && total / PATIENTS <= 300_000, "average record " + total / PATIENTS + " bytes");
        bytes.forEach((id, b) -> assertTrue(b >= 50_000 && b <= 600_000, id + " has " + b + " bytes"));
    }

    @Test
    void everyDateLiesInTheHistoryAndBeforeTheAsOfDay() throws Exception {
        Set<String> seen = new HashSet<>();
        forEachLine((type, line, r) -> {
            for (String field : List.of("effectiveDateTime", "onsetDateTime", "recordedDate", "authoredOn", "performedDateTime",
                    "occurrenceDateTime", "dateAsserted")) {
                if (r.has(field)) {
                    check(r.path(field).asText(), line);
                    seen.add(field);
                }
            }
            if (r.has("period")) {
                check(r.path("period").path("start").asText(), line);
                if (r.path("period").has("end")) {
                    check(r.path("period").path("end").asText(), line);
                    assertTrue(r.path("period").path("end").asText().compareTo(r.path("period").path("start").asText()) >= 0, line);
                }
            }
        });
        assertTrue(seen.size() >= 6, "dated fields checked: " + seen);
    }

    private static void check(String when, String line) {
        LocalDate d = LocalDate.parse(when.substring(0, 10));
        assertTrue(d.isBefore(TODAY), "after as-of: " + line);
        assertTrue(d.isAfter(TODAY.minusYears(21)), "before any history: " + line);
    }

    @Test
    void theSameSeedGivesTheSameFilesAndTheDefaultProfileIsUnchanged() throws Exception {
        Path again = tmp.resolve("again");
        new PopulationGenerator(PATIENTS, 7, AS_OF, 5, PopulationGenerator.Profile.REALISTIC).write(again);
        try (Stream<Path> files = Files.list(population)) {
            for (Path f : files.toList()) {
                assertEquals(Files.readString(f), Files.readString(again.resolve(f.getFileName())), f.getFileName().toString());
            }
        }
        Path other = tmp.resolve("other");
        new PopulationGenerator(PATIENTS, 8, AS_OF, 5, PopulationGenerator.Profile.REALISTIC).write(other);
        assertFalse(Files.readString(population.resolve("Observation.ndjson")).equals(Files.readString(other.resolve("Observation.ndjson"))));

        Path generated = tmp.resolve("generated");
        new PopulationGenerator(50, 3, AS_OF, 4).write(generated);
        try (Stream<Path> files = Files.list(generated)) {
            assertEquals(Set.of("Patient.ndjson", "Condition.ndjson", "Observation.ndjson", "Procedure.ndjson", "Encounter.ndjson",
                    "MedicationRequest.ndjson", "ServiceRequest.ndjson", "Flag.ndjson", "pcn-map.csv", "deprivation-map.csv"),
                    Set.copyOf(files.map(f -> f.getFileName().toString()).toList()), "the generated profile writes the files it always wrote");
        }
        assertThrows(IllegalArgumentException.class, () -> PopulationGenerator.Profile.named("synthea"));
        assertEquals(PopulationGenerator.Profile.REALISTIC, PopulationGenerator.Profile.named("realistic"));
    }

    @Test
    void conditionAndProcedureCodesComeFromTheRuleSetsValueSets() throws Exception {
        Set<String> valueSetCodes = new HashSet<>();
        try (Stream<Path> files = Files.walk(RepositoryRoot.root().resolve("rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv") && p.getParent().getFileName().toString().equals("valuesets")).toList()) {
                Files.readAllLines(f).stream().filter(l -> l.startsWith("http")).forEach(l -> valueSetCodes.add(l.split(",")[1]));
            }
        }
        Set<String> conditionCodes = new HashSet<>();
        forEachLine((type, line, r) -> {
            if (type.equals("Condition")) {
                conditionCodes.add(r.path("code").path("coding").path(0).path("code").asText());
            }
        });
        assertTrue(conditionCodes.size() >= 8, conditionCodes.toString());
        Set<String> outside = new HashSet<>(conditionCodes);
        outside.removeAll(valueSetCodes);
        assertEquals(Set.of(), outside, "condition codes in no value set");
    }

    private static String patientOf(JsonNode r) {
        String ref = r.has("subject") ? r.path("subject").path("reference").asText() : r.path("patient").path("reference").asText();
        assertTrue(ref.startsWith("Patient/"), r.toString());
        return ref.substring("Patient/".length());
    }

    @FunctionalInterface
    private interface LineCheck {
        void check(String type, String line, JsonNode resource) throws Exception;
    }

    private static void forEachLine(LineCheck check) throws Exception {
        try (Stream<Path> files = Files.list(population)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode r = JSON.readTree(line);
                    assertEquals(f.getFileName().toString(), r.path("resourceType").asText() + ".ndjson");
                    check.check(r.path("resourceType").asText(), line, r);
                }
            }
        }
    }
}
