package org.waymark.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.api.TestServer;
import org.waymark.api.TestServerExtension;
import org.waymark.api.http.Json;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.SyntheticPatients;

/** Every service's responses against the spec's rules; request rules; robustness. */
class CdsHooksConformanceTest {
    /** The spec's own examples, copied into the test resources (see their README). */
    private static final Path EXAMPLES = Path.of("src/test/resources/cds-hooks-spec-examples").toAbsolutePath();

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    private static JsonNode example(String name) throws Exception {
        return Json.MAPPER.readTree(Files.readString(EXAMPLES.resolve(name)));
    }

    private static String requestFor(JsonNode service, PatientBuilder patient) {
        return switch (service.path("hook").asText()) {
            case "encounter-discharge" -> {
                patient.encounter("IMP", "https://waymark.example/fhir/CodeSystem/local", "discharge-pathway-1", "Discharge", "2026-11-24T08:00:00Z",
                        "2026-11-24T09:00:00Z");
                String encounterId = patient.resources().get(patient.resources().size() - 1).getIdElement().getIdPart();
                yield CdsHooksRequests.encounterDischarge(patient, encounterId);
            }
            case "order-sign" -> CdsHooksRequests.patientView(patient).replace("\"hook\":\"patient-view\"", "\"hook\":\"order-sign\"")
                    .replace("\"patientId\":\"" + patient.id() + "\"}", "\"patientId\":\"" + patient.id()
                            + "\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}}");
            default -> CdsHooksRequests.patientView(patient);
        };
    }

    @Test
    void discoveryListsEveryHookWithItsFields() throws Exception {
        JsonNode discovery = TestServer.json(server.get("/cds-services"));
        assertTrue(ResponseRulesForDiscovery.violations(discovery).isEmpty(), ResponseRulesForDiscovery.violations(discovery).toString());
        Set<String> hooks = new HashSet<>();
        for (JsonNode s : discovery.path("services")) {
            hooks.add(s.path("hook").asText());
            for (String field : List.of("id", "hook", "title", "description", "prefetch", "usageRequirements")) {
                assertTrue(s.has(field), s.path("id") + " lacks " + field);
            }
        }
        assertEquals(Set.of("patient-view", "encounter-discharge", "order-sign"), hooks);
    }

    @Test
    void everyServiceAnswersWithinTheRules() throws Exception {
        for (JsonNode service : TestServer.json(server.get("/cds-services")).path("services")) {
            for (PatientBuilder patient : List.of(SyntheticPatients.complexCareHomeResident(), SyntheticPatients.frail(), SyntheticPatients.fit())) {
                HttpResponse<String> r = server.post("/cds-services/" + service.path("id").asText() + "?asOf=2026-11-24T10:00:00Z",
                        requestFor(service, patient));
                assertEquals(200, r.statusCode(), service.path("id") + ": " + r.body());
                List<String> violations = ResponseRules.violations(TestServer.json(r));
                assertTrue(violations.isEmpty(), service.path("id") + ": " + violations);
            }
        }
    }

    @Test
    void theCheckerCatchesTheSpecsOwnImperfectExample() throws Exception {
        assertTrue(ResponseRules.violations(example("20-response-card-autolaunchable-link-MISSING-indicator.json")).stream()
                .anyMatch(v -> v.startsWith("cds-resp-3")));
        assertEquals(List.of(), ResponseRules.violations(example("12-response-empty-cards.json")));
        assertEquals(List.of(), ResponseRules.violations(example("19-response-two-cards-links-smart-overrideReasons.json")));
    }

    @Test
    void feedbackFollowsTheSpecRules() throws Exception {
        JsonNode card = TestServer.json(server.post("/cds-services/proactive-care", CdsHooksRequests.fixture("frail-patient-view.json")))
                .path("cards").get(0);
        String uuid = card.path("uuid").asText();
        String suggestion = card.path("suggestions").get(0).path("uuid").asText();
        String at = "\"outcomeTimestamp\":\"2026-11-24T10:05:00Z\"";
        String reason = "\"overrideReason\":{\"reason\":{\"system\":\"https://waymark.example/fhir/CodeSystem/override-reason\","
                + "\"code\":\"patient-declined\",\"display\":\"Patient declined\"},\"userComment\":\"prefers to wait\"}";
        Map<String, String> rejected = Map.of(
                "cds-fb-1: accepted without acceptedSuggestions", "{\"card\":\"" + uuid + "\",\"outcome\":\"accepted\"," + at + "}",
                "cds-fb-2: acceptedSuggestions with overridden", "{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\",\"acceptedSuggestions\":[{\"id\":\""
                        + suggestion + "\"}]," + at + "}",
                "cds-fb-3: overrideReason with accepted", "{\"card\":\"" + uuid + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
                        + suggestion + "\"}]," + reason + "," + at + "}",
                "outcomeTimestamp required", "{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\"}",
                "outcome must be accepted or overridden", "{\"card\":\"" + uuid + "\",\"outcome\":\"ignored\"," + at + "}");
        for (Map.Entry<String, String> e : rejected.entrySet()) {
            HttpResponse<String> r = server.post("/cds-services/proactive-care/feedback", "{\"feedback\":[" + e.getValue() + "]}");
            assertEquals(400, r.statusCode(), e.getKey() + ": " + r.body());
        }
        // The spec's own example shapes are accepted: overridden with and without a reason (examples 22 and 23).
        assertEquals(200, server.post("/cds-services/proactive-care/feedback",
                "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\"," + at + "}]}").statusCode());
        assertEquals(200, server.post("/cds-services/proactive-care/feedback",
                "{\"feedback\":[{\"card\":\"" + uuid + "\",\"outcome\":\"overridden\"," + reason + "," + at + "}]}").statusCode());
    }

