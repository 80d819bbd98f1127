package org.waymark.api;

import org.waymark.fixtures.Folders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.admin.AdminAuth;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.SharedDefinition;
import org.waymark.fixtures.CdsHooksRequests;

/** Refused activation names failing scenarios; a switch drops nothing; rollback restores. */
class RuleSetActivationTest {
    private static final String TOKEN = "test-admin-token-not-a-secret";
    private static final String FRAIL = CdsHooksRequests.fixture("frail-patient-view.json");

    @TempDir
    Path repo;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        TestStores.copyRules(repo);
        // A generous deadline: these tests are about which version answers, not how fast on a loaded machine.
        server = TestServer.start(repo.resolve("rules"), Map.of("lead-clinician", AdminAuth.sha256(TOKEN)), java.util.Optional.empty(),
                java.util.Optional.empty(), java.time.Duration.ofSeconds(60), List.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void adminCallsNeedAValidToken() throws Exception {
        assertEquals(401, server.admin("GET", "/admin/rule-sets", null, null).statusCode());
        assertEquals(401, server.admin("GET", "/admin/rule-sets", "wrong", null).statusCode());
        assertEquals(200, server.admin("GET", "/admin/rule-sets", TOKEN, null).statusCode());
    }

    @Test
    void activationOfAVersionWhoseScenariosFailIsRefusedNamingThem() throws Exception {
        // The eFI thresholds live in the shared frailty definition; raising the frailty review's minimum age breaks the same scenario.
        newVersion("1.0.2", "  frailty-min-age:\n    value: 65\n", "  frailty-min-age:\n    value: 90\n");
        assertEquals(200, server.admin("POST", "/admin/rule-sets/reload", TOKEN, null).statusCode());
        HttpResponse<String> r = server.admin("POST", "/admin/rule-sets/proactive-care/activate", TOKEN, "{\"version\":\"1.0.2\"}");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("OperationOutcome", TestServer.json(r).path("resourceType").asText(), "admin errors have the one error shape");
        assertTrue(r.body().contains("frailty-review-efi-above-threshold.yaml"), r.body());
        assertTrue(r.body().contains("expected but not recommended: proactive-care.frailty-review"), r.body());
        assertEquals("1.0.0", versionAnswering());
    }

    @Test
    void switchingVersionsUnderLoadAnswersEveryRequestWithExactlyOneVersionAndRollbackRestores() throws Exception {
        newVersion("1.0.1", "title: Proactive care\n", "title: Proactive care (revised)\n");
        assertEquals(200, server.admin("POST", "/admin/rule-sets/reload", TOKEN, null).statusCode());
        assertEquals("1.0.0", versionAnswering());

        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clients.add(pool.submit(() -> {
                while (!stop.get()) {
                    answers.add(answer());
                }
                return null;
            }));
        }
        while (answers.size() < 40) {
            Thread.sleep(5);
        }
        HttpResponse<String> activated = server.admin("POST", "/admin/rule-sets/proactive-care/activate", TOKEN, "{\"version\":\"1.0.1\"}");
        assertEquals(200, activated.statusCode(), activated.body());
        int atSwitch = answers.size();
        while (answers.size() < atSwitch + 40) {
            Thread.sleep(5);
        }
        stop.set(true);
        for (Future<?> f : clients) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<String> seen = new HashSet<>(answers);
        assertEquals(Set.of("1.0.0", "1.0.1"), seen, "every request answered by exactly one version: " + seen);
        assertEquals("1.0.1", versionAnswering());

        HttpResponse<String> rolledBack = server.admin("POST", "/admin/rule-sets/proactive-care/rollback", TOKEN, null);
        assertEquals(200, rolledBack.statusCode(), rolledBack.body());
        assertEquals("1.0.0", versionAnswering());

        JsonNode history = TestServer.json(server.admin("GET", "/admin/rule-sets/proactive-care/activations", TOKEN, null)).path("activations");
        assertEquals(2, history.size());
        assertEquals("rollback", history.get(0).path("kind").asText());
        assertEquals("1.0.1", history.get(0).path("fromVersion").asText());
        assertEquals("lead-clinician", history.get(1).path("actor").asText());
        assertEquals("1.0.0", history.get(1).path("fromVersion").asText());
    }

