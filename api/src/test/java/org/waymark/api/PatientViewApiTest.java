package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.fixtures.CdsHooksRequests;

class PatientViewApiTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    @Test
    void discoveryListsProactiveCareWithPrefetch() throws Exception {
        HttpResponse<String> r = server.get("/cds-services");
        assertEquals(200, r.statusCode());
        JsonNode service = null;
        for (JsonNode s : TestServer.json(r).path("services")) {
            if (s.path("id").asText().equals("proactive-care")) {
                service = s;
            }
        }
        assertTrue(service != null, "proactive-care is listed");
        assertEquals("patient-view", service.path("hook").asText());
        assertEquals("Patient/{{context.patientId}}", service.path("prefetch").path("patient").asText());
        assertFalse(service.path("description").asText().isBlank());
    }

    @Test
    void frailPatientGetsOneFrailtyReviewCard() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/proactive-care", CdsHooksRequests.fixture("frail-patient-view.json"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode cards = TestServer.json(r).path("cards");
        assertEquals(1, cards.size(), r.body());
        JsonNode card = cards.get(0);
        assertEquals("proactive-care.frailty-review", card.path("source").path("topic").path("code").asText());
        assertEquals("warning", card.path("indicator").asText());
        assertTrue(card.path("summary").asText().length() < 140);
        JsonNode provenance = card.path("extension").path("org.waymark.provenance");
        assertEquals("proactive-care", provenance.path("ruleSet").asText());
        assertEquals("1.0.0", provenance.path("ruleSetVersion").asText());
        assertEquals("PC-FRAILTY-REVIEW", provenance.path("ruleId").asText());
        assertTrue(card.path("detail").asText().contains("PC-FRAILTY-REVIEW"));
        assertTrue(card.path("detail").asText().contains("Observation/frail-1-obs-1"));
        assertEquals(36, card.path("uuid").asText().length());
    }

    @Test
    void fitPatientGetsEmptyCards() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/proactive-care", CdsHooksRequests.fixture("fit-patient-view.json"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"cards\":[]}", r.body());
    }

    @Test
    void healthReportsTheActiveVersion() throws Exception {
        HttpResponse<String> r = server.get("/health");
        assertEquals(200, r.statusCode());
        JsonNode body = TestServer.json(r);
        assertEquals("UP", body.path("status").asText());
        boolean found = false;
        for (JsonNode s : body.path("ruleSets")) {
            found |= s.path("id").asText().equals("proactive-care") && s.path("activeVersion").asText().equals("1.0.0");
        }
        assertTrue(found, r.body());
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/proactive-care", "{\"hook\": ");
        assertEquals(400, r.statusCode());
        assertEquals("OperationOutcome", TestServer.json(r).path("resourceType").asText());
    }

    @Test
    void missingPatientIdNamesTheField() throws Exception {
        String body = "{\"hookInstance\":\"x\",\"hook\":\"patient-view\",\"context\":{\"userId\":\"Practitioner/1\"}}";
        HttpResponse<String> r = server.post("/cds-services/proactive-care", body);
        assertEquals(400, r.statusCode());
        assertEquals("context.patientId", TestServer.json(r).path("issue").get(0).path("expression").get(0).asText());
    }

    @Test
    void unknownServiceIs404() throws Exception {
        assertEquals(404, server.post("/cds-services/no-such-service", CdsHooksRequests.fixture("fit-patient-view.json")).statusCode());
    }
}
