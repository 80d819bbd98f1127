package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.SyntheticPatients;

/** Issue 4/6 acceptance 2: absent prefetch is fetched from fhirServer with the token, following paging; server down is a 412. */
class FhirServerFetchTest {
    private static final String TOKEN = "some-opaque-access-token";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String withoutPrefetch(PatientBuilder patient, String fhirServer) {
        return "{\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"hook\":\"patient-view\",\"fhirServer\":\"" + fhirServer + "\","
                + "\"fhirAuthorization\":{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"user/Patient.read user/Observation.read\",\"subject\":\"cds-service\"},"
                + "\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\"" + patient.id() + "\"}}";
    }

    private static List<String> codes(HttpResponse<String> r) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            out.add(card.path("source").path("topic").path("code").asText());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void noPrefetchGivesTheSameCardsAsFullPrefetchAndSendsTheToken() throws Exception {
        PatientBuilder patient = SyntheticPatients.complexCareHomeResident();
        try (InProcessFhirServer fhir = new InProcessFhirServer(patient.resources())) {
            HttpResponse<String> fetched = server.post("/cds-services/neighbourhood-care", withoutPrefetch(patient, fhir.baseUrl()));
            HttpResponse<String> prefetched = server.post("/cds-services/neighbourhood-care", CdsHooksRequests.patientView(patient));
            assertEquals(200, fetched.statusCode(), fetched.body());
            assertFalse(codes(fetched).isEmpty());
            assertEquals(codes(prefetched), codes(fetched));
            assertTrue(fhir.authorizations.size() >= 11, "every prefetch key was fetched: " + fhir.authorizations.size());
            assertTrue(fhir.authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), fhir.authorizations.toString());
        }
    }

    @Test
    void pagingIsFollowed() throws Exception {
        PatientBuilder patient = PatientBuilder.patient("paged").born("1940-01-01").female();
        for (int i = 0; i < 10; i++) {
            patient.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
        }
        try (InProcessFhirServer fhir = new InProcessFhirServer(patient.resources())) {
            HttpResponse<String> r = server.post("/cds-services/proactive-care", withoutPrefetch(patient, fhir.baseUrl()));
            assertEquals(List.of("proactive-care.medication-review"), codes(r), "all 10 medicines arrive over 5 pages of 2");
        }
    }

    @Test
    void serverDownIs412WithAnOperationOutcome() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/proactive-care",
                withoutPrefetch(SyntheticPatients.frail(), "http://localhost:1/fhir"));
        assertEquals(412, r.statusCode(), r.body());
        JsonNode outcome = TestServer.json(r);
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        assertEquals("incomplete", outcome.path("issue").get(0).path("code").asText());
    }

    @Test
    void anOperationOutcomeInPrefetchIsFetchedInstead() throws Exception {
        PatientBuilder patient = SyntheticPatients.frail();
        try (InProcessFhirServer fhir = new InProcessFhirServer(patient.resources())) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) org.waymark.api.server.Json.MAPPER.readTree(CdsHooksRequests.patientView(patient));
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("prefetch")).set("observations",
                    org.waymark.api.server.Json.MAPPER.readTree("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}"));
            tree.put("fhirServer", fhir.baseUrl());
            tree.set("fhirAuthorization", org.waymark.api.server.Json.MAPPER.readTree("{\"access_token\":\"" + TOKEN
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"user/*.read\",\"subject\":\"cds\"}"));
            String request = tree.toString();
            HttpResponse<String> r = server.post("/cds-services/proactive-care", request);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(List.of("proactive-care.frailty-review"), codes(r), "the eFI came from the FHIR server");
        }
    }
}
