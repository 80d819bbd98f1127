package org.waymark.engine.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;

/** Lint on a small rule set written here: one pass, wording from parameters, card constraints, value-set files as spreadsheets save them. */
class LinterTest {
    private static final String DRL = """
            package rules.tiny;

            import org.waymark.engine.facts.Patient;

            global org.waymark.engine.time.EvaluationTime asOf;
            global org.waymark.engine.ruleset.Parameters params;
            global org.waymark.engine.evaluation.Outcome out;

            rule "Old enough"
                @id("T-OLD")
                @title("Old enough")
                @rationale("A test rule.")
                @source("CR-2.2")
                @code("tiny.old")
            when
                $p : Patient( alive, ageYears >= params.integer("min-age") )
            then
                out.recommend(kcontext);
            end
            """;
    private static final String RECOMMENDATIONS = """
            recommendations:
              - code: tiny.old
                title: Aged {{min-age}} or over
                summary: Aged {{min-age}} or over and {{min-medicines}} or more current medicines - offer a review
                indicator: info
                detail: Offered from age {{min-age}}.
                suggestions:
                  - label: Book a review
                    actions:
                      - type: create
                        description: Task to book a review
            """;
    private static final String PARAMETERS = """
            parameters:
              min-age:
                value: 65
                description: Older people (CR-2.2).
              min-medicines:
                value: 9
                description: Local choice.
            """;
    private static final String VALUE_SET = """
            # source: local
            # source-version: written for this test
            # filter: none: chosen here
            # review: reviewed 2026-11-25 test
            system,code,display
            http://snomed.info/sct,49049000,Parkinson's disease (disorder)
            """;
    private static final String SCENARIO = """
            title: Old patient
            asOf: 2026-11-24T09:00:00Z
            kind: fires
            patient: { birthDate: 1940-01-01, gender: female }
            expect:
              present: [tiny.old]
            """;

    @TempDir
    Path root;

    private Path version() {
        return root.resolve("rules/tiny/1.0.0");
    }

    private void writeRuleSet() throws Exception {
        Path v = version();
        Files.createDirectories(v.resolve("valuesets"));
        Files.createDirectories(v.resolve("scenarios"));
        Files.createDirectories(root.resolve("codelists"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/recommendations.md"), "`tiny.old`\n");
        Files.writeString(v.resolve("manifest.yaml"), """
                id: tiny
                version: 1.0.0
                title: Tiny
                description: For people aged {{min-age}} and over.
                status: active
                authors: [Test]
                clinicalReviewer: Test reviewer
                sources: [CR-2.2]
                changelog:
                  - { version: 1.0.0, date: 2026-11-25, summary: First }
                """);
        Files.writeString(v.resolve("rules.drl"), DRL);
        Files.writeString(v.resolve("recommendations.yaml"), RECOMMENDATIONS);
        Files.writeString(v.resolve("parameters.yaml"), PARAMETERS);
        Files.writeString(v.resolve("valuesets/parkinsons.csv"), VALUE_SET);
        Files.writeString(v.resolve("scenarios/old.yaml"), SCENARIO);
    }

    private RuleSetVersion load() {
        RuleSets sets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current();
        return sets.find("tiny", "1.0.0").orElseThrow();
    }

    private List<String> lint() {
        RuleSetVersion v = load();
        return new Linter(root, root.resolve("docs/recommendations.md"), () -> Set.of("other.code"))
                .lint(v).stream().map(Problem::toString).toList();
    }

    private void edit(String file, String from, String to) throws Exception {
        Path f = version().resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), from);
        Files.writeString(f, text.replace(from, to));
    }

    @Test
    void theWrittenRuleSetLintsClean() throws Exception {
        writeRuleSet();
        List<String> problems = lint();
        // Only coverage findings remain (the one scenario proves "fires", not the other kinds).
        assertTrue(problems.stream().allMatch(p -> p.contains("has no scenario")), problems.toString());
    }

