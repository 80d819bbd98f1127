package org.waymark.engine.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.explain.ConditionExplanation.Status;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;

/** Why / why not on the bundled medication-review scenarios: a near miss, a suppressing entry, and a rule that fires. */
class ExplainerTest {
    private static final Explainer EXPLAINER = new Explainer(new Assessor(CarePathways.NONE));
    private static org.waymark.engine.ruleset.RuleSets rules;

    @BeforeAll
    static void load() {
        rules = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
    }

    private static RuleExplanation explain(String ruleSet, String scenarioFile, String ruleId) throws Exception {
        Path file = RepositoryRoot.rules().resolve(ruleSet + "/1.0.0/scenarios").resolve(scenarioFile);
        Scenario scenario = ScenarioLoader.load(file);
        CompiledRuleSet version = rules.compiled(ruleSet, "1.0.0").orElseThrow();
        AssessmentRequest request = new AssessmentRequest(new ScenarioRunner().record(scenario),
                EvaluationTime.of(scenario.asOf()), List.of(version), java.util.Optional.empty(), java.util.Set.of());
        return EXPLAINER.explain(request).rule(ruleId).orElseThrow();
    }

    private static RuleExplanation medicationReview(String scenarioFile) throws Exception {
        return explain("proactive-care", scenarioFile, "PC-MEDICATION-REVIEW");
    }

    @Test
    void nineMedicinesNamesTheFailingThresholdWithBothValuesAndTheParameter() throws Exception {
        RuleExplanation rule = medicationReview("medication-review-nine-medicines.yaml");

        assertFalse(rule.fired());
        ConditionExplanation medicines = rule.conditions().get(2);
        assertEquals(Status.NOT_MET, medicines.status());
        assertEquals("accumulate", medicines.kind());
        NearMiss miss = medicines.checks().get(0).nearMiss();
        assertNotNull(miss, medicines.toString());
        assertEquals("Medication.distinctMedicines(this)", miss.expression());
        assertEquals("9", miss.actual());
        assertEquals(">=", miss.operator());
        assertEquals("10", miss.threshold());
        assertEquals("medication-review-min-medicines", miss.parameter());
        assertEquals("Medication.distinctMedicines(this): 9, needs >= 10 (parameter medication-review-min-medicines)", medicines.note());
        assertEquals(Map.of("medication-review-min-medicines", "10"), medicines.parameters());
        // The other conditions hold: only the threshold keeps the card away.
        assertEquals(List.of(Status.MET, Status.MET, Status.NOT_MET, Status.MET), rule.conditions().stream().map(ConditionExplanation::status).toList());
    }

    @Test
    void aRecentStructuredMedicationReviewIsNamedAsTheSuppressingEntry() throws Exception {
        RuleExplanation rule = medicationReview("medication-review-done-11-months-ago.yaml");

        assertFalse(rule.fired());
        ConditionExplanation review = rule.conditions().get(3);
        assertEquals("not", review.kind());
        assertEquals(Status.NOT_MET, review.status());
        assertEquals(1, review.facts().size(), review.toString());
        String suppressor = review.facts().get(0);
        assertTrue(suppressor.startsWith("RecordEntry Procedure/"), suppressor);
        assertTrue(suppressor.endsWith("Structured medication review 2025-12-24"), suppressor);
        assertEquals("suppressed by 1 RecordEntry", review.note());
        assertEquals(Status.MET, rule.conditions().get(2).status(), "ten medicines meet the threshold");
    }

    @Test
    void aFiringPatientShowsEveryConditionMet() throws Exception {
        RuleExplanation rule = medicationReview("medication-review-ten-medicines.yaml");

        assertTrue(rule.fired());
        assertTrue(rule.conditions().stream().allMatch(c -> c.status() == Status.MET), rule.toString());
        CheckExplanation threshold = rule.conditions().get(2).checks().get(0);
        assertEquals(List.of("Medication.distinctMedicines(this) = 10"), threshold.values());
        assertEquals(1, threshold.metBy());
        assertEquals(null, threshold.nearMiss());
    }

    @Test
    void aThresholdOnAnExpressionOfTheFactAndTheInstantIsAlsoANearMissAndLaterConditionsAreNotReached() throws Exception {
        RuleExplanation due = explain("care-homes", "care-plan-before-readmission-does-not-count.yaml", "CH-CARE-PLAN-DUE");

        assertFalse(due.fired());
        ConditionExplanation residence = due.conditions().get(1);
        assertEquals(Status.NOT_MET, residence.status());
        assertEquals("asOf.workingDaysSince(admission): 25, needs <= 7 (parameter care-plan-window-working-days)", residence.note());
        ConditionExplanation noPlan = due.conditions().get(2);
        assertEquals(Status.NOT_REACHED, noPlan.status(), "it needs $admission from condition 2");
        assertEquals("not reached: needs condition 2, which does not hold", noPlan.note());
    }
}
