package org.waymark.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRecordIntegrityTest {
    @TempDir
    Path dir;

    private Path scenario(String subject) throws Exception {
        Path file = dir.resolve("scenarios").resolve("mixed.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                title: A record holding another patient's dementia entry
                asOf: 2026-11-24T09:00:00Z
                patient: { id: p1, birthDate: 1940-03-02, gender: female }
                entries:
                  - { observation: 713636003, display: Frailty index score, value: 0.31, date: 2026-10-20 }
                  - { condition: 52448006, display: Dementia, date: 2024-01-01%s }
                expect:
                  present: [proactive-care.frailty-review]
                """.formatted(subject));
        return file;
    }

    @Test
    void anEntryNamingAnotherPatientFailsTheScenarioAtLoadWithTheReason() throws Exception {
        for (String ref : new String[] {"Patient/p2", "https://fhir.example.nhs.uk/R4/Patient/p2", "urn:uuid:5b0c1b7e-2b58-4c1e-9d9e-0a4f0e1c2d3e"}) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(scenario(", subject: \"" + ref + "\"")));
            assertEquals("entries", e.field());
            assertTrue(e.getMessage().contains("Condition/p1-2") && e.getMessage().contains(ref), e.getMessage());
        }
    }

    @Test
    void theSameRecordWithTheEntryForThisPatientLoads() throws Exception {
        assertEquals(3, ScenarioLoader.load(scenario(", subject: \"Patient/p1\"")).parts().size());
        assertEquals(3, ScenarioLoader.load(scenario("")).parts().size());
    }
}