    @Test
    void cardAndManifestWordingTakeParameterValuesByName() throws Exception {
        writeRuleSet();
        CompiledRuleSet rs = assertInstanceOf(CompiledRuleSet.class, load());
        var card = rs.recommendations().get("tiny.old");
        assertEquals("Aged 65 or over and 9 or more current medicines - offer a review", card.summary());
        assertEquals("Aged 65 or over", card.title());
        assertEquals("For people aged 65 and over.", rs.manifest().description());

        edit("parameters.yaml", "value: 9", "value: 8");
        rs = assertInstanceOf(CompiledRuleSet.class, load());
        assertEquals("Aged 65 or over and 8 or more current medicines - offer a review", rs.recommendations().get("tiny.old").summary());
    }

    @Test
    void checkedWordingGivesOneClausePerNotCondition() throws Exception {
        writeRuleSet();
        edit("rules.drl", "    $p : Patient( alive, ageYears >= params.integer(\"min-age\") )\n",
                "    $p : Patient( alive, ageYears >= params.integer(\"min-age\") )\n    not Medication()\n");
        edit("rules.drl", "import org.waymark.engine.facts.Patient;", "import org.waymark.engine.facts.Patient;\nimport org.waymark.engine.facts.Medication;");
        String missing = "rules/tiny/1.0.0/rules.drl:10: T-OLD: @checked gives 0 clause(s) for 1 'not' condition(s); write one clause per 'not',"
                + " separated by ';' (the card lists them as checked and not recorded)";
        assertTrue(lint().contains(missing), lint().toString());

        edit("rules.drl", "@code(\"tiny.old\")", "@code(\"tiny.old\")\n    @checked(\"no current medicine\")");
        assertTrue(lint().stream().noneMatch(p -> p.contains("@checked")), lint().toString());

        edit("rules.drl", "@checked(\"no current medicine\")", "@checked(\"no current medicine; no review in {{min-age}} months\")");
        assertTrue(lint().stream().anyMatch(p -> p.contains("T-OLD: @checked gives 2 clause(s) for 1 'not' condition(s)")), lint().toString());
    }

