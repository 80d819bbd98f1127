package org.waymark.api.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestClients;
import org.waymark.api.TestServer;
import org.waymark.api.TestServerExtension;
import org.waymark.api.admin.AdminAuth;
import org.waymark.fixtures.CdsHooksRequests;

/** The explain option: cards plus the explanation in development mode; outside it refused, except on the admin route. */
class ExplainOptionTest {
    private static final String FRAIL = CdsHooksRequests.fixture("frail-patient-view.json");
    private static final String ADMIN_TOKEN = "lead-secret-token";

    @RegisterExtension
    static final TestServerExtension dev = TestServerExtension.bundledRules();

    @TempDir
    static Path dir;
    private static TestClients clients;

    @RegisterExtension
    static final TestServerExtension production = TestServerExtension.of(() -> {
        try {
            clients = TestClients.write(dir, "", "", "");
            return TestServer.start(TestServer.rules(), Map.of("lead", AdminAuth.sha256(ADMIN_TOKEN)),
                    Optional.of(clients.file), Optional.empty(), Duration.ofMinutes(2), List.of(), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private static JsonNode rule(JsonNode explanation, String ruleId) {
        for (JsonNode set : explanation.path("ruleSets")) {
            for (JsonNode r : set.path("rules")) {
                if (r.path("id").asText().equals(ruleId)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no rule " + ruleId + " in " + explanation);
    }

    private static HttpResponse<String> call(String pathAndQuery, String jwt) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(production.server().url(pathAndQuery)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.ofString(FRAIL)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void inDevelopmentModeTheCardsComeWithTheExplanation() throws Exception {
        HttpResponse<String> r = dev.post("/cds-services/proactive-care?explain=true", FRAIL);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = TestServer.json(r);
        assertTrue(body.path("cards").size() > 0, r.body());
        JsonNode explanation = body.path("extension").path(ExplainOption.EXTENSION);
        assertTrue(explanation.path("codes").toString().contains("proactive-care.frailty-review"), r.body());
        JsonNode frailty = rule(explanation, "PC-FRAILTY-REVIEW");
        assertTrue(frailty.path("fired").asBoolean(), frailty.toString());
        frailty.path("conditions").forEach(c -> assertEquals("MET", c.path("status").asText(), c.toString()));
        assertFalse(rule(explanation, "PC-MEDICATION-REVIEW").path("fired").asBoolean());
    }

    @Test
    void withoutTheOptionTheAnswerIsUnchanged() throws Exception {
        HttpResponse<String> r = dev.post("/cds-services/proactive-care", FRAIL);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(TestServer.json(r).path("extension").isMissingNode(), r.body());
        assertEquals(400, dev.post("/cds-services/proactive-care?explain=yes", FRAIL).statusCode());
    }

    @Test
    void outsideDevelopmentModeAnAuthenticatedClientIsRefused() throws Exception {
        String path = "/cds-services/proactive-care";
        assertEquals(200, call(path, clients.token(path)).statusCode(), "the client is authenticated");

        HttpResponse<String> r = call(path + "?explain=true", clients.token(path));

        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("explain is offered in development mode"), r.body());
    }

    @Test
    void outsideDevelopmentModeAnAdminGetsTheExplanationOnTheAdminRoute() throws Exception {
        assertEquals(401, production.server().admin("POST", "/admin/explain/proactive-care", null, FRAIL).statusCode());

        HttpResponse<String> r = production.server().admin("POST", "/admin/explain/proactive-care", ADMIN_TOKEN, FRAIL);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode explanation = TestServer.json(r).path("extension").path(ExplainOption.EXTENSION);
        assertTrue(rule(explanation, "PC-FRAILTY-REVIEW").path("fired").asBoolean(), r.body());
    }
}
