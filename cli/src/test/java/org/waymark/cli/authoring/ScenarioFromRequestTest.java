package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.cli.Cli;

/** A CDS Hooks request becomes a scenario that replays green, without the patient's identifiers. */
class ScenarioFromRequestTest {
    private static final Path RULES = TestServer.rules();
    private static final Path PATHWAYS = RULES.resolveSibling("pathways").resolve("definitions");
    private static final Path REQUEST = RULES.resolveSibling("test-fixtures")
            .resolve("src/main/resources/org/waymark/fixtures/cds-hooks/frail-patient-view.json");

    @TempDir
    Path tmp;

    @Test
    void aRequestBecomesAScenarioThatReplaysGreenAndHoldsNoIdentifiers() throws Exception {
        Path scenario = tmp.resolve("scenarios/frail.yaml");
        Files.createDirectories(scenario.getParent());
        Cli.Run made = Cli.run("scenario", "from-request", REQUEST.toString(), "--as-of", "2026-11-24T09:00:00Z", "--out", scenario.toString(),
                "--title", "Frail patient from the EHR", "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());
        assertEquals(0, made.exit(), made.out());
        String yaml = Files.readString(scenario);
        assertTrue(yaml.contains("proactive-care.frailty-review"), "the frail patient's current recommendation is expected: " + yaml);
        assertFalse(yaml.contains("9434765919") || yaml.contains("Testperson"), "name and NHS number are removed: " + yaml);
        assertTrue(yaml.contains("1940-03-02"), "clinical content such as the birth date stays");

        Cli.Run replay = Cli.run("replay", scenario.toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());
        assertEquals(0, replay.exit(), replay.out());
    }

    @Test
    void somethingThatIsNotARequestOrFhirIsAClearError() throws Exception {
        Path notFhir = Files.writeString(tmp.resolve("x.json"), "{\"hello\": 1}");
        Cli.Run run = Cli.run("scenario", "from-request", notFhir.toString(), "--as-of", "2026-11-24", "--rules", RULES.toString(),
                "--pathways", PATHWAYS.toString());
        assertEquals(2, run.exit(), run.out());
    }
}
