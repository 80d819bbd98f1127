package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.cli.Cli;

/** Replay passes for every bundled rule set; a wrong expectation fails readably. */
class ReplayCommandTest {
    private static final Path RULES = TestServer.rules();
    private static final Path PATHWAYS = RULES.resolveSibling("pathways").resolve("definitions");

    @TempDir
    Path tmp;

    @Test
    void everyBundledScenarioPasses() {
        Cli.Run run = Cli.run("replay", RULES.toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().matches("(?s).*\\n\\d+ passed, 0 failed\\n$"), run.out());
    }

    @Test
    void aWrongExpectationExitsNonZeroWithTheDifferenceAndAJUnitFailure() throws Exception {
        Path scenario = tmp.resolve("scenarios/wrong.yaml");
        Files.createDirectories(scenario.getParent());
        Files.writeString(scenario, """
                title: Deliberately wrong - a fit person is expected to need a frailty review
                asOf: 2026-11-24
                patient: { birthDate: 1950-01-01, gender: male }
                entries:
                  - { observation: 713636003, display: Frailty index score, value: 0.05, date: 2026-10-01 }
                expect:
                  present: [proactive-care.frailty-review]
                """);
        Path junit = tmp.resolve("report.xml");
        Cli.Run run = Cli.run("replay", tmp.toString(), "--junit", junit.toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL  Deliberately wrong"), run.out());
        assertTrue(run.out().contains("expected but not recommended: proactive-care.frailty-review"), run.out());
        assertTrue(run.out().contains("0 passed, 1 failed"), run.out());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("failures=\"1\"") && xml.contains("<failure message=\"expected but not recommended: proactive-care.frailty-review\""), xml);
    }

    @Test
    void anInvalidScenarioNamesTheFileAndField() throws Exception {
        Path scenario = tmp.resolve("scenarios/bad.yaml");
        Files.createDirectories(scenario.getParent());
        Files.writeString(scenario, "title: Bad date\nasOf: yesterday\npatient: { birthDate: 1950-01-01 }\nexpect: { present: [a.b] }\n");
        Cli.Run run = Cli.run("replay", tmp.toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("bad.yaml: asOf: an instant such as"), run.out());
    }
}
