package org.waymark.pathways.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/** Replay fails a scenario whose expectations name a code no rule set or pathway defines, under present or absent. */
class ReplayUnknownCodeTest {
    private static final String SCENARIO = """
            title: Young adult, nothing due
            asOf: 2026-11-24T09:00:00Z
            patient: { birthDate: 1990-01-01, gender: female }
            expect:
              absent: [%s]
            """;

    @TempDir
    Path dir;

    @Test
    void aMisspeltAbsentCodeFailsAndTheRightOnePasses() throws Exception {
        RuleSets rules = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        Replay replay = new Replay(rules, new PathwayService(PathwayRegistry.load(RepositoryRoot.pathwayDefinitions())), Optional.empty());
        Path misspelt = Files.writeString(dir.resolve("misspelt.yaml"), SCENARIO.formatted("proactive-care.medication-reveiw, pathway.reablement.reablement-started.overdue"));
        Path right = Files.writeString(dir.resolve("right.yaml"), SCENARIO.formatted("proactive-care.medication-review, pathway.reablement.reablement-started.overdue"));

        List<Replay.Outcome> outcomes = replay.run(List.of(misspelt, right));

        Replay.Outcome bad = outcomes.get(0);
        assertFalse(bad.passed());
        assertEquals(List.of("expect names proactive-care.medication-reveiw, which no rule set or pathway defines (misspelt?)"),
                bad.result().orElseThrow().differences());
        assertTrue(outcomes.get(1).passed(), outcomes.get(1).result().orElseThrow().differences().toString());
    }
}
