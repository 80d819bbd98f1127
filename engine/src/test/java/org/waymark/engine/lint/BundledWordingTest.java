package org.waymark.engine.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** The bundled rule sets' wording follows their parameters: the authoring guide's change from 10 to 9 medicines changes the card. */
class BundledWordingTest {
    private static final String CODE = "proactive-care.medication-review";

    @TempDir
    Path root;

    @Test
    void theMedicinesThresholdChangedTo9ChangesTheCardAnAssessmentGives() throws Exception {
        Path rules = root.resolve("rules");
        Folders.copy(RepositoryRoot.rules().resolve("proactive-care/1.0.0"), rules.resolve("proactive-care/1.0.0"));
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        Path parameters = rules.resolve("proactive-care/1.0.0/parameters.yaml");
        String before = Files.readString(parameters);
        String after = before.replace("medication-review-min-medicines:\n    value: 10", "medication-review-min-medicines:\n    value: 9");
        assertTrue(!after.equals(before), "the authoring guide's parameter is there");
        Files.writeString(parameters, after);
        CompiledRuleSet rs = RuleSetRegistry.load(rules, Map.of()).current().compiled("proactive-care", "1.0.0").orElseThrow();
        Scenario nine = ScenarioLoader.load(rules.resolve("proactive-care/1.0.0/scenarios/medication-review-nine-medicines.yaml"));

        Assessment a = new Assessor(CarePathways.NONE).assess(new AssessmentRequest(new ScenarioRunner().record(nine),
                EvaluationTime.of(nine.asOf()), List.of(rs), java.util.Optional.empty(), Set.of()));

        Recommendation card = a.recommendations().stream().filter(r -> r.code().equals(CODE)).findFirst().orElseThrow();
        assertEquals("9 or more current medicines and no structured medication review in 12 months - offer a structured review", card.summary());
        assertTrue(card.detail().contains("offered from 9 current medicines"), card.detail());
    }

    @Test
    void theBundledRuleSetsLintClean() {
        RuleSets sets = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        Linter linter = new Linter(RepositoryRoot.root(), RepositoryRoot.recommendationsDoc(), Linter.codesOf(() -> sets, CarePathways.NONE));
        List<Problem> problems = sets.versions().stream().flatMap(v -> linter.lint(v).stream()).toList();
        assertEquals(List.of(), problems);
        assertEquals(List.of(), linter.lintServices(RepositoryRoot.rules().resolve("services.yaml"), sets));
        CompiledRuleSet careHomes = sets.compiled("care-homes", "1.0.0").orElseThrow();
        assertTrue(careHomes.manifest().description().contains("within 7 working days"), careHomes.manifest().description());
    }

    @Test
    void serviceWordingNamingAnUnknownParameterOrContradictingOneFailsLint() throws Exception {
        RuleSets sets = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        Linter linter = new Linter(RepositoryRoot.root(), RepositoryRoot.recommendationsDoc(), Set::of);
        Path file = Files.writeString(root.resolve("services.yaml"), """
                services:
                  - id: prescribing
                    hook: order-sign
                    title: Prescribing
                    description: Eleven or more medicines, no review in {{proactive-care.medication-review-window-month}} months.
                    ruleSets: [proactive-care]
                """);

        List<String> problems = linter.lintServices(file, sets).stream().map(Problem::toString).toList();

        String at = file.toAbsolutePath().normalize() + ":2: service prescribing description: ";
        assertEquals(List.of(at + "{{proactive-care.medication-review-window-month}} is neither dueWithin nor <rule-set>.<parameter> of a rule set"
                        + " the service uses (serving version)",
                at + "'Eleven' contradicts proactive-care.medication-review-min-medicines = 10,"
                        + " proactive-care.medication-review-severe-frailty-min-medicines = 1, proactive-care.multimorbidity-min-medicines = 10,"
                        + " proactive-care.polypharmacy-min-medicines = 5 (write {{proactive-care.medication-review-min-medicines}} so the text follows the parameter)"), problems);
    }
}
