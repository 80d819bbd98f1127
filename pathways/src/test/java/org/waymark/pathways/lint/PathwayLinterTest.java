package org.waymark.pathways.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.fixtures.Folders;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.fixtures.RepositoryRoot;

/** Pathway value sets are held to the rule sets' standard: provenance header, codes within the published lists named. */
class PathwayLinterTest {
    private static final String SMR = "valuesets/structured-medication-review.csv";

    private static final RuleSets RULES = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
    private static final PathwayLinter linter = new PathwayLinter(new Linter(RepositoryRoot.root(), RepositoryRoot.recommendationsDoc(),
            Linter.codesOf(() -> RULES,
                    new PathwayService(PathwayRegistry.load(RepositoryRoot.pathwayDefinitions())))));

    @Test
    void everyBundledPathwayLintsClean() {
        Map<String, List<Problem>> problems = linter.lintAll(RepositoryRoot.pathwayDefinitions());
        assertEquals(6, problems.size(), problems.keySet().toString());
        problems.forEach((key, found) -> assertEquals(List.of(), found, key));
    }

    @Test
    void aPathwayValueSetWithoutProvenanceFailsWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path version = copyCareHomeAdmission(tmp);
        Path smr = version.resolve(SMR);
        Files.write(smr, Files.readAllLines(smr).stream().filter(l -> !l.startsWith("#")).toList());
        String out = render(linter.lint(version));
        for (String key : List.of("source", "source-version", "filter", "review")) {
            assertTrue(out.contains(SMR + ":1: no '# " + key + ":' line"), key + "\n" + out);
        }
    }

    @Test
    void aCodeOutsideThePublishedSourceFailsUnlessDeclaredAsAnAddition(@TempDir Path tmp) throws Exception {
        Path version = copyCareHomeAdmission(tmp);
        Path smr = version.resolve(SMR);
        Files.writeString(smr, Files.readString(smr) + "http://snomed.info/sct,26079004,Tremor\n");
        List<Problem> problems = linter.lint(version);
        int line = Files.readAllLines(smr).size();
        assertTrue(render(problems).contains(SMR + ":" + line + ": code 26079004 is not in codelists/eFI-and-conditions/medication-review-basic.v1.tsv"),
                render(problems));

        List<String> lines = Files.readAllLines(smr);
        lines.add(4, "# added: 26079004 a fixture addition, declared");
        Files.write(smr, lines);
        assertEquals(List.of(), linter.lint(version));
    }

    @Test
    void aDefinitionThatDoesNotLoadReportsItsLoadProblems(@TempDir Path tmp) throws Exception {
        Path version = copyCareHomeAdmission(tmp);
        Files.delete(version.resolve("valuesets/home-round-review.csv"));
        String out = render(linter.lint(version));
        assertTrue(out.contains("steps[2].evidence: no value set 'home-round-review'"), out);
        assertFalse(out.contains("no '# source:'"), out);
    }

    @Test
    void aPathwayScenarioExpectingAMisspeltCodeFailsLint(@TempDir Path tmp) throws Exception {
        Path version = copyCareHomeAdmission(tmp);
        Files.writeString(version.resolve("scenarios/misspelt.yaml"), """
                title: Misspelt step code
                asOf: 2026-11-24T09:00:00Z
                patient: { birthDate: 1940-01-01, gender: female }
                expect:
                  absent: [pathway.care-home-admission.care-plan.overdeu]
                """);
        assertEquals(List.of("care-home-admission/1.0.0/scenarios/misspelt.yaml:5: expect names pathway.care-home-admission.care-plan.overdeu,"
                + " which no rule set or pathway defines (misspelt?)"), linter.lint(version).stream()
                .map(p -> p.toString().substring(p.toString().indexOf("care-home-admission/1.0.0/"))).toList());
    }

    private static Path copyCareHomeAdmission(Path tmp) throws Exception {
        Path version = tmp.resolve("care-home-admission/1.0.0");
        Folders.copy(RepositoryRoot.pathwayDefinitions().resolve("care-home-admission/1.0.0"), version);
        return version;
    }

    private static String render(List<Problem> problems) {
        return String.join("\n", problems.stream().map(Problem::toString).toList());
    }
}
