package org.waymark.engine.ruleset;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.fixtures.SyntheticPatients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokenRuleSetTest {
    private static final Instant AS_OF = PatientBuilder.instantOf("2026-11-24");

    @TempDir
    Path rules;

    @Test
    void aVersionWithADrlSyntaxErrorFailsWithFileAndLineWhileTheGoodVersionServes() throws Exception {
        Path good = rules.resolve("proactive-care/1.0.0");
        Path broken = rules.resolve("proactive-care/1.0.1");
        Folders.copy(RepositoryRoot.rules().resolve("proactive-care/1.0.0"), good);
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        Folders.copy(good, broken);
        Files.writeString(broken.resolve("manifest.yaml"), Files.readString(broken.resolve("manifest.yaml")).replace("version: 1.0.0", "version: 1.0.1"));
        List<String> lines = Files.readAllLines(broken.resolve("frailty.drl"));
        int whenLine = lines.indexOf("when") + 1;
        lines.set(whenLine, "    Patient( alive, ageYears >=  )");
        Files.write(broken.resolve("frailty.drl"), lines);

        RuleSets sets = RuleSetRegistry.load(rules, Map.of("proactive-care", "1.0.1")).current();

        FailedRuleSet failed = (FailedRuleSet) sets.find("proactive-care", "1.0.1").orElseThrow();
        Problem first = failed.problems().get(0);
        assertTrue(first.file().endsWith("proactive-care/1.0.1/frailty.drl"), first.toString());
        assertEquals(whenLine + 1, first.line(), first.toString());
        assertEquals("1.0.0", sets.active("proactive-care").orElseThrow().version(), "the good version keeps serving");
        var result = new Evaluator().evaluate(RecordReader.read(SyntheticPatients.frail().toBundleJson(), AS_OF),
                EvaluationTime.of(AS_OF), sets.allActive());
        assertEquals(1, result.recommendations().size());
        assertEquals(sets.allActive(), sets.allActiveLeavingNoneOut(), "a rule set with an active version is not left out");
    }

    @Test
    void missingMetadataAndUnknownParameterAreLoadErrorsWithLines() throws Exception {
        Path v = rules.resolve("proactive-care/1.0.0");
        Folders.copy(RepositoryRoot.rules().resolve("proactive-care/1.0.0"), v);
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        String drl = Files.readString(v.resolve("frailty.drl"))
                .replace("    @rationale(\"The shared frailty definition finds", "    @ignored(\"The shared frailty definition finds")
                .replace("params.integer(\"frailty-min-age\")", "params.integer(\"frailty-age-typo\")");
        Files.writeString(v.resolve("frailty.drl"), drl);

        FailedRuleSet failed = (FailedRuleSet) RuleSetRegistry.load(rules, Map.of()).current().find("proactive-care", "1.0.0").orElseThrow();
        List<String> messages = failed.problems().stream().map(Problem::toString).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("frailty.drl:") && m.contains("frailty-age-typo")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("frailty.drl:") && m.contains("has no @rationale")), messages.toString());

        // Its only version failed: population screening would leave the rule set out, so it is refused, saying why.
        RuleSets sets = RuleSetRegistry.load(rules, Map.of()).current();
        assertEquals(List.of(), sets.allActive());
        String refusal = assertThrows(IllegalArgumentException.class, sets::allActiveLeavingNoneOut).getMessage();
        assertTrue(refusal.startsWith("rule set proactive-care has no version that loads, so the run would leave it out: proactive-care@1.0.0: ")
                && refusal.contains("frailty-age-typo"), refusal);
    }
}
