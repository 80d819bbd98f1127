package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waymark.engine.ruleset.MatchableEntries;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.SessionPool;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.screening.NdjsonLines;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.screen.PatientScreener;

/**
 * The engine's differential test of {@link MatchableEntries} over generated populations (here, as the generator is the
 * screening module's; in the evaluator's package for its full-insertion constructor): every patient evaluated against
 * every active rule set, inserting only the entries some pattern could match and leaving out the sessions where no rule
 * could fire ({@link org.waymark.engine.ruleset.FiringPrerequisites}), answers as inserting every entry into every session -
 * the same recommendations, evidence and fired rules in order - at the generation instant and a year before.
 */
class MatchableEntriesOnPopulationTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    /** Writes a population's Bulk Data NDJSON into a folder. */
    @FunctionalInterface
    interface Population {
        void write(Path folder) throws IOException;
    }

    static Stream<Arguments> populations() {
        return Stream.of(
                Arguments.of("generated, 3,000 patients", 3000, (Population) dir -> new PopulationGenerator(3000, 2025, AS_OF, 12).write(dir)),
                Arguments.of("realistic, 150 older patients", 150, (Population) dir -> new PopulationGenerator(150, 11, AS_OF, 3,
                        PopulationGenerator.Profile.REALISTIC).write(dir)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("populations")
    void filteredAndFullInsertionAnswerAlike(String profile, int patients, Population population, @TempDir Path folder) throws Exception {
        RuleSets snapshot = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        assertTrue(snapshot.failures().isEmpty(), "bundled rule sets load: " + snapshot.failures());
        List<CompiledRuleSet> ruleSets = snapshot.allActive();
        int[] sessions = new int[2]; // left out, fired
        Evaluator filtered = new Evaluator(SessionPool::matchable, (pool, facts, globals) -> {
            boolean could = pool.prerequisites().someRuleCouldFire(facts, globals);
            sessions[could ? 1 : 0]++;
            return could;
        });
        Evaluator everything = new Evaluator(p -> MatchableEntries.EVERY_ENTRY, (p, facts, globals) -> true);
        population.write(folder);
        Map<String, List<RecordPart>> parts = partsByPatient(folder);
        assertEquals(patients, parts.size(), profile);
        int compared = 0;
        int recommended = 0;
        for (Map.Entry<String, List<RecordPart>> patient : parts.entrySet()) {
            for (Instant instant : List.of(AS_OF, AS_OF.minus(Duration.ofDays(365)))) {
                PatientRecord record;
                try {
                    record = RecordAssembler.assemble(patient.getValue(), instant);
                } catch (RecordException e) {
                    continue;
                }
                EvaluationTime asOf = EvaluationTime.of(instant);
                Evaluation expected = everything.evaluate(record, asOf, ruleSets);
                assertEquals(expected, filtered.evaluate(record, asOf, ruleSets), patient.getKey() + " as of " + instant);
                compared++;
                recommended += expected.recommendations().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(compared >= patients, profile + ": evaluations compared: " + compared);
        assertTrue(recommended >= patients / 20, profile + ": evaluations with recommendations: " + recommended);
        assertTrue(sessions[0] > 0 && sessions[1] > 0, profile + ": sessions left out and fired: " + sessions[0] + ", " + sessions[1]);
    }

    /** Every line about a patient, read into record parts, by patient (lines about no patient are not read by the rules). */
    private static Map<String, List<RecordPart>> partsByPatient(Path folder) throws IOException, RecordException {
        Map<String, List<RecordPart>> out = new LinkedHashMap<>();
        for (List<String> lines : NdjsonLines.of(folder).values()) {
            for (String line : lines) {
                Optional<String> key = PatientScreener.patientOf(line);
                if (key.isPresent()) {
                    out.computeIfAbsent(key.get(), k -> new ArrayList<>()).addAll(RecordStream.parts(line, key.get()));
                }
            }
        }
        return out;
    }
}
