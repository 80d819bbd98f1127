package org.waymark.engine.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Indicator;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.SyntheticPatients;

/** The one assessment entry point: rule sets, then pathway cards folded against the rule codes actually given. */
class AssessorTest {
    private static final Instant AS_OF = PatientBuilder.instantOf("2026-11-24");
    private static final String FRAILTY_REVIEW = "proactive-care.frailty-review";
    private static final String REVIEW_STEP = "pathway.test.review.overdue";
    private static final String VISIT_STEP = "pathway.test.visit.due";
    private static CompiledRuleSet proactiveCare;
    private static PatientRecord frail;

    @BeforeAll
    static void load() throws Exception {
        proactiveCare = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current().compiled("proactive-care", "1.0.0").orElseThrow();
        frail = RecordReader.read(SyntheticPatients.frail().toBundleJson(), AS_OF);
    }

    /** A pathway whose review step gives the frailty review's advice, and a visit step no rule gives. */
    private static final class FakePathways implements CarePathways {
        final List<Set<String>> calls = new ArrayList<>();

        @Override
        public PathwayAdvice advise(PatientRecord record, RecordCodes codes, EvaluationTime asOf, PathwayScope scope, Set<String> alreadyAdvised) {
            calls.add(alreadyAdvised);
            List<Recommendation> cards = new ArrayList<>();
            if (!alreadyAdvised.contains(FRAILTY_REVIEW)) {
                cards.add(card(REVIEW_STEP));
            }
            cards.add(card(VISIT_STEP));
            StepObservation step = new StepObservation("test", "1.0.0", 1, "breached", "review", "overdue", true, 0.7,
                    StepObservation.Standard.BREACHED, Optional.empty(), Optional.empty());
            return new PathwayAdvice(cards, List.of(step));
        }

        private static Recommendation card(String code) {
            return new Recommendation(code, code, code, Indicator.INFO, "", "", List.of(), "test", "1.0.0", List.of("test/step"),
                    List.of(), List.of(), List.of());
        }
    }

    private static Assessment assess(CarePathways pathways, Optional<PathwayScope> scope, Set<String> onlyCodes) {
        return new Assessor(pathways).assess(new AssessmentRequest(frail, EvaluationTime.of(AS_OF), List.of(proactiveCare), scope, onlyCodes));
    }

    @Test
    void aPathwayCardGivingAdviceARuleGaveIsLeftOutAndRuleCardsComeFirst() {
        FakePathways pathways = new FakePathways();
        Assessment a = assess(pathways, Optional.of(PathwayScope.ALL), Set.of());
        assertEquals(List.of(FRAILTY_REVIEW, VISIT_STEP), a.recommendations().stream().map(Recommendation::code).toList());
        assertEquals(List.of(Set.of(FRAILTY_REVIEW)), pathways.calls, "the pathways are told which advice the rules gave");
        assertEquals(1, a.pathwaySteps().size());
        assertEquals("overdue", a.pathwaySteps().get(0).state());
        assertTrue(a.firedRules().stream().anyMatch(f -> f.ruleId().equals("PC-FRAILTY-REVIEW")), a.firedRules().toString());
    }

    @Test
    void theCodeFilterDecidesWhatCountsAsAlreadyAdvised() {
        FakePathways pathways = new FakePathways();
        Assessment a = assess(pathways, Optional.of(PathwayScope.ALL), Set.of("proactive-care.medication-review"));
        // The frailty review is filtered out, so the service never gave that advice and the pathway's own card stands.
        assertEquals(Set.of(REVIEW_STEP, VISIT_STEP), a.codes());
        assertEquals(List.of(Set.of()), pathways.calls);
        assertTrue(a.firedRules().stream().anyMatch(f -> f.ruleId().equals("PC-FRAILTY-REVIEW")), "fired rules are not filtered");
    }

    @Test
    void aCodeTheFilterNamesIsKept() {
        Assessment a = assess(CarePathways.NONE, Optional.empty(), Set.of(FRAILTY_REVIEW));
        assertEquals(Set.of(FRAILTY_REVIEW), a.codes());
    }

    @Test
    void withoutPathwaysThePortIsNotAskedAndThereAreNoSteps() {
        FakePathways pathways = new FakePathways();
        Assessment a = assess(pathways, Optional.empty(), Set.of());
        assertEquals(Set.of(FRAILTY_REVIEW), a.codes());
        assertEquals(List.of(), a.pathwaySteps());
        assertEquals(List.of(), pathways.calls);
        assertEquals(AS_OF, a.asOf());
    }
}
