package org.waymark.api.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.TestServerExtension;
import org.waymark.api.admin.AdminAuth;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.SyntheticPatients;

/** Observability: /metrics in Prometheus format behind the admin token, with calls, refusals, audit and versions. */
class MetricsTest {
    static final String TOKEN = "metrics-test-admin-token";
    /** Generous, so a loaded machine's first calls are not cut off (the deadline is not what is tested here). */
    static final Duration DEADLINE = Duration.ofMinutes(1);

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.of(() -> start(Optional.empty()));

    @TempDir
    Path dir;

    static TestServer start(Optional<Path> clients) {
        return TestServer.start(TestServer.rules(), Map.of("prometheus", AdminAuth.sha256(TOKEN)), clients, Optional.empty(), DEADLINE, List.of());
    }

    @Test
    void metricsNeedTheAdminToken() throws Exception {
        assertEquals(401, server.admin("GET", "/metrics", null, null).statusCode());
        assertEquals(401, server.admin("GET", "/metrics", "wrong", null).statusCode());
        HttpResponse<String> ok = server.admin("GET", "/metrics", TOKEN, null);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), ok.headers().toString());
    }

    @Test
    void callsAreCountedPerServiceAndStatusWithALatencyHistogram() throws Exception {
        String frail = CdsHooksRequests.patientView(SyntheticPatients.frail());
        assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
        assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
        assertEquals(400, server.post("/cds-services/proactive-care", "{}").statusCode());
        assertEquals(404, server.post("/cds-services/no-such-service-" + System.nanoTime(), frail).statusCode());
        assertEquals(200, server.get("/cds-services").statusCode());
        String text = server.admin("GET", "/metrics", TOKEN, null).body();

        assertEquals(2.0, value(text, "waymark_calls_seconds_count", "service=\"neighbourhood-care\"", "status=\"200\""));
        assertEquals(1.0, value(text, "waymark_calls_seconds_count", "service=\"proactive-care\"", "status=\"400\""));
        assertEquals(1.0, value(text, "waymark_calls_seconds_count", "service=\"unknown\"", "status=\"404\""));
        assertEquals(1.0, value(text, "waymark_calls_seconds_count", "endpoint=\"discovery\"", "status=\"200\""));
        assertFalse(text.contains("no-such-service"), "an unknown service id never becomes a label");
        // A histogram: its +Inf bucket holds every call of the series.
        assertEquals(2.0, value(text, "waymark_calls_seconds_bucket", "service=\"neighbourhood-care\"", "le=\"+Inf\""));
        assertTrue(value(text, "waymark_calls_seconds_sum", "service=\"neighbourhood-care\"", "status=\"200\"") > 0);
    }

    @Test
    void activeRuleSetVersionsAndTheAuditQueueAreGauges() throws Exception {
        String text = server.admin("GET", "/metrics", TOKEN, null).body();
        JsonNode health = TestServer.json(server.get("/health"));
        int serving = 0;
        for (JsonNode set : health.path("ruleSets")) {
            if (set.hasNonNull("activeVersion")) {
                serving++;
                assertEquals(1.0, value(text, "waymark_rule_set_active", "rule_set=\"" + set.path("id").asText() + "\"",
                        "version=\"" + set.path("activeVersion").asText() + "\""), set.toString());
            }
        }
        assertTrue(serving > 0, "some rule set serves");
        assertEquals(serving, text.lines().filter(l -> l.startsWith("waymark_rule_set_active{")).count(), "one series per serving rule set");
        assertEquals(0.0, value(text, "waymark_store_queue_depth"), "each call waits for its commit, so an idle server queues nothing");
        assertEquals(0.0, value(text, "waymark_audit_dead_letters"));
    }

    @Test
    void authRefusalsAreCountedByReason() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: https://ehr.example.org\n    jwks: jwks.json\n");
        try (TestServer server = start(Optional.of(dir.resolve("clients.yaml")))) {
            String frail = CdsHooksRequests.patientView(SyntheticPatients.frail());
            HttpClient http = HttpClient.newHttpClient();
            for (String auth : List.of("", "Bearer not-a-jwt", "Bearer also.not.ajwt")) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/cds-services/proactive-care")))
                        .POST(HttpRequest.BodyPublishers.ofString(frail));
                if (!auth.isEmpty()) {
                    b.header("Authorization", auth);
                }
                assertEquals(401, http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            String text = server.admin("GET", "/metrics", TOKEN, null).body();
            assertEquals(1.0, value(text, "waymark_auth_refusals_total", "reason=\"no_bearer_token\""), text);
            assertEquals(2.0, value(text, "waymark_auth_refusals_total", "reason=\"malformed\""), text);
            assertEquals(3.0, value(text, "waymark_calls_seconds_count", "service=\"proactive-care\"", "status=\"401\""));
        }
    }

    private static double value(String text, String name, String... labels) {
        OptionalDouble v = Prometheus.sample(text, name, labels);
        assertTrue(v.isPresent(), "no sample " + name + " " + List.of(labels) + " in:\n" + text);
        return v.getAsDouble();
    }
}