    @Test
    void aNumberThatContradictsAParameterFailsLint() throws Exception {
        writeRuleSet();
        edit("recommendations.yaml", "and {{min-medicines}} or more current medicines", "and ten or more current medicines");
        edit("manifest.yaml", "aged {{min-age}} and over", "aged 70 and over");
        List<String> problems = lint();
        assertTrue(problems.contains("rules/tiny/1.0.0/recommendations.yaml:2: tiny.old summary: 'ten' contradicts min-medicines = 9"
                + " (write {{min-medicines}} so the text follows the parameter)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("rules/tiny/1.0.0/manifest.yaml: description: '70' contradicts min-age = 65")),
                problems.toString());
    }

    @Test
    void wordingNamingAnUnknownParameterDoesNotLoad() throws Exception {
        writeRuleSet();
        edit("recommendations.yaml", "detail: Offered from age {{min-age}}.", "detail: Offered from age {{min-agee}}.");
        FailedRuleSet failed = assertInstanceOf(FailedRuleSet.class, load());
        assertTrue(failed.problems().stream().map(Problem::toString).anyMatch(p -> p.equals("rules/tiny/1.0.0/recommendations.yaml:6: "
                + "{{min-agee}} names no parameter (not in parameters.yaml of the rule set or a shared definition it uses)")), failed.problems().toString());
    }

    @Test
    void cardConstraintsAreLoadErrors() throws Exception {
        writeRuleSet();
        edit("recommendations.yaml", "label: Book a review", "label: \"\"");
        edit("recommendations.yaml", "type: create", "type: propose");
        edit("recommendations.yaml", "description: Task to book a review", "description: \"\"");
        edit("recommendations.yaml", "summary: Aged", "summary: Aged and very very very very very very very very very very very very very very very very very long");
        List<String> problems = lint();
        String at = "rules/tiny/1.0.0/recommendations.yaml:2: recommendation 'tiny.old': ";
        assertTrue(problems.contains(at + "suggestion 1 has no label (the button text a clinician sees)"), problems.toString());
        assertTrue(problems.contains(at + "suggestion 1 has an action of type 'propose' (CDS Hooks actions are create, update or delete)"), problems.toString());
        assertTrue(problems.contains(at + "suggestion 1 has an action without a description"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals(at + "summary of tiny.old is 158 characters; CDS Hooks needs fewer than 140")), problems.toString());
    }

    @Test
    void everyProblemIsReportedInOnePass() throws Exception {
        writeRuleSet();
        edit("manifest.yaml", "clinicalReviewer: Test reviewer\n", "");                        // metadata
        edit("valuesets/parkinsons.csv", "# review: reviewed 2026-11-25 test\n", "");            // provenance
        edit("valuesets/parkinsons.csv", ",49049000,", ",49049001,");                          // code
        edit("parameters.yaml", "description: Local choice.", "description: \"\"");           // parameter description
        edit("rules.drl", "@rationale(\"A test rule.\")", "@ignored(\"A test rule.\")");          // rule metadata
        edit("rules.drl", "$p : Patient( alive, ageYears >= params.integer(\"min-age\") )",                 // reference
                "$p : Patient( alive, ageYears >= params.integer(\"min-age\") )\n    not org.waymark.engine.facts.RecordEntry( in(\"no-such-set\") )");
        List<String> problems = lint();
        String v = "rules/tiny/1.0.0/";
        assertTrue(problems.contains(v + "manifest.yaml: missing required field 'clinicalReviewer'"), problems.toString());
        assertTrue(problems.contains(v + "valuesets/parkinsons.csv:1: no '# review:' line (every value set states source, source-version, filter and review)"),
                problems.toString());
        assertTrue(problems.contains(v + "valuesets/parkinsons.csv:5: '49049001' fails the Verhoeff check digit"), problems.toString());
        assertTrue(problems.contains(v + "parameters.yaml:5: parameter 'min-medicines' has no description (say why it has this value, and the source it rests on)"),
                problems.toString());
        assertTrue(problems.contains(v + "rules.drl:17: unknown value set 'no-such-set' (no valuesets/no-such-set.csv)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("has no @rationale")), problems.toString());
        assertEquals(problems.stream().distinct().count(), problems.size(), "each problem once: " + problems);
    }

    @Test
    void aMissingParenthesisIsReportedOnTheLineTheAuthorWrote() throws Exception {
        writeRuleSet();
        edit("rules.drl", "params.integer(\"min-age\") )", "params.integer(\"min-age\")");
        FailedRuleSet failed = assertInstanceOf(FailedRuleSet.class, load());
        Problem first = failed.problems().get(0);
        assertEquals("rules/tiny/1.0.0/rules.drl", first.file());
        assertEquals(16, first.line(), failed.problems().toString());
        assertTrue(first.message().contains("noticed at the start of line 17"), first.message());
        assertTrue(failed.problems().stream().noneMatch(p -> p.message().contains("null Package")), failed.problems().toString());
    }

    @Test
    void aMissingParenthesisInASharedDefinitionIsReportedInItsOwnFileOnTheLineWritten() throws Exception {
        Path rules = root.resolve("rules");
        org.waymark.fixtures.Folders.copy(org.waymark.fixtures.RepositoryRoot.rules().resolve("proactive-care/1.0.0"), rules.resolve("proactive-care/1.0.0"));
        org.waymark.fixtures.Folders.copy(org.waymark.fixtures.RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        Path shared = rules.resolve("shared/frailty/1.0.0/frailty.drl");
        List<String> lines = Files.readAllLines(shared);
        int written = lines.indexOf("    $o : Observation( in(\"frailty-index-score\") )");
        lines.set(written, "    $o : Observation( in(\"frailty-index-score\") ");
        Files.write(shared, lines);

        FailedRuleSet failed = assertInstanceOf(FailedRuleSet.class,
                RuleSetRegistry.load(rules, Map.of()).current().find("proactive-care", "1.0.0").orElseThrow());

        assertEquals("rules/shared/frailty/1.0.0/frailty.drl", failed.problems().get(0).file(), failed.problems().toString());
        assertEquals(written + 1, failed.problems().get(0).line(), failed.problems().toString());
    }

    @Test
    void anExcelCsvUtf8ExportLintsClean() throws Exception {
        writeRuleSet();
        // What Excel's "CSV UTF-8" writes: a byte-order mark, CRLF, comment lines padded with empty cells and
        // quoted where they hold a comma, and trailing empty cells.
        String excel = "\uFEFF# source: local,,\r\n# source-version: written for this test,,\r\n"
                + "\"# filter: none: chosen here, all of them\",,\r\n# review: reviewed 2026-11-25 test,,\r\n"
                + "system,code,display\r\nhttp://snomed.info/sct,49049000,Parkinson's disease (disorder)\r\n,,\r\n";
        Files.write(version().resolve("valuesets/parkinsons.csv"), excel.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(CompiledRuleSet.class, load());
        List<String> problems = lint();
        assertTrue(problems.stream().noneMatch(p -> p.contains("parkinsons")), problems.toString());
    }

    @Test
    void invisibleCharactersInAMessageAreShown() throws Exception {
        writeRuleSet();
        edit("valuesets/parkinsons.csv", ",49049000,", ",\u200B49049000,");
        List<String> problems = lint();
        assertTrue(problems.contains("rules/tiny/1.0.0/valuesets/parkinsons.csv:6: '<U+200B>49049000' is not a SNOMED CT identifier (6 to 18 digits)"),
                problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.codePoints().noneMatch(c -> Character.getType(c) == Character.FORMAT)), problems.toString());
    }

    @Test
    void aScenarioExpectingACodeNothingDefinesFailsLint() throws Exception {
        writeRuleSet();
        Files.writeString(version().resolve("scenarios/young.yaml"), """
                title: Young patient
                asOf: 2026-11-24T09:00:00Z
                kind: below
                patient: { birthDate: 2000-01-01, gender: female }
                expect:
                  absent: [tiny.olld, other.code]
                """);
        List<String> problems = lint();
        assertTrue(problems.contains("rules/tiny/1.0.0/scenarios/young.yaml:6: expect names tiny.olld, which no rule set or pathway defines (misspelt?)"),
                problems.toString());
        assertFalse(problems.stream().anyMatch(p -> p.contains("other.code")), problems.toString());
    }

    @Test
    void aReplayOfThisVersionAloneServesTheCoverageCheckAndNoOtherDoes() throws Exception {
        writeRuleSet();
        CompiledRuleSet rs = assertInstanceOf(CompiledRuleSet.class, load());
        Linter linter = new Linter(root, root.resolve("docs/recommendations.md"), () -> Set.of("other.code"));
        Path file = version().resolve("scenarios/old.yaml");
        Scenario scenario = ScenarioLoader.load(file);
        ScenarioResult replayed = new ScenarioRunner().run(scenario, List.of(rs));
        assertEquals(linter.lint(rs), linter.lint(rs, Map.of(file, replayed)));
        // The result handed over is the one counted: with no fired rule, the rule is uncovered.
        ScenarioResult nothingFired = ScenarioResult.of(scenario, List.of(rs.key()), Set.of(), List.of(), List.of());
        assertTrue(linter.lint(rs, Map.of(file, nothingFired)).stream().map(Problem::toString)
                .anyMatch(p -> p.contains("rule T-OLD fires in no scenario")));
        // A replay that also evaluated other rule sets is not this version's own: lint replays the scenario itself.
        ScenarioResult withOthers = ScenarioResult.of(scenario, List.of(rs.key(), "other@1.0.0"), Set.of(), List.of(), List.of());
        assertEquals(linter.lint(rs), linter.lint(rs, Map.of(file, withOthers)));
    }
}
