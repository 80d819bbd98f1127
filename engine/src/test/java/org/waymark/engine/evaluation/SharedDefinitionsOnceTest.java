package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSessionsPool;
import org.waymark.engine.Proxies;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.SharedDefinition;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;

/**
 * Shared definitions are evaluated once per patient and call, and their derived facts handed to each rule set that uses
 * them: the answers (cards, evidence, checked-absent wording, fired rules with their rule set) are those of compiling
 * each shared definition into every rule set's own KieBase, as Waymark did before, on every bundled scenario.
 */
class SharedDefinitionsOnceTest {
    private static final Path RULES = RepositoryRoot.rules();
    private static final RuleSets SNAPSHOT = RuleSetRegistry.load(RULES, Map.of()).current();

    @Test
    void theSplitEvaluationAnswersAsTheCombinedOneOnEveryBundledScenario() throws Exception {
        assertTrue(SNAPSHOT.failures().isEmpty(), "bundled rule sets load: " + SNAPSHOT.failures());
        Map<CompiledRuleSet, CompiledRuleSet> combined = new IdentityHashMap<>();
        SNAPSHOT.versions().stream().filter(CompiledRuleSet.class::isInstance).map(CompiledRuleSet.class::cast)
                .forEach(rs -> combined.put(rs, combined(rs)));
        ScenarioRunner runner = new ScenarioRunner();
        Evaluator split = new Evaluator();
        Evaluator whole = new Evaluator();
        List<Path> files = new ArrayList<>(ScenarioLoader.find(RepositoryRoot.rules()));
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("/shared/")), "shared definitions' scenarios are included");
        // Both definitions fire a first-loaded rule at salience 30: the order between them is the agenda's to decide.
        files.add(Path.of(SharedDefinitionsOnceTest.class.getResource("/shared-definitions/care-home-resident-with-recorded-efi.yaml").toURI()));
        int compared = 0;
        for (Path file : files) {
            Scenario scenario = ScenarioLoader.load(file);
            PatientRecord record = runner.record(scenario);
            EvaluationTime asOf = EvaluationTime.of(scenario.asOf());
            // The scenario's own rule sets, and every active one together (where definitions are shared between rule sets).
            for (List<CompiledRuleSet> ruleSets : List.of(runner.ruleSetsFor(scenario, SNAPSHOT), SNAPSHOT.allActive())) {
                Evaluation expected = whole.evaluate(record, asOf, ruleSets.stream().map(combined::get).toList());
                Evaluation actual = split.evaluate(record, asOf, ruleSets);
                assertEquals(expected, actual, file.getFileName().toString());
                compared++;
            }
        }
        assertEquals(2 * files.size(), compared);
    }

    @Test
    void eachSharedDefinitionIsEvaluatedOncePerPatientForFourRuleSets() throws Exception {
        Map<String, AtomicInteger> sessions = new TreeMap<>();
        Map<SharedDefinition, SharedDefinition> counted = new IdentityHashMap<>();
        List<CompiledRuleSet> ruleSets = SNAPSHOT.allActive().stream().map(rs -> withShared(rs, rs.shared().stream()
                .map(d -> counted.computeIfAbsent(d, k -> counting(k, sessions.computeIfAbsent(k.key(), n -> new AtomicInteger())))).toList()))
                .toList();
        assertEquals(4, ruleSets.size());
        assertTrue(ruleSets.stream().allMatch(rs -> rs.sharedFolders().stream().anyMatch(f -> f.endsWith("shared/frailty/1.0.0"))),
                "all four use the frailty definition");
        Scenario scenario = ScenarioLoader.load(RepositoryRoot.rules().resolve("shared/frailty/1.0.0/scenarios/computed-efi-identifies-carer-need.yaml"));

        Evaluation evaluation = new Evaluator().evaluate(new ScenarioRunner().record(scenario), EvaluationTime.of(scenario.asOf()), ruleSets);

        assertEquals(Map.of("frailty@1.0.0", 1, "residence@1.0.0", 1), Map.copyOf(sessionsCounted(sessions)),
                "one session per shared definition for four rule sets");
        List<String> classifiedFor = evaluation.firedRules().stream().filter(f -> f.ruleId().equals("FR-CLASSIFY")).map(FiredRule::ruleSetId).toList();
        assertEquals(ruleSets.stream().map(CompiledRuleSet::id).toList(), classifiedFor,
                "the one classification is in the fired rules of each rule set that uses it");
        assertFalse(evaluation.recommendations().isEmpty(), "the derived facts reach the rule sets");
    }

    private static Map<String, Integer> sessionsCounted(Map<String, AtomicInteger> sessions) {
        Map<String, Integer> out = new TreeMap<>();
        sessions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static CompiledRuleSet withShared(CompiledRuleSet rs, List<SharedDefinition> shared) {
        return new CompiledRuleSet(rs.manifest(), rs.folder(), rs.valueSets(), rs.parameters(), rs.recommendations(), rs.rules(),
                rs.kieBase(), shared);
    }

    /** The rule set as it was compiled before shared definitions were evaluated apart: its DRL and theirs in one KieBase. */
    private static CompiledRuleSet combined(CompiledRuleSet rs) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId release = ks.newReleaseId("org.waymark.test", "combined-" + rs.id(), rs.version());
        kfs.generateAndWritePomXML(release);
        for (Path folder : rs.sourceFolders()) {
            try (Stream<Path> files = Files.walk(folder, 2)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    kfs.write("src/main/resources/" + RULES.getParent().relativize(f), Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<Message> errors = ks.newKieBuilder(kfs).buildAll().getResults().getMessages(Message.Level.ERROR);
        assertEquals(List.of(), errors, rs.key());
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        ks.getRepository().removeKieModule(release);
        return new CompiledRuleSet(rs.manifest(), rs.folder(), rs.valueSets(), rs.parameters(), rs.recommendations(), rs.rules(),
                kieBase, List.of());
    }

    /** The definition with a KieBase that counts the sessions taken from its pools (one per evaluation of the definition). */
    private static SharedDefinition counting(SharedDefinition d, AtomicInteger sessions) {
        KieBase counted = Proxies.proxy(KieBase.class, d.kieBase(), (method, args) -> method.getName().equals("newKieSessionsPool")
                ? Proxies.proxy(KieSessionsPool.class, (KieSessionsPool) method.invoke(d.kieBase(), args), (m, a) -> {
                    if (m.getName().equals("newKieSession")) {
                        sessions.incrementAndGet();
                    }
                    return null;
                })
                : null);
        return new SharedDefinition(d.name(), d.version(), d.folder(), d.content(), d.valueSets(), d.parameters(), d.rules(), counted);
    }
}
