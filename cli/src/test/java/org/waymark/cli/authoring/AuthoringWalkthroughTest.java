package org.waymark.cli.authoring;

import org.waymark.cli.Cli;
import org.waymark.fixtures.Folders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;

/**
 * The steps of docs/authoring.md, run as written (same files, same commands) on a
 * copy of the repository's rules, never the rules themselves.
 */
class AuthoringWalkthroughTest {
    private static final String TOKEN = "walkthrough-admin-token";

    @TempDir
    Path repo;

    @Test
    void makeVersion110LintReplayDiffActivateAndRollBack() throws Exception {
        Path rules = repo.resolve("rules");
        Folders.copy(TestServer.rules(), rules);
        Folders.copy(TestServer.rules().resolveSibling("codelists"), repo.resolve("codelists")); // lint checks value sets against them
        Files.createDirectories(repo.resolve("docs"));
        Files.copy(TestServer.rules().resolveSibling("docs").resolve("recommendations.md"), repo.resolve("docs/recommendations.md"));
        Path pathways = TestServer.rules().resolveSibling("pathways").resolve("definitions");

        // 1. Copy the current version; set version, status and changelog.
        Path v110 = rules.resolve("proactive-care/1.1.0");
        Folders.copy(rules.resolve("proactive-care/1.0.0"), v110);
        Path manifest = v110.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0", "version: 1.1.0").replace("status: active", "status: draft")
                + "  - version: 1.1.0\n    date: 2026-12-01\n    summary: Structured medication review from 9 current repeat medicines (was 10).\n");
        // 2. Change a threshold.
        Path parameters = v110.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("  medication-review-min-medicines:\n    value: 10",
                "  medication-review-min-medicines:\n    value: 9"));
        // 3. Update and add scenarios.
        Path nine = v110.resolve("scenarios/medication-review-nine-medicines.yaml");
        String nineText = Files.readString(nine);
        Files.writeString(nine, nineText.replace("absent: [proactive-care.medication-review]", "present: [proactive-care.medication-review]")
                .replace("kind: below", "kind: fires"));
        Files.writeString(v110.resolve("scenarios/medication-review-eight-medicines.yaml"), nineText
                .replace("Nine current repeat medicines", "Eight current repeat medicines")
                .replaceAll("(?m)^.*Repeat medicine 9.*\\n", ""));

        // 4. Lint.
        Cli.Run lint = Cli.run("lint", "proactive-care@1.1.0", "--rules", rules.toString());
        assertEquals(0, lint.exit(), lint.out());
        assertTrue(lint.out().contains("lint clean"), lint.out());
        // 5. Replay, with a JUnit report.
        Path junit = repo.resolve("target/replay-1.1.0.xml");
        Cli.Run replay = Cli.run("replay", v110.toString(), "--junit", junit.toString(), "--rules", rules.toString(), "--pathways", pathways.toString());
        assertEquals(0, replay.exit(), replay.out());
        assertTrue(Files.readString(junit).contains("failures=\"0\""));
        // 6. Diff shows the changed patient.
        Cli.Run diff = Cli.run("diff", "proactive-care", "1.0.0", "1.1.0", "--scenarios", rules.resolve("proactive-care/1.0.0/scenarios").toString(),
                "--rules", rules.toString());
        assertEquals(0, diff.exit(), diff.out());
        assertTrue(diff.out().contains("1 of "), diff.out());
        assertTrue(diff.out().contains("Nine current repeat medicines") && diff.out().contains("+ proactive-care.medication-review"), diff.out());

        // 7-8. Against a running server: reload, activate, roll back, with the admin token from a file.
        Path tokenFile = repo.resolve("admin.token");
        Files.writeString(tokenFile, TOKEN);
        try (TestServer server = TestServer.start(rules, Map.of("lead-clinician", AdminAuth.sha256(TOKEN)))) {
            String url = server.url("");
            PatientBuilder nineMeds = PatientBuilder.patient("nine").born("1945-02-01").male();
            for (int i = 1; i <= 9; i++) {
                nineMeds.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
            }
            String request = CdsHooksRequests.patientView(nineMeds);
            assertEquals("{\"cards\":[]}", server.post("/cds-services/proactive-care", request).body());

            assertEquals(0, Cli.run("rule-sets", "--server", url, "--token-file", tokenFile.toString(), "reload").exit());
            Cli.Run activate = Cli.run("rule-sets", "--server", url, "--token-file", tokenFile.toString(), "activate", "proactive-care", "1.1.0");
            assertEquals(0, activate.exit(), activate.out());
            String cards = server.post("/cds-services/proactive-care", request).body();
            assertTrue(cards.contains("proactive-care.medication-review"), cards);
            // The card's wording follows the parameter (docs/authoring.md, "Wording").
            assertTrue(cards.contains("9 or more current medicines"), cards);

            Cli.Run history = Cli.run("rule-sets", "--server", url, "--token-file", tokenFile.toString(), "history", "proactive-care");
            assertTrue(history.out().contains("\"actor\":\"lead-clinician\""), history.out());
            assertEquals(0, Cli.run("rule-sets", "--server", url, "--token-file", tokenFile.toString(), "rollback", "proactive-care").exit());
            assertEquals("{\"cards\":[]}", server.post("/cds-services/proactive-care", request).body());
        }
    }
}
