package org.waymark.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.bulk.hapi.HapiJpaServer;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

/**
 * The export client against a real FHIR server that implements Bulk Data export (HAPI FHIR's JPA server on H2):
 * a generated population is loaded into it, exported at system and patient level, and each export screens to the
 * same cohort as the generated files screened directly; an incremental run gets only what changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportFromHapiServerTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final List<String> TYPES = List.of("Patient", "Condition", "Observation", "Procedure", "Encounter",
            "MedicationRequest", "ServiceRequest", "Flag");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    private static HapiJpaServer server;
    private static Path population;
    private static List<CompiledRuleSet> ruleSets;
    private static PathwayService pathways;

    @BeforeAll
    static void startServerAndLoadAPopulation() throws Exception {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        population = tmp.resolve("population");
        new PopulationGenerator(150, 7, AS_OF, 6).write(population);
        server = HapiJpaServer.start();
        for (String type : TYPES) {
            List<String> lines = Files.readAllLines(population.resolve(type + ".ndjson")).stream().filter(l -> !l.isBlank()).toList();
            if (!lines.isEmpty()) {
                transaction(lines);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aSystemExportScreensAsTheGeneratedFilesDo() throws Exception {
        Path out = tmp.resolve("system");
        BulkExport.Result result = export(request(ExportLevel.SYSTEM, TYPES, Optional.empty()), out);

        assertEquals(List.of(), result.errorFiles());
        assertEquals(ids(population), ids(out));
        assertTrue(Files.exists(out.resolve(BulkExport.MANIFEST)));
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".part")), "no partial file is left");
        }
        assertEquals(cohort(population), cohort(out));
    }

    @Test
    @Order(2)
    void aPatientLevelExportScreensAsTheGeneratedFilesDo() throws Exception {
        Path out = tmp.resolve("patients");
        export(request(ExportLevel.PATIENT, List.of(), Optional.empty()), out);

        assertEquals(ids(population), ids(out));
        Map<String, List<String>> direct = cohort(population);
        assertTrue(direct.size() > 10, "the population has a cohort worth comparing: " + direct.size());
        assertEquals(direct, cohort(out));
    }

    @Test
    @Order(3)
    void aGroupExportHoldsItsMembersAndScreensAsTheyDoInTheGeneratedFiles() throws Exception {
        List<String> members = ids(population).stream().filter(r -> r.startsWith("Patient/")).limit(40)
                .map(r -> r.substring("Patient/".length())).toList();
        ObjectNode group = JSON.createObjectNode().put("resourceType", "Group").put("id", "pcn-a").put("type", "person").put("actual", true);
        ArrayNode member = group.putArray("member");
        members.forEach(id -> member.addObject().putObject("entity").put("reference", "Patient/" + id));
        transaction(List.of(group.toString()));

        Path out = tmp.resolve("group");
        export(new ExportRequest(server.base(), ExportLevel.GROUP, Optional.of("pcn-a"), TYPES, Optional.empty()), out);

        List<String> exported = new ArrayList<>();
        for (String line : lines(out.resolve("Patient.ndjson"))) {
            exported.add(JSON.readTree(line).path("id").asText());
        }
        assertEquals(members.stream().sorted().toList(), exported.stream().sorted().toList());
        Map<String, List<String>> expected = new TreeMap<>(cohort(population));
        expected.keySet().retainAll(members);
        assertFalse(expected.isEmpty(), "some members are in the cohort");
        assertEquals(expected, cohort(out));
    }

    @Test
    @Order(4)
    void anIncrementalRunGetsOnlyWhatChangedSinceTheLastOne() throws Exception {
        Path out = tmp.resolve("incremental");
        Manifest first = export(request(ExportLevel.SYSTEM, TYPES, Optional.empty()), out).manifest();
        assertEquals(Optional.of(first.transactionTime()), BulkExport.lastTransactionTime(out));

        JsonNode patient = JSON.readTree(Files.readAllLines(population.resolve("Patient.ndjson")).get(3));
        String id = patient.path("id").asText();
        transaction(List.of("{\"resourceType\":\"Condition\",\"id\":\"" + id + "-new\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":"
                + "\"http://snomed.info/sct\",\"code\":\"52448006\",\"display\":\"Dementia\"}]},\"subject\":{\"reference\":\"Patient/" + id
                + "\"},\"recordedDate\":\"2026-11-20\"}"));

        BulkExport.Result delta = export(request(ExportLevel.SYSTEM, TYPES, BulkExport.lastTransactionTime(out)), out);

        assertTrue(delta.manifest().transactionTime().isAfter(first.transactionTime()));
        assertEquals(List.of(out.resolve("Condition.ndjson")), delta.files(), "only the changed type, and the older files are gone");
        List<String> changed = lines(out.resolve("Condition.ndjson"));
        assertEquals(1, changed.size());
        assertEquals(id + "-new", JSON.readTree(changed.get(0)).path("id").asText());
        assertEquals(Optional.of(delta.manifest().transactionTime()), BulkExport.lastTransactionTime(out));
    }

    private static ExportRequest request(ExportLevel level, List<String> types, Optional<Instant> since) {
        return new ExportRequest(server.base(), level, Optional.empty(), types, since);
    }

    private static BulkExport.Result export(ExportRequest request, Path out) throws IOException, InterruptedException {
        return new BulkExport(HTTP, Optional.empty(), Clock.systemUTC(), Sleeper.REAL, Duration.ofSeconds(2), Duration.ofMinutes(10),
                m -> { }).run(request, out);
    }

    /** Each flagged patient's recommendation codes and overdue steps, by patient id. */
    private static Map<String, List<String>> cohort(Path input) throws Exception {
        Path out = Files.createTempDirectory(tmp, "screen");
        var options = new Screening.Options(input, out, AS_OF, 4, 2, PatientKeyPolicy.realIds(), Optional.empty());
        Screening.run(options, ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);
        Map<String, List<String>> cohort = new TreeMap<>();
        for (String line : lines(out.resolve("cohort.ndjson"))) {
            JsonNode row = JSON.readTree(line);
            List<String> codes = new ArrayList<>();
            row.path("recommendations").forEach(c -> codes.add(c.asText()));
            row.path("overdueSteps").forEach(c -> codes.add("overdue:" + c.asText()));
            cohort.put(row.path("patient").asText(), codes.stream().sorted().toList());
        }
        return cohort;
    }

    /** Every resource of a folder's NDJSON files as type/id (the server adds meta, so lines differ). */
    private static List<String> ids(Path folder) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String type : TYPES) {
            Path file = folder.resolve(type + ".ndjson");
            if (Files.exists(file)) {
                for (String line : lines(file)) {
                    ids.add(type + "/" + JSON.readTree(line).path("id").asText());
                }
            }
        }
        return ids.stream().sorted().toList();
    }

    /** The resource lines of a file, sorted by id (a server writes them in its own order). */
    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** Stores the resources with their own ids (PUT) in one transaction. */
    private static void transaction(List<String> resources) throws IOException, InterruptedException {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode entries = bundle.putArray("entry");
        for (String line : resources) {
            JsonNode r = JSON.readTree(line);
            ObjectNode entry = entries.addObject();
            entry.set("resource", r);
            entry.putObject("request").put("method", "PUT").put("url", r.path("resourceType").asText() + "/" + r.path("id").asText());
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.base())
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(bundle.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
