package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** A card names what its rule found absent from the record (@checked), with the rule set's parameter values. */
class PertinentNegativesTest {
    private static final String CODE = "proactive-care.medication-review";
    private static final String SCENARIO = "proactive-care/1.0.0/scenarios/dq-course-absent-counted.yaml";

    @TempDir
    Path root;

    private Path copy() throws Exception {
        Path rules = root.resolve("rules");
        Folders.copy(RepositoryRoot.rules().resolve("proactive-care/1.0.0"), rules.resolve("proactive-care/1.0.0"));
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        return rules;
    }

    private static Recommendation medicationReview(Path rules) throws Exception {
        CompiledRuleSet rs = RuleSetRegistry.load(rules, Map.of()).current().compiled("proactive-care", "1.0.0").orElseThrow();
        Scenario scenario = ScenarioLoader.load(rules.resolve(SCENARIO));
        return new Assessor(CarePathways.NONE).assess(new AssessmentRequest(new ScenarioRunner().record(scenario), EvaluationTime.of(scenario.asOf()),
                List.of(rs), java.util.Optional.empty(), Set.of())).recommendations().stream().filter(r -> r.code().equals(CODE)).findFirst().orElseThrow();
    }

    @Test
    void theCardNamesWhatItsRuleCheckedWasAbsentWithTheParameterValue() throws Exception {
        Path rules = copy();
        assertEquals(List.of("not living in a care home", "no structured medication review in the last 12 months"),
                medicationReview(rules).checkedAbsent());

        Path parameters = rules.resolve("proactive-care/1.0.0/parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("medication-review-window-months:\n    value: 12",
                "medication-review-window-months:\n    value: 6"));
        assertTrue(medicationReview(rules).checkedAbsent().contains("no structured medication review in the last 6 months"));
    }

    @Test
    void aCheckedWordingNamingNoParameterStopsTheVersionLoading() throws Exception {
        Path rules = copy();
        Path drl = rules.resolve("proactive-care/1.0.0/utilisation.drl");
        Files.writeString(drl, Files.readString(drl).replace("{{medication-review-window-months}}", "{{medication-review-window}}"));
        RuleSets sets = RuleSetRegistry.load(rules, Map.of()).current();
        assertTrue(sets.compiled("proactive-care", "1.0.0").isEmpty(), "the version does not load");
        assertTrue(sets.failures().stream().anyMatch(f -> f.toString().contains("{{medication-review-window}}")), sets.failures().toString());
    }
}
