package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminAuth.Role;
import org.waymark.api.admin.AdminIdentity;
import org.waymark.fixtures.Folders;

/**
 * The lifecycle with sign-off, on a production server (client authentication on, not --dev): a draft is refused
 * activation; an author submits (the gate runs, the evidence pack is stored); a safety officer who is neither the
 * submitter nor a manifest author approves the pack by its SHA-256; an operator activates. Roles are checked per route.
 * The main path runs on the embedded H2 store and on PostgreSQL (127.0.0.1:5432, database test) in a fresh schema.
 */
class VersionSignOffTest {
    private static final String ALICE = "alice-token-not-a-secret";
    private static final String SAM = "sam-token-not-a-secret";
    private static final String RAVI = "ravi-token-not-a-secret";
    private static final String OLU = "olu-token-not-a-secret";
    private static final List<AdminIdentity> ADMINS = List.of(
            new AdminIdentity("alice", EnumSet.of(Role.AUTHOR, Role.SAFETY_OFFICER), AdminAuth.sha256(ALICE)),
            new AdminIdentity("sam", EnumSet.of(Role.SAFETY_OFFICER), AdminAuth.sha256(SAM)),
            new AdminIdentity("ravi", EnumSet.of(Role.AUTHOR), AdminAuth.sha256(RAVI)),
            new AdminIdentity("olu", EnumSet.of(Role.OPERATOR), AdminAuth.sha256(OLU)));

    @TempDir
    Path repo;

    @BeforeEach
    void copyRules() throws IOException {
        TestStores.copyRules(repo);
    }

    @OnEachStore
    void aDraftIsRefusedThenSubmittedApprovedByAnotherPersonAndActivated(String kind, String store) throws Exception {
        medicinesThresholdNine("1.1.0");
        try (TestServer server = production(Optional.of(store))) {
            assertEquals(200, call(server, "POST", "/admin/rule-sets/reload", OLU, null).statusCode());
            HttpResponse<String> draft = activate(server, "1.1.0");
            assertEquals(409, draft.statusCode(), draft.body());
            assertTrue(draft.body().contains("proactive-care@1.1.0 is a draft"), draft.body());
            assertEquals("1.0.0", activeVersion(server));

            HttpResponse<String> operatorSubmits = call(server, "POST", version("1.1.0") + "/submit", OLU, null);
            assertEquals(403, operatorSubmits.statusCode(), operatorSubmits.body());
            assertTrue(operatorSubmits.body().contains("needs the role author; olu has operator"), operatorSubmits.body());
            HttpResponse<String> submitted = call(server, "POST", version("1.1.0") + "/submit", ALICE, null);
            assertEquals(200, submitted.statusCode(), submitted.body());
            String sha = TestServer.json(submitted).path("evidenceSha256").asText();
            assertEquals(409, activate(server, "1.1.0").statusCode(), "submitted is not approved");

            HttpResponse<String> selfApproved = approve(server, "1.1.0", ALICE, sha);
            assertEquals(409, selfApproved.statusCode(), selfApproved.body());
            assertTrue(selfApproved.body().contains("self-approval: alice submitted proactive-care@1.1.0"), selfApproved.body());
            HttpResponse<String> wrongPack = approve(server, "1.1.0", SAM, "0".repeat(64));
            assertEquals(409, wrongPack.statusCode(), wrongPack.body());
            assertTrue(wrongPack.body().contains("is not the one approved"), wrongPack.body());
            assertEquals(400, call(server, "POST", version("1.1.0") + "/approve", SAM, "{}").statusCode());
            assertEquals(403, approve(server, "1.1.0", OLU, sha).statusCode(), "an operator is no safety officer");

            String pack = call(server, "GET", version("1.1.0") + "/evidence", SAM, null).body();
            assertTrue(pack.contains("| medication-review-min-medicines | 10 | 9 |"), pack);
            assertTrue(pack.contains("Structured medication review from 9 current repeat medicines"), pack);
            assertTrue(pack.contains("Nine current repeat medicines") && pack.contains("| proactive-care.medication-review |  |"), pack);
            assertTrue(pack.contains("None recorded"), pack);
            assertTrue(pack.contains("all passed") && pack.contains("Lint: clean"), pack);
            assertTrue(pack.contains("Evidence SHA-256 (of everything above this section): `" + sha + "`"), pack);
            assertEquals(sha, AdminAuth.sha256(pack.substring(0, pack.indexOf("## Sign-off"))), "the SHA-256 is of the pack as read");
            assertTrue(pack.contains("Not yet approved"), pack);

            HttpResponse<String> approved = approve(server, "1.1.0", SAM, sha);
            assertEquals(200, approved.statusCode(), approved.body());
            assertEquals("sam", TestServer.json(approved).path("approvedBy").asText());
            assertEquals("reviewed", lifecycle(server, "1.1.0").path("state").asText());

            HttpResponse<String> activated = activate(server, "1.1.0");
            assertEquals(200, activated.statusCode(), activated.body());
            assertEquals("olu", TestServer.json(activated).path("actor").asText());
            assertTrue(TestServer.json(activated).path("warning").isMissingNode(), activated.body());
            assertEquals("1.1.0", activeVersion(server));
            assertEquals("active", lifecycle(server, "1.1.0").path("state").asText());
            assertEquals("retired", lifecycle(server, "1.0.0").path("state").asText());
            assertTrue(call(server, "GET", version("1.1.0") + "/evidence", OLU, null).body().contains("Approved by sam"));
            assertEquals(409, call(server, "POST", version("1.1.0") + "/submit", ALICE, null).statusCode(), "an approved version stays approved");
        }
        try (TestServer restarted = production(Optional.of(store))) {
            assertEquals("1.1.0", activeVersion(restarted));
            assertEquals("sam", lifecycle(restarted, "1.1.0").path("approvedBy").asText(), "the sign-off is in the store");
        }
    }

