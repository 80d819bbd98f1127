package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.admin.AdminAuth;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;

/**
 * What is served is what was approved: the active version is kept in the store (restart serves it),
 * a version that fails its checks never serves (at start-up or activation, nor after a restart), rollback walks
 * back through history, and concurrent changes keep the activation log one unbroken chain. Each test runs on the
 * embedded H2 store and on PostgreSQL (127.0.0.1:5432, database test), in a fresh schema.
 */
class RuleSetServingTest {
    private static final String TOKEN = "test-admin-token-not-a-secret";
    private static final String FRAIL = CdsHooksRequests.fixture("frail-patient-view.json");

    @TempDir
    Path repo;

    @OnEachStore
    void aRestartServesTheVersionActivatedThroughTheAdminApi(String kind, String store) throws Exception {
        copyRules();
        newVersion("1.0.1", "active", Optional.empty());
        try (TestServer server = start(store)) {
            assertEquals("1.0.1", answer(server), "with nothing stored, the highest status-active version that passes serves");
            assertEquals(200, activate(server, "1.0.0").statusCode());
            assertEquals("1.0.0", answer(server));
        }
        try (TestServer restarted = start(store)) {
            assertEquals("1.0.0", answer(restarted), "the stored active version serves, not the highest status-active one");
            assertEquals("1.0.0", activeVersion(restarted));
        }
    }

    @OnEachStore
    void aVersionRefusedAtActivationIsNotServedAfterARestart(String kind, String store) throws Exception {
        copyRules();
        try (TestServer server = start(store)) {
            newVersion("1.0.2", "active", Optional.of(new String[] {"  frailty-min-age:\n    value: 65\n", "  frailty-min-age:\n    value: 90\n"}));
            assertEquals(200, server.admin("POST", "/admin/rule-sets/reload", TOKEN, null).statusCode());
            HttpResponse<String> refused = activate(server, "1.0.2");
            assertEquals(409, refused.statusCode(), refused.body());
            assertEquals("1.0.0", answer(server));
            assertRefusal(TestServer.json(server.get("/health")), "1.0.2", "activation", "frailty-review-efi-above-threshold.yaml");
        }
        try (TestServer restarted = start(store)) {
            assertEquals("1.0.0", answer(restarted), "the refused version is status active and the highest, yet it does not serve");
            assertRefusal(TestServer.json(restarted.get("/health")), "1.0.2", "activation", "frailty-review-efi-above-threshold.yaml");
            JsonNode list = TestServer.json(restarted.admin("GET", "/admin/rule-sets", TOKEN, null));
            assertRefusal(list, "1.0.2", "activation", "expected but not recommended: proactive-care.frailty-review");
        }
    }

    @OnEachStore
    void aStatusActiveVersionWhoseScenariosFailIsNotServedAtStartUpAndHealthNamesTheRefusal(String kind, String store) throws Exception {
        copyRules();
        newVersion("1.0.2", "active", Optional.of(new String[] {"  frailty-min-age:\n    value: 65\n", "  frailty-min-age:\n    value: 90\n"}));
        try (TestServer server = start(store)) {
            assertEquals("1.0.0", answer(server), "the last version that passes its checks serves");
            HttpResponse<String> health = server.get("/health");
            assertEquals(200, health.statusCode());
            assertRefusal(TestServer.json(health), "1.0.2", "start-up", "frailty-review-efi-above-threshold.yaml");
        }
        try (TestServer restarted = start(store)) {
            assertEquals("1.0.0", answer(restarted));
        }
    }

    @OnEachStore
    void rollbackWalksBackThroughHistoryAcrossARestartAndStopsAtItsStart(String kind, String store) throws Exception {
        copyRules();
        newVersion("1.0.1", "draft", Optional.empty());
        newVersion("1.0.2", "draft", Optional.empty());
        try (TestServer server = start(store)) {
            assertEquals(200, activate(server, "1.0.1").statusCode());
            assertEquals(200, activate(server, "1.0.2").statusCode());
            assertEquals(200, rollback(server).statusCode());
            assertEquals("1.0.1", answer(server));
        }
        try (TestServer restarted = start(store)) {
            assertEquals("1.0.1", answer(restarted), "a rollback is stored like an activation");
            HttpResponse<String> second = rollback(restarted);
            assertEquals(200, second.statusCode(), second.body());
            assertEquals("1.0.0", answer(restarted), "the second rollback goes a second step back, not back to 1.0.2");
            HttpResponse<String> atStart = rollback(restarted);
            assertEquals(409, atStart.statusCode(), atStart.body());
            assertTrue(TestServer.json(atStart).at("/issue/0/diagnostics").asText().contains("proactive-care@1.0.0 is the first version in the activation history"),
                    atStart.body());
            assertEquals("1.0.0", answer(restarted));
            assertEquals(200, activate(restarted, "1.0.2").statusCode(), "after walking back, activation works again");
            assertEquals("1.0.2", answer(restarted));
        }
    }

