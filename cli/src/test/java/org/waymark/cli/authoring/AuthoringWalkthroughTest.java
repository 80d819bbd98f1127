package org.waymark.cli.authoring;

import org.waymark.cli.Cli;
import org.waymark.fixtures.Folders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminIdentity;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;

/**
 * The steps of docs/authoring.md, run as written (same files, same commands) on a
 * copy of the repository's rules, never the rules themselves.
 */
class AuthoringWalkthroughTest {

    @TempDir
    Path repo;

    @Test
    void makeVersion110LintReplayDiffSubmitApproveActivateAndRollBack() throws Exception {
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

        // 7-8. Against a running server: reload, submit (author), read the evidence and approve (a second person, the safety
        // officer), activate (operator), roll back; each person's admin token from their own file, identities as in "Admin tokens".
        Map<String, Path> tokens = new java.util.LinkedHashMap<>();
        for (String who : List.of("alice", "sam", "olu")) {
            tokens.put(who, repo.resolve(who + ".token"));
            Files.writeString(tokens.get(who), "walkthrough-token-of-" + who + "\n");
        }
        List<AdminIdentity> admins = AdminAuth.parse("alice:author:" + sha(tokens.get("alice")) + ",sam:safety-officer:" + sha(tokens.get("sam"))
                + ",olu:operator:" + sha(tokens.get("olu")));
        try (TestServer server = TestServer.start(rules, admins, Optional.empty(), Optional.empty(), Duration.ofMinutes(2), List.of(), true)) {
            String url = server.url("");
            PatientBuilder nineMeds = PatientBuilder.patient("nine").born("1945-02-01").male();
            for (int i = 1; i <= 9; i++) {
                nineMeds.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
            }
            String request = CdsHooksRequests.patientView(nineMeds);
            assertEquals("{\"cards\":[]}", server.post("/cds-services/proactive-care", request).body());

            assertEquals(0, ruleSets(url, tokens.get("alice"), "reload").exit());
            Cli.Run submit = ruleSets(url, tokens.get("alice"), "submit", "proactive-care", "1.1.0");
            assertEquals(0, submit.exit(), submit.out());
            Cli.Run evidence = ruleSets(url, tokens.get("sam"), "evidence", "proactive-care", "1.1.0");
            assertEquals(0, evidence.exit(), evidence.out());
            assertTrue(evidence.out().contains("| medication-review-min-medicines | 10 | 9 |"), evidence.out());
            java.util.regex.Matcher sha = java.util.regex.Pattern.compile("Evidence SHA-256 [^`]*`([0-9a-f]{64})`").matcher(evidence.out());
            assertTrue(sha.find(), evidence.out());
            Cli.Run selfApproval = ruleSets(url, tokens.get("alice"), "approve", "proactive-care", "1.1.0", "--evidence-sha256", sha.group(1));
            assertEquals(1, selfApproval.exit(), "alice is no safety officer: " + selfApproval.out());
            Cli.Run approve = ruleSets(url, tokens.get("sam"), "approve", "proactive-care", "1.1.0", "--evidence-sha256", sha.group(1));
            assertEquals(0, approve.exit(), approve.out());
            Cli.Run activate = ruleSets(url, tokens.get("olu"), "activate", "proactive-care", "1.1.0");
            assertEquals(0, activate.exit(), activate.out());
            assertFalse(activate.out().contains("warning"), "an approved version activates without the --dev warning: " + activate.out());
            String cards = server.post("/cds-services/proactive-care", request).body();
            assertTrue(cards.contains("proactive-care.medication-review"), cards);
            // The card's wording follows the parameter (docs/authoring.md, "Wording").
            assertTrue(cards.contains("9 or more current medicines"), cards);

            Cli.Run history = ruleSets(url, tokens.get("olu"), "history", "proactive-care");
            assertTrue(history.out().contains("\"actor\":\"olu\""), history.out());
            assertTrue(ruleSets(url, tokens.get("sam"), "evidence", "proactive-care", "1.1.0").out().contains("Approved by sam"));
            assertEquals(0, ruleSets(url, tokens.get("olu"), "rollback", "proactive-care").exit());
            assertEquals("{\"cards\":[]}", server.post("/cds-services/proactive-care", request).body());
        }
    }

    private static Cli.Run ruleSets(String url, Path tokenFile, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("rule-sets", "--server", url, "--token-file", tokenFile.toString()));
        args.addAll(List.of(command));
        return Cli.run(args.toArray(String[]::new));
    }

    /** As the guide's {@code sha} shell function: the SHA-256 of the token file's content without its line end. */
    private static String sha(Path tokenFile) throws java.io.IOException {
        return AdminAuth.sha256(Files.readString(tokenFile).strip());
    }
}
