package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.api.http.Json;
import org.waymark.cli.Cli;

/** {@code waymark explain} on a bundled scenario: the table names the failing threshold; --json carries the same. */
class ExplainCommandTest {
    private static final Path RULES = TestServer.rules();
    private static final Path PATHWAYS = RULES.resolveSibling("pathways").resolve("definitions");
    private static final String NINE_MEDICINES = RULES.resolve("proactive-care/1.0.0/scenarios/medication-review-nine-medicines.yaml").toString();

    @Test
    void theTableNamesTheFailingConditionWithItsValuesAndParameter() {
        Cli.Run run = Cli.run("explain", NINE_MEDICINES, "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("As of 2026-11-24T09:00:00Z"), run.out());
        assertTrue(run.out().matches("(?s).*PC-MEDICATION-REVIEW\\s+not fired\\s+proactive-care.medication-review\\n.*"), run.out());
        assertTrue(run.out().contains("    ✗ 3 $medicines : List( Medication.distinctMedicines(this) >= params.integer(\"medication-review-min-medicines\") )"),
                run.out());
        assertTrue(run.out().contains("        Medication.distinctMedicines(this): 9, needs >= 10 (parameter medication-review-min-medicines)"), run.out());
        assertTrue(run.out().contains("    ✓ 4 not RecordEntry( in(\"structured-medication-review\")"), run.out());
    }

    @Test
    void jsonCarriesTheNearMissForMachines() throws Exception {
        Cli.Run run = Cli.run("explain", NINE_MEDICINES, "--json", "--rule-set", "proactive-care@1.0.0", "--rules", RULES.toString(),
                "--pathways", PATHWAYS.toString());

        assertEquals(0, run.exit(), run.out());
        JsonNode root = Json.MAPPER.readTree(run.out());
        JsonNode rule = null;
        for (JsonNode r : root.path("ruleSets").get(0).path("rules")) {
            if (r.path("id").asText().equals("PC-MEDICATION-REVIEW")) {
                rule = r;
            }
        }
        JsonNode miss = rule.path("conditions").get(2).path("checks").get(0).path("nearMiss");
        assertEquals("9", miss.path("actual").asText());
        assertEquals("10", miss.path("threshold").asText());
        assertEquals("medication-review-min-medicines", miss.path("parameter").asText());
        assertEquals("NOT_MET", rule.path("conditions").get(2).path("status").asText());
    }

    @Test
    void aPathwayStepSaysWhenItWasDueAndHowLateItIs() throws Exception {
        String overdue = PATHWAYS.resolve("urgent-community-response/1.0.0/scenarios/open-overdue.yaml").toString();
        Cli.Run run = Cli.run("explain", overdue, "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());

        assertEquals(0, run.exit(), run.out());
        // Referral at 10:00, the 2-hour standard: due 12:00; explained as of 14:00.
        assertTrue(run.out().lines().anyMatch(l -> l.contains("urgent-community-response 1.0.0 #1") && l.contains("first-contact")
                && l.contains("overdue") && l.endsWith(", due 2026-11-24T12:00:00Z, overdue by PT2H")), run.out());

        JsonNode steps = Json.MAPPER.readTree(Cli.run("explain", overdue, "--json", "--rules", RULES.toString(), "--pathways",
                PATHWAYS.toString()).out()).path("pathwaySteps");
        JsonNode contact = null;
        for (JsonNode s : steps) {
            if (s.path("step").asText().equals("first-contact")) {
                contact = s;
            }
        }
        assertEquals("2026-11-24T12:00:00Z", contact.path("due").asText());
        assertEquals("PT2H", contact.path("overdueBy").asText());
    }

    @Test
    void aCdsHooksRequestIsExplainedFromItsPrefetchAsOfTheGivenDate() {
        String request = RULES.resolveSibling("test-fixtures").resolve("src/main/resources/org/waymark/fixtures/cds-hooks/frail-patient-view.json")
                .toString();
        Cli.Run run = Cli.run("explain", request, "--as-of", "2026-11-24", "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().startsWith("As of 2026-11-24T00:00:00Z\nRecommendations: "), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+PC-FRAILTY-REVIEW\\s+fired\\s+proactive-care.frailty-review")), run.out());
        assertEquals(2, Cli.run("explain", request, "--as-of", "yesterday", "--rules", RULES.toString()).exit());
    }

    @Test
    void anUnreadableInputIsAClearErrorNotAStackTrace() {
        Cli.Run run = Cli.run("explain", RULES.resolve("services.yaml").toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString());

        assertEquals(2, run.exit(), run.out());
    }
}
