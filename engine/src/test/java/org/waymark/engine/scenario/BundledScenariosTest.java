package org.waymark.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.fixtures.RepositoryRoot;

/** Replays every scenario bundled beside a rule set under rules/, one test each. */
class BundledScenariosTest {
    @TestFactory
    Stream<DynamicTest> everyBundledScenarioPasses() throws Exception {
        RuleSets snapshot = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        assertTrue(snapshot.failures().isEmpty(), "bundled rule sets load: " + snapshot.failures());
        List<Path> files = ScenarioLoader.find(RepositoryRoot.rules());
        assertFalse(files.isEmpty(), "rules/ holds scenarios");
        ScenarioRunner runner = new ScenarioRunner();
        return files.stream().map(f -> DynamicTest.dynamicTest(RepositoryRoot.rules().relativize(f).toString(), () -> {
            ScenarioResult result = runner.run(ScenarioLoader.load(f), snapshot);
            assertTrue(result.passed(), result.scenario().title() + ": " + result.differences() + "; fired " + result.firedRules());
        }));
    }
}
