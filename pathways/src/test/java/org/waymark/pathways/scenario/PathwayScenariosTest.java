package org.waymark.pathways.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/** Replays every scenario shipped beside a pathway definition, one test each. */
class PathwayScenariosTest {
    private static final Path DEFINITIONS = RepositoryRoot.pathwayDefinitions();

    @Test
    void everyShippedPathwayLoads() {
        PathwayRegistry registry = PathwayRegistry.load(DEFINITIONS);
        assertEquals(Map.of(), registry.failures());
        assertEquals(List.of("care-home-admission", "carer-support", "discharge-to-assess", "end-of-life", "reablement",
                "urgent-community-response"), registry.active().stream().map(p -> p.id()).toList());
    }

    @TestFactory
    Stream<DynamicTest> everyPathwayScenarioPasses() throws Exception {
        RuleSets rules = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        // Knowing every code: an expectation naming a misspelt code fails here as in replay.
        ScenarioRunner runner = new ScenarioRunner(new PathwayService(PathwayRegistry.load(DEFINITIONS)), rules.codes());
        List<Path> files = ScenarioLoader.find(DEFINITIONS);
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(DEFINITIONS.relativize(f).toString(), () -> {
            ScenarioResult result = runner.run(ScenarioLoader.load(f), rules);
            assertTrue(result.passed(), result.scenario().title() + ": " + result.differences() + "; actual " + result.actual());
        }));
    }
}