    @OnEachStore
    void concurrentActivationsAndRollbacksKeepTheActivationLogOneUnbrokenChain(String kind, String store) throws Exception {
        copyRules();
        newVersion("1.0.1", "draft", Optional.empty());
        newVersion("1.0.2", "draft", Optional.empty());
        try (TestServer server = start(store)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Random random = new Random(t);
                workers.add(pool.submit(() -> {
                    int changed = 0;
                    for (int i = 0; i < 4; i++) {
                        HttpResponse<String> r = random.nextInt(3) == 0 ? rollback(server)
                                : activate(server, "1.0." + random.nextInt(3));
                        assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.statusCode() + " " + r.body());
                        changed += r.statusCode() == 200 ? 1 : 0;
                    }
                    return changed;
                }));
            }
            int changes = 0;
            for (Future<Integer> w : workers) {
                changes += w.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();

            JsonNode log = TestServer.json(server.admin("GET", "/admin/rule-sets/proactive-care/activations", TOKEN, null)).path("activations");
            assertEquals(changes, log.size(), "every accepted change is recorded once");
            assertTrue(changes >= 2, "the run changed versions: " + log);
            for (int i = 0; i < log.size() - 1; i++) {
                JsonNode newer = log.get(i);
                JsonNode older = log.get(i + 1);
                assertEquals(older.path("toVersion").asText(), newer.path("fromVersion").asText(), "chain broken at " + i + ": " + log);
            }
            assertEquals("1.0.0", log.get(log.size() - 1).path("fromVersion").asText());
            assertEquals(log.get(0).path("toVersion").asText(), answer(server), "the newest entry names the serving version");
        }
    }

    private static void assertRefusal(JsonNode body, String version, String phase, String reason) {
        for (JsonNode set : body.path("ruleSets")) {
            for (JsonNode r : set.path("refused")) {
                if (set.path("id").asText().equals("proactive-care") && r.path("version").asText().equals(version)
                        && r.path("phase").asText().equals(phase) && r.path("reasons").toString().contains(reason)) {
                    return;
                }
            }
        }
        throw new AssertionError("no " + phase + " refusal of proactive-care@" + version + " naming " + reason + " in " + body);
    }

    private TestServer start(String store) {
        // A generous deadline: these tests are about which version answers, not how fast on a loaded machine.
        return TestServer.start(repo.resolve("rules"), Map.of("lead-clinician", AdminAuth.sha256(TOKEN)), Optional.empty(), Optional.of(store),
                Duration.ofSeconds(60), List.of());
    }

    private static HttpResponse<String> activate(TestServer server, String version) throws IOException, InterruptedException {
        return server.admin("POST", "/admin/rule-sets/proactive-care/activate", TOKEN, "{\"version\":\"" + version + "\"}");
    }

    private static HttpResponse<String> rollback(TestServer server) throws IOException, InterruptedException {
        return server.admin("POST", "/admin/rule-sets/proactive-care/rollback", TOKEN, null);
    }

    private static String activeVersion(TestServer server) throws IOException, InterruptedException {
        for (JsonNode set : TestServer.json(server.get("/health")).path("ruleSets")) {
            if (set.path("id").asText().equals("proactive-care")) {
                return set.path("activeVersion").asText();
            }
        }
        return "none";
    }

    /** The single rule-set version behind the frail patient's cards. */
    private static String answer(TestServer server) throws IOException, InterruptedException {
        HttpResponse<String> r = server.post("/cds-services/proactive-care", FRAIL);
        assertEquals(200, r.statusCode(), r.body());
        Set<String> versions = new HashSet<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            versions.add(card.path("extension").path("org.waymark.provenance").path("ruleSetVersion").asText());
        }
        assertEquals(1, versions.size(), r.body());
        return versions.iterator().next();
    }

    private void copyRules() throws IOException {
        TestStores.copyRules(repo);
    }

    /** A copy of proactive-care 1.0.0 as {@code version} with the given manifest status and, optionally, one parameter changed. */
    private void newVersion(String version, String status, Optional<String[]> parameterChange) throws IOException {
        Path to = repo.resolve("rules/proactive-care/" + version);
        Folders.copy(repo.resolve("rules/proactive-care/1.0.0"), to);
        Files.writeString(to.resolve("manifest.yaml"), Files.readString(to.resolve("manifest.yaml"))
                .replace("version: 1.0.0", "version: " + version).replace("status: active", "status: " + status));
        parameterChange.ifPresent(c -> {
            try {
                Files.writeString(to.resolve("parameters.yaml"), Files.readString(to.resolve("parameters.yaml")).replace(c[0], c[1]));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