    @Test
    void aShadowingCandidateChangesNoAnswerButItsDifferencesAreStored() throws Exception {
        newVersion("1.1.0", "  medication-review-min-medicines:\n    value: 10\n", "  medication-review-min-medicines:\n    value: 9\n");
        assertEquals(200, server.admin("POST", "/admin/rule-sets/reload", TOKEN, null).statusCode());
        assertEquals(200, server.admin("POST", "/admin/rule-sets/proactive-care/shadow", TOKEN, "{\"version\":\"1.1.0\"}").statusCode());
        org.waymark.fixtures.PatientBuilder nine = org.waymark.fixtures.PatientBuilder.patient("nine-meds").born("1945-02-01").male();
        for (int i = 1; i <= 9; i++) {
            nine.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
        }
        HttpResponse<String> live = server.post("/cds-services/proactive-care", CdsHooksRequests.patientView(nine));
        assertEquals("{\"cards\":[]}", live.body(), "only the active version answers");
        JsonNode report = TestServer.json(server.admin("GET", "/admin/rule-sets/proactive-care/shadow", TOKEN, null));
        assertEquals(1, report.path("differences").asInt(), report.toString());
        assertEquals("proactive-care.medication-review", report.path("calls").get(0).path("gained").get(0).asText());
        assertEquals(1, report.path("perCode").path("proactive-care.medication-review").path("gained").asInt());
        assertEquals(64, report.path("calls").get(0).path("patientKey").asText().length(), "patients are keyed hashes");
    }

    @Test
    void aVersionReloadedAndActivatedSharesTheSharedDefinitionsAndAnswersAsBefore() throws Exception {
        String before = server.post("/cds-services/proactive-care", FRAIL).body();
        newVersion("1.0.1", "version: 1.0.1\n", "version: 1.0.1\n");
        assertEquals(200, server.admin("POST", "/admin/rule-sets/reload", TOKEN, null).statusCode());
        HttpResponse<String> activated = server.admin("POST", "/admin/rule-sets/proactive-care/activate", TOKEN, "{\"version\":\"1.0.1\"}");
        assertEquals(200, activated.statusCode(), activated.body());

        RuleSets serving = server.server().registry().current();
        assertEquals("1.0.1", serving.active("proactive-care").orElseThrow().version());
        Set<SharedDefinition> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        serving.allActive().forEach(rs -> shared.addAll(rs.shared()));
        assertEquals(2, shared.size(), "frailty and residence stay one object each, evaluated once per call");
        String after = server.post("/cds-services/proactive-care", FRAIL).body();
        assertEquals("1.0.1", versionAnswering());
        assertEquals(withoutUuids(before), withoutUuids(after).replace("1.0.1", "1.0.0"), "the same cards, evidence and provenance");
    }

    private static String withoutUuids(String body) {
        return body.replaceAll("\"uuid\":\"[^\"]*\"", "\"uuid\":\"\"");
    }

    /** The single rule-set version behind one response's cards; fails on an error or mixed versions. */
    private String answer() throws IOException, InterruptedException {
        HttpResponse<String> r = server.post("/cds-services/proactive-care", FRAIL);
        if (r.statusCode() != 200) {
            return "HTTP " + r.statusCode();
        }
        Set<String> versions = new HashSet<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            versions.add(card.path("extension").path("org.waymark.provenance").path("ruleSetVersion").asText());
        }
        return versions.size() == 1 ? versions.iterator().next() : "mixed " + versions;
    }

    private String versionAnswering() throws IOException, InterruptedException {
        return answer();
    }

    private void newVersion(String version, String find, String replace) throws IOException {
        Path from = repo.resolve("rules/proactive-care/1.0.0");
        Path to = repo.resolve("rules/proactive-care/" + version);
        Folders.copy(from, to);
        Files.writeString(to.resolve("manifest.yaml"), Files.readString(to.resolve("manifest.yaml"))
                .replace("version: 1.0.0", "version: " + version).replace(find, replace));
        Files.writeString(to.resolve("parameters.yaml"), Files.readString(to.resolve("parameters.yaml")).replace(find, replace));
    }
}
