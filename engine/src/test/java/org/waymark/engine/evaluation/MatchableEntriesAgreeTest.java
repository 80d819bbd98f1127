package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.waymark.engine.ruleset.EntryRequirement;
import org.waymark.engine.ruleset.MatchableEntries;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;

/**
 * Inserting only the entries some pattern could match, and leaving out the sessions where no rule could fire, answers as
 * inserting every entry into every session: the same recommendations, evidence and fired rules in order, on every
 * bundled scenario (the generated populations are compared in the screening module's
 * {@code MatchableEntriesOnPopulationTest}).
 */
class MatchableEntriesAgreeTest {
    private static final RuleSets SNAPSHOT = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();

    @Test
    void filteredAndFullInsertionAnswerAlikeOnEveryBundledScenario() throws Exception {
        assertTrue(SNAPSHOT.failures().isEmpty(), "bundled rule sets load: " + SNAPSHOT.failures());
        ScenarioRunner runner = new ScenarioRunner();
        SessionsLeftOut leftOut = new SessionsLeftOut();
        Evaluator filtered = leftOut.evaluator();
        Evaluator everything = new Evaluator(p -> MatchableEntries.EVERY_ENTRY, (p, facts, globals) -> true);
        List<Path> files = new ArrayList<>(ScenarioLoader.find(RepositoryRoot.rules()));
        assertTrue(files.size() > 50, "scenarios found: " + files.size());
        int compared = 0;
        for (Path file : files) {
            Scenario scenario = ScenarioLoader.load(file);
            PatientRecord record = runner.record(scenario);
            // The scenario's own instant, and later and earlier ones (other entries in and out of the rules' windows).
            for (EvaluationTime asOf : Stream.of(Duration.ZERO, Duration.ofDays(200), Duration.ofDays(-400))
                    .map(d -> EvaluationTime.of(scenario.asOf().plus(d))).toList()) {
                for (List<CompiledRuleSet> ruleSets : List.of(runner.ruleSetsFor(scenario, SNAPSHOT), SNAPSHOT.allActive())) {
                    assertEquals(everything.evaluate(record, asOf, ruleSets), filtered.evaluate(record, asOf, ruleSets),
                            file.getFileName() + " as of " + asOf.instant());
                    compared++;
                }
            }
        }
        assertEquals(6 * files.size(), compared);
        // Care-homes (every rule needs a care-home residence), carers and the residence definition leave sessions out.
        leftOut.assertBothSides(3);
    }

    @Test
    void everyBundledKieBaseLeavesSomeEntriesOut() {
        Set<KieBase> kieBases = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompiledRuleSet rs : SNAPSHOT.allActive()) {
            kieBases.add(rs.kieBase());
            rs.shared().forEach(d -> kieBases.add(d.kieBase()));
        }
        assertEquals(4 + 2, kieBases.size(), "four rule sets and the two shared definitions");
        for (KieBase kieBase : kieBases) {
            assertFalse(MatchableEntries.of(kieBase).byClass().values().stream().allMatch(EntryRequirement::any),
                    "the filter is in force: an entry in no value set the rules name is left out");
        }
    }
}