    @Test
    void aSafetyOfficerNamedAmongTheManifestAuthorsCannotApprove() throws Exception {
        newVersion("1.0.1", "authors:\n  - Waymark clinical content team\n", "authors:\n  - Waymark clinical content team\n  - sam\n");
        try (TestServer server = production(Optional.empty())) {
            assertEquals(200, call(server, "POST", "/admin/rule-sets/reload", RAVI, null).statusCode(), "authors reload too");
            HttpResponse<String> submitted = call(server, "POST", version("1.0.1") + "/submit", RAVI, null);
            assertEquals(200, submitted.statusCode(), submitted.body());
            HttpResponse<String> r = approve(server, "1.0.1", SAM, TestServer.json(submitted).path("evidenceSha256").asText());
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("self-approval: sam is named among the authors of proactive-care@1.0.1"), r.body());
            assertEquals(409, activate(server, "1.0.1").statusCode());
            assertEquals("draft", lifecycle(server, "1.0.1").path("state").asText());
        }
    }

    @Test
    void rollbackTwiceGoesBackTwoSignedOffVersions() throws Exception {
        newVersion("1.0.1", "title: Proactive care\n", "title: Proactive care (1.0.1)\n");
        newVersion("1.0.2", "title: Proactive care\n", "title: Proactive care (1.0.2)\n");
        try (TestServer server = production(Optional.empty())) {
            call(server, "POST", "/admin/rule-sets/reload", OLU, null);
            for (String v : List.of("1.0.1", "1.0.2")) {
                String sha = TestServer.json(call(server, "POST", version(v) + "/submit", RAVI, null)).path("evidenceSha256").asText();
                assertEquals(200, approve(server, v, SAM, sha).statusCode());
                assertEquals(200, activate(server, v).statusCode());
            }
            assertEquals(200, call(server, "POST", "/admin/rule-sets/proactive-care/rollback", OLU, null).statusCode());
            assertEquals("1.0.1", activeVersion(server));
            assertEquals(200, call(server, "POST", "/admin/rule-sets/proactive-care/rollback", OLU, null).statusCode());
            assertEquals("1.0.0", activeVersion(server), "two rollbacks go two versions back");
            assertEquals("retired", lifecycle(server, "1.0.2").path("state").asText());
        }
    }

    @Test
    void developmentModeActivatesADraftWithAWarning() throws Exception {
        newVersion("1.0.1", "title: Proactive care\n", "title: Proactive care (1.0.1)\n");
        try (TestServer server = TestServer.start(repo.resolve("rules"), ADMINS, Optional.empty(), Optional.empty(), Duration.ofSeconds(60),
                List.of(), true)) {
            call(server, "POST", "/admin/rule-sets/reload", OLU, null);
            HttpResponse<String> r = activate(server, "1.0.1");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(TestServer.json(r).path("warning").asText().contains("proactive-care@1.0.1 is a draft")
                    && r.body().contains("--dev mode"), r.body());
            assertEquals("1.0.1", activeVersion(server));
        }
    }

    private TestServer production(Optional<String> store) throws Exception {
        Path clients = TestClients.write(Files.createTempDirectory(repo, "clients"), "", "", "").file;
        return TestServer.start(repo.resolve("rules"), ADMINS, Optional.of(clients), store, Duration.ofSeconds(60), List.of(), false);
    }

    /** 1.0.0 with the medication-review threshold 9 (was 10), its scenario and changelog changed as docs/authoring.md does. */
    private void medicinesThresholdNine(String v) throws IOException {
        Path to = newVersion(v, "  medication-review-min-medicines:\n    value: 10", "  medication-review-min-medicines:\n    value: 9");
        Path manifest = to.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest)
                + "  - version: " + v + "\n    date: 2026-12-01\n    summary: Structured medication review from 9 current repeat medicines (was 10).\n");
        Path nine = to.resolve("scenarios/medication-review-nine-medicines.yaml");
        Files.writeString(nine, Files.readString(nine).replace("absent: [proactive-care.medication-review]", "present: [proactive-care.medication-review]")
                .replace("kind: below", "kind: fires"));
    }

    /** A copy of 1.0.0 as {@code v}, status draft, with {@code from} replaced by {@code to} in its manifest or parameters. */
    private Path newVersion(String v, String from, String to) throws IOException {
        Path folder = repo.resolve("rules/proactive-care/" + v);
        Folders.copy(repo.resolve("rules/proactive-care/1.0.0"), folder);
        for (Path file : List.of(folder.resolve("manifest.yaml"), folder.resolve("parameters.yaml"))) {
            Files.writeString(file, Files.readString(file).replace("\nversion: 1.0.0\n", "\nversion: " + v + "\n").replace("status: active", "status: draft")
                    .replace(from, to));
        }
        return folder;
    }

    private static String version(String v) {
        return "/admin/rule-sets/proactive-care/versions/" + v;
    }

    private static HttpResponse<String> call(TestServer server, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return server.admin(method, path, token, body);
    }

    private static HttpResponse<String> activate(TestServer server, String v) throws IOException, InterruptedException {
        return call(server, "POST", "/admin/rule-sets/proactive-care/activate", OLU, "{\"version\":\"" + v + "\"}");
    }

    private static HttpResponse<String> approve(TestServer server, String v, String token, String sha) throws IOException, InterruptedException {
        return call(server, "POST", version(v) + "/approve", token, "{\"evidenceSha256\":\"" + sha + "\"}");
    }

    private static String activeVersion(TestServer server) throws IOException, InterruptedException {
        for (JsonNode set : TestServer.json(server.get("/health")).path("ruleSets")) {
            if (set.path("id").asText().equals("proactive-care")) {
                return set.path("activeVersion").asText();
            }
        }
        return "none";
    }

    private static JsonNode lifecycle(TestServer server, String v) throws IOException, InterruptedException {
        for (JsonNode row : TestServer.json(call(server, "GET", "/admin/rule-sets", OLU, null)).path("lifecycle")) {
            if (row.path("ruleSet").asText().equals("proactive-care") && row.path("version").asText().equals(v)) {
                return row;
            }
        }
        throw new AssertionError("no lifecycle row for proactive-care@" + v);
    }
}
