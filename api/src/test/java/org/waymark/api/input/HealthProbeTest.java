package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.fixtures.Folders;

/** {@code /health/live}, {@code /health/ready} and {@code /health}: ready only when the store, rule sets, pathways and warm-up are. */
class HealthProbeTest {
    @Test
    void aServerThatStartedIsLiveAndReadyWithEveryCheckUp() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertEquals(200, server.get("/health/live").statusCode());
            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            Map<String, String> checks = checks(TestServer.json(ready));
            assertEquals(Map.of("store", "UP", "ruleSets", "UP", "pathways", "UP", "auditTrail", "UP", "warmUp", "UP"), checks, ready.body());
            HttpResponse<String> health = server.get("/health");
            assertEquals(200, health.statusCode());
            assertEquals("UP", TestServer.json(health).path("status").asText());
            assertTrue(TestServer.json(health).path("ruleSets").size() > 0, health.body());
        }
    }

    @Test
    void aRuleSetVersionThatFailedToLoadMakesTheServerNotReadyButStillLive() throws Exception {
        Path rules = Servers.temporaryFolder().resolve("rules");
        Folders.copy(TestServer.rules(), rules);
        // The serving gate lints against the published code lists and the recommendations documentation.
        Folders.copy(TestServer.rules().resolveSibling("codelists"), rules.resolveSibling("codelists"));
        java.nio.file.Files.createDirectories(rules.resolveSibling("docs"));
        java.nio.file.Files.copy(TestServer.rules().resolveSibling("docs").resolve("recommendations.md"), rules.resolveSibling("docs").resolve("recommendations.md"));
        Folders.copy(Path.of("src/test/resources/lint-fixture/rules/lint-broken"), rules.resolve("lint-broken"));
        try (TestServer server = TestServer.start(rules)) {
            assertEquals(200, server.get("/health/live").statusCode());
            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode body = TestServer.json(ready);
            assertEquals("DOWN", body.path("status").asText());
            assertEquals("DOWN", checks(body).get("ruleSets"), ready.body());
            assertTrue(ready.body().contains("lint-broken@1.0.0 failed to load"), ready.body());
            assertEquals(503, server.get("/health").statusCode());
            // The rule sets that did load still serve.
            assertEquals(200, server.post("/cds-services/proactive-care",
                    org.waymark.fixtures.CdsHooksRequests.fixture("fit-patient-view.json")).statusCode());
        }
    }

    private static Map<String, String> checks(JsonNode body) {
        Map<String, String> out = new HashMap<>();
        body.path("checks").forEach(c -> out.put(c.path("name").asText(), c.path("status").asText()));
        return out;
    }
}