    @Test
    void fhirAuthorizationWithoutFhirServerIsRejected() throws Exception {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.fixture("frail-patient-view.json"));
        request.set("fhirAuthorization", example("02-patient-view-request-with-prefetch-and-fhirAuthorization.json").get("fhirAuthorization"));
        HttpResponse<String> r = server.post("/cds-services/proactive-care", request.toString());
        assertEquals(400, r.statusCode());
        assertEquals("fhirServer", TestServer.json(r).path("issue").get(0).path("expression").get(0).asText());
    }

    @Test
    void extensionsAreAccepted() throws Exception {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.fixture("frail-patient-view.json"));
        request.set("extension", example("28-request-with-extension.json").get("extension"));
        assertEquals(200, server.post("/cds-services/proactive-care", request.toString()).statusCode());
    }

    @Test
    void aBodyOverFiveMebibytesIs413() throws Exception {
        String huge = "{\"hookInstance\":\"x\",\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p\",\"padding\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}}";
        assertEquals(413, server.post("/cds-services/proactive-care", huge).statusCode());
    }

    @Test
    void anEvaluationPastTheDeadlineIs503WithoutCards() throws Exception {
        try (TestServer slow = TestServer.start(TestServer.rules(), Map.of(), Optional.empty(), Optional.empty(), Duration.ofNanos(1), List.of())) {
            HttpResponse<String> r = slow.post("/cds-services/neighbourhood-care", CdsHooksRequests.patientView(SyntheticPatients.complexCareHomeResident()));
            assertEquals(503, r.statusCode(), r.body());
            assertFalse(TestServer.json(r).has("cards"), "no partial answer");
            assertEquals("OperationOutcome", TestServer.json(r).path("resourceType").asText());
        }
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() throws Exception {
        try (TestServer cors = TestServer.start(TestServer.rules(), Map.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(2),
                List.of("https://ehr.example.org"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(cors.url("/cds-services")))
                    .header("Origin", "https://ehr.example.org").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(Optional.of("https://ehr.example.org"), allowed.headers().firstValue("Access-Control-Allow-Origin"));
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(cors.url("/cds-services")))
                    .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void orderSignPromptsAMedicationReviewWhenTheDraftReachesTheThreshold() throws Exception {
        PatientBuilder nine = PatientBuilder.patient("nine-meds").born("1944-02-01").female();
        for (int i = 0; i < 9; i++) {
            nine.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
        }
        String draft = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"MedicationRequest\","
                + "\"id\":\"draft-1\",\"status\":\"draft\",\"intent\":\"order\",\"medicationCodeableConcept\":{\"text\":\"New medicine\"},"
                + "\"subject\":{\"reference\":\"Patient/nine-meds\"}}}]}";
        String base = CdsHooksRequests.patientView(nine).replace("\"hook\":\"patient-view\"", "\"hook\":\"order-sign\"");
        String withDraft = base.replace("\"patientId\":\"nine-meds\"}", "\"patientId\":\"nine-meds\",\"draftOrders\":" + draft + "}");
        String empty = base.replace("\"patientId\":\"nine-meds\"}", "\"patientId\":\"nine-meds\",\"draftOrders\":{\"resourceType\":\"Bundle\",\"type\":\"collection\"}}");
        JsonNode cards = TestServer.json(server.post("/cds-services/prescribing", withDraft)).path("cards");
        assertEquals(1, cards.size());
        assertEquals("proactive-care.medication-review", cards.get(0).path("source").path("topic").path("code").asText());
        assertEquals("{\"cards\":[]}", server.post("/cds-services/prescribing", empty).body());
        HttpResponse<String> missing = server.post("/cds-services/prescribing", base);
        assertEquals(400, missing.statusCode());
        assertEquals("context.draftOrders", TestServer.json(missing).path("issue").get(0).path("expression").get(0).asText());
    }
}
