package org.waymark.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.http.Json;
import org.waymark.cli.Cli;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.SyntheticPatients;

/** Audit events by time range, service, outcome and reason, from a running server (admin API and CLI). */
class AuditListTest {
    private static final String TOKEN = "audit-list-test-token";
    private static TestServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.rules(), Map.of("auditor", AdminAuth.sha256(TOKEN)), Optional.empty(), Optional.empty(),
                Duration.ofMinutes(1), List.of());
        String frail = CdsHooksRequests.patientView(SyntheticPatients.frail());
        assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
        assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
        assertEquals(400, server.post("/cds-services/proactive-care", "{\"hook\":\"patient-view\"}").statusCode());
        Files.writeString(dir.resolve("token"), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode events(String query) throws Exception {
        var r = server.admin("GET", "/admin/audit" + query, TOKEN, null);
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r).path("events");
    }

    @Test
    void filtersByServiceOutcomeAndReason() throws Exception {
        JsonNode proactive = events("?service=proactive-care");
        assertEquals(1, proactive.size(), proactive.toString());
        assertEquals("4xx", proactive.get(0).path("outcome").asText());
        assertEquals(400, proactive.get(0).path("status").asInt());
        JsonNode ok = events("?outcome=ok");
        assertEquals(2, ok.size(), ok.toString());
        ok.forEach(e -> assertEquals("neighbourhood-care", e.path("service").asText()));
        assertTrue(ok.get(0).path("hookInstance").asText().length() > 0);
        String reason = proactive.get(0).path("reason").asText();
        assertTrue(!reason.isBlank(), proactive.toString());
        assertEquals(1, events("?reason=" + java.net.URLEncoder.encode(reason.toUpperCase(java.util.Locale.ROOT),
                java.nio.charset.StandardCharsets.UTF_8)).size(), "reason matches regardless of case");
        assertEquals(0, events("?reason=no+such+reason+at+all").size());
        assertEquals(1, events("?limit=1").size());
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() throws Exception {
        // The test server's clock is fixed, so every event occurred at TestServer.NOW.
        assertEquals(3, events("?from=" + TestServer.NOW).size());
        assertEquals(0, events("?from=" + TestServer.NOW.plusMillis(1)).size());
        assertEquals(0, events("?to=" + TestServer.NOW).size());
        assertEquals(3, events("?from=" + TestServer.NOW.minusSeconds(60) + "&to=" + TestServer.NOW.plusMillis(1)).size());
    }

    @Test
    void badQueriesAre400AndTheEndpointNeedsTheAdminToken() throws Exception {
        assertEquals(401, server.admin("GET", "/admin/audit", null, null).statusCode());
        assertEquals(400, server.admin("GET", "/admin/audit?from=yesterday", TOKEN, null).statusCode());
        assertEquals(400, server.admin("GET", "/admin/audit?limit=0", TOKEN, null).statusCode());
        assertEquals(400, server.admin("GET", "/admin/audit?from=" + TestServer.NOW + "&to=" + TestServer.NOW, TOKEN, null).statusCode());
    }

    @Test
    void theCommandPrintsATableOrJson() throws Exception {
        String[] base = {"audit", "list", "--server", server.url(""), "--token-file", dir.resolve("token").toString()};
        Cli.Run table = Cli.run(concat(base, "--outcome", "4xx"));
        assertEquals(0, table.exit(), table.out());
        List<String> lines = table.out().lines().toList();
        assertEquals(2, lines.size(), table.out());
        assertTrue(lines.get(0).startsWith("at ") && lines.get(0).contains("reason"), lines.get(0));
        assertTrue(lines.get(1).contains("proactive-care") && lines.get(1).contains("4xx") && lines.get(1).contains("400"), lines.get(1));

        Cli.Run json = Cli.run(concat(base, "--json", "--service", "neighbourhood-care"));
        assertEquals(0, json.exit(), json.out());
        assertEquals(2, Json.MAPPER.readTree(json.out()).path("events").size(), json.out());
    }

    @Test
    void theCommandWithoutATokenIsAUsageError() {
        assertEquals(2, Cli.run("audit", "list", "--server", server.url("")).exit());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
