package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Indicator;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.fixtures.SyntheticPatients;

class FrailtyReviewTest {
    private static final Instant AS_OF = PatientBuilder.instantOf("2026-11-24");
    private static CompiledRuleSet proactiveCare;

    @BeforeAll
    static void load() {
        proactiveCare = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current().compiled("proactive-care", "1.0.0").orElseThrow();
    }

    private static Evaluation evaluate(PatientBuilder patient) throws Exception {
        return new Evaluator().evaluate(RecordReader.read(patient.toBundleJson(), AS_OF), EvaluationTime.of(AS_OF), List.of(proactiveCare));
    }

    private static PatientBuilder olderPerson() {
        return PatientBuilder.patient("p").born("1940-01-01").female();
    }

    @Test
    void frailPatientGetsOneFrailtyReviewWithProvenance() throws Exception {
        Evaluation result = evaluate(SyntheticPatients.frail());
        assertEquals(1, result.recommendations().size());
        Recommendation r = result.recommendations().get(0);
        assertEquals("proactive-care.frailty-review", r.code());
        assertEquals("proactive-care", r.ruleSetId());
        assertEquals("1.0.0", r.ruleSetVersion());
        assertEquals("PC-FRAILTY-REVIEW", r.ruleId());
        assertEquals(Indicator.WARNING, r.indicator());
        assertEquals("Observation/frail-1-obs-1", r.evidence().get(0).reference());
        assertTrue(r.sources().contains("CR-1.1"));
        assertEquals("Patient/frail-1", r.suggestions().get(0).actions().get(0).resource().orElseThrow().path("for").path("reference").asText());
    }

    @Test
    void fitPatientGetsNothing() throws Exception {
        assertEquals(List.of(), evaluate(SyntheticPatients.fit()).recommendations());
    }

    @Test
    void efiOfExactlyPoint24DoesNotQualifyButPoint25Does() throws Exception {
        assertEquals(Set.of(), evaluate(olderPerson().observation("713636003", "eFI", 0.24, "2026-10-01")).codes());
        assertEquals(Set.of("proactive-care.frailty-review"),
                evaluate(olderPerson().observation("713636003", "eFI", 0.25, "2026-10-01")).codes());
    }

    @Test
    void assessmentElevenMonthsAgoSuppressesButThirteenMonthsAgoDoesNot() throws Exception {
        PatientBuilder recent = olderPerson().observation("713636003", "eFI", 0.30, "2026-10-01")
                .procedure("185470005", "Home visit elderly assessment", "2025-12-24");
        PatientBuilder old = olderPerson().observation("713636003", "eFI", 0.30, "2026-10-01")
                .procedure("185470005", "Home visit elderly assessment", "2025-10-24");
        assertEquals(Set.of(), evaluate(recent).codes());
        assertEquals(Set.of("proactive-care.frailty-review"), evaluate(old).codes());
    }

    @Test
    void latestScoreWins() throws Exception {
        PatientBuilder improved = olderPerson().observation("713636003", "eFI", 0.40, "2025-06-01")
                .observation("713636003", "eFI", 0.20, "2026-10-01");
        assertEquals(Set.of(), evaluate(improved).codes());
    }

    @Test
    void severalSourcesOfOneFrailtyGiveOneRecommendationCitingEach() throws Exception {
        PatientBuilder both = olderPerson().observation("713636003", "eFI", 0.40, "2026-10-01")
                .observation("445414007", "CFS", 7, "2026-10-02")
                .finding("925861000000102", "Severe frailty", "2026-10-02");
        Evaluation result = evaluate(both);
        assertEquals(1, result.recommendations().size());
        assertEquals(List.of("PC-FRAILTY-REVIEW"), result.recommendations().get(0).ruleIds());
        assertEquals(3, result.recommendations().get(0).evidence().size());
    }

    @Test
    void deceasedPatientGetsNothing() throws Exception {
        assertEquals(Set.of(), evaluate(SyntheticPatients.frail().deceased("2026-11-01")).codes());
    }
}
