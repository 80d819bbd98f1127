package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.waymark.engine.Proxies;
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/**
 * Versions loaded, activated and rolled back while running (as the admin API does it): sessions are kept only for what
 * serves, a call in flight finishes on its version, and a shared definition stays one object, evaluated once per call.
 */
class ReloadedVersionsTest {
    private static final String PROACTIVE = "proactive-care";

    @TempDir
    Path repo;
    private Path rules;
    private PatientRecord record;
    private EvaluationTime asOf;

    @BeforeEach
    void copyRules() throws Exception {
        rules = repo.resolve("rules");
        Folders.copy(RepositoryRoot.rules(), rules);
        Scenario scenario = ScenarioLoader.load(rules.resolve("shared/frailty/1.0.0/scenarios/computed-efi-identifies-carer-need.yaml"));
        record = new ScenarioRunner().record(scenario);
        asOf = EvaluationTime.of(scenario.asOf());
    }

    @Test
    void sessionsAreKeptOnlyForWhatServesAndSharedDefinitionsStayOneObject() throws Exception {
        RuleSetRegistry registry = RuleSetRegistry.load(rules, Map.of());
        Evaluator evaluator = new Evaluator();
        Evaluation before = evaluator.evaluate(record, asOf, registry.current().allActive());
        for (int patch = 1; patch <= 4; patch++) {
            reloadAndActivate(registry, "1.0." + patch);
            evaluator.evaluate(record, asOf, registry.current().allActive());
        }
        registry.update(s -> s.withActive(PROACTIVE, "1.0.2"));
        Evaluation after = evaluator.evaluate(record, asOf, registry.current().allActive());

        RuleSets now = registry.current();
        assertEquals(5, now.versions().stream().filter(v -> v.id().equals(PROACTIVE)).count());
        Set<SessionPool> served = identitySet();
        now.allActive().forEach(c -> served.addAll(RuleSetRegistry.poolsOf(c)));
        assertEquals(6, served.size(), "four rule sets and two shared definitions serve");
        for (CompiledRuleSet c : now.compiled()) {
            for (SessionPool pool : RuleSetRegistry.poolsOf(c)) {
                // A serving version opens its pool at its first session; one whose sessions were all left out (no rule
                // could fire on this record: care-homes, end-of-life, residence) has none yet.
                assertTrue(pool.openPools() <= (served.contains(pool) ? 1 : 0), c.key() + ": a pool only while serving");
            }
        }
        assertEquals(3, served.stream().filter(p -> p.openPools() == 1).count(), "the serving versions whose rules could fire keep their pools");
        Set<SharedDefinition> shared = identitySet();
        now.compiled().forEach(c -> shared.addAll(c.shared()));
        assertEquals(2, shared.size(), "frailty and residence: one object each, whichever version was loaded when");
        assertEquals(answers(before), answers(after), "the reloaded version answers as the first one did");
    }

    @Test
    void aCallInFlightFinishesOnItsVersionAndItsSessionsGoAfterwards() throws Exception {
        RuleSetRegistry registry = RuleSetRegistry.load(rules, Map.of());
        List<CompiledRuleSet> serving = registry.current().allActive();
        Evaluation expected = new Evaluator().evaluate(record, asOf, serving);
        CountDownLatch firing = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompiledRuleSet holding = holdingWhileFiring(registry.current().active(PROACTIVE).orElseThrow(), firing, proceed);
        registry.update(s -> s.withVersions(List.of(holding)));
        List<CompiledRuleSet> callVersions = registry.current().allActive();
        assertTrue(callVersions.contains(holding));

        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Evaluation> call = caller.submit(() -> new Evaluator().evaluate(record, asOf, callVersions));
            assertTrue(firing.await(60, TimeUnit.SECONDS), "the call is firing the rules of " + holding.key());
            reloadAndActivate(registry, "1.0.1");
            assertEquals("1.0.1", registry.current().active(PROACTIVE).orElseThrow().version());
            assertEquals(1, holding.sessions().openPools(), "the retired version's sessions stay while a call uses one");
            proceed.countDown();

            assertEquals(expected, call.get(60, TimeUnit.SECONDS), "the call answered on the version it started with");
            assertEquals(0, holding.sessions().openPools(), "then they go");
        } finally {
            proceed.countDown();
            caller.shutdownNow();
        }
        Evaluation next = new Evaluator().evaluate(record, asOf, registry.current().allActive());
        assertTrue(next.firedRules().stream().anyMatch(f -> f.ruleSetId().equals(PROACTIVE) && f.ruleSetVersion().equals("1.0.1")));
    }

    @Test
    void aSharedDefinitionChangedInPlaceServesOnlyTheVersionsLoadedAfterTheChange() throws Exception {
        RuleSetRegistry registry = RuleSetRegistry.load(rules, Map.of());
        CompiledRuleSet careHomes = registry.current().active("care-homes").orElseThrow();
        Files.writeString(rules.resolve("shared/frailty/1.0.0/parameters.yaml"), "# edited in place\n", StandardOpenOption.APPEND);
        reloadAndActivate(registry, "1.0.1");

        CompiledRuleSet reloaded = registry.current().active(PROACTIVE).orElseThrow();
        SharedDefinition oldFrailty = frailty(careHomes);
        SharedDefinition newFrailty = frailty(reloaded);
        assertNotSame(oldFrailty, newFrailty, "the changed folder is compiled again");
        assertNotEquals(oldFrailty.content(), newFrailty.content());
        assertSame(oldFrailty, frailty(registry.current().active("care-homes").orElseThrow()), "care-homes keeps the definition it was checked with");
        assertSame(residence(careHomes), residence(reloaded), "the unchanged residence definition is shared");

        Evaluation evaluation = new Evaluator().evaluate(record, asOf, registry.current().allActive());
        assertEquals(1, oldFrailty.sessions().openPools(), "both frailty definitions are evaluated, each for its rule sets");
        assertEquals(1, newFrailty.sessions().openPools());
        List<String> classifiedFor = evaluation.firedRules().stream().filter(f -> f.ruleId().equals("FR-CLASSIFY")).map(FiredRule::ruleSetId).toList();
        assertEquals(registry.current().allActive().stream().map(CompiledRuleSet::id).toList(), classifiedFor);
    }

    /** As the admin API's reload, then activation, of a copy of proactive-care 1.0.0 as {@code version}. */
    private void reloadAndActivate(RuleSetRegistry registry, String version) throws IOException {
        Path folder = rules.resolve(PROACTIVE).resolve(version);
        Folders.copy(rules.resolve(PROACTIVE).resolve("1.0.0"), folder);
        Path manifest = folder.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0", "version: " + version));
        RuleSetVersion loaded = registry.loader().load(folder);
        assertTrue(loaded instanceof CompiledRuleSet, loaded.toString());
        registry.update(s -> s.withVersions(List.of(loaded)));
        registry.update(s -> s.withActive(PROACTIVE, version));
    }

    /** Rule sets, codes, rules and evidence, without the version that gave them. */
    private static List<String> answers(Evaluation e) {
        List<String> out = new ArrayList<>();
        e.recommendations().forEach(r -> out.add(r.ruleSetId() + " " + r.code() + " " + r.ruleIds() + " " + r.evidence() + " " + r.checkedAbsent()));
        e.firedRules().forEach(f -> out.add(f.ruleSetId() + " " + f.ruleId()));
        assertFalse(out.isEmpty());
        return out;
    }

    private static SharedDefinition frailty(CompiledRuleSet c) {
        return c.shared().stream().filter(d -> d.name().equals("frailty")).findFirst().orElseThrow();
    }

    private static SharedDefinition residence(CompiledRuleSet c) {
        return c.shared().stream().filter(d -> d.name().equals("residence")).findFirst().orElseThrow();
    }

    private static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** The version with sessions whose {@code fireAllRules} signals {@code firing}, then waits for {@code proceed}. */
    private static CompiledRuleSet holdingWhileFiring(CompiledRuleSet c, CountDownLatch firing, CountDownLatch proceed) {
        KieBase held = Proxies.proxy(KieBase.class, c.kieBase(), (method, args) -> method.getName().equals("newKieSessionsPool")
                ? holdingPool((KieSessionsPool) method.invoke(c.kieBase(), args), firing, proceed)
                : null);
        return new CompiledRuleSet(c.manifest(), c.folder(), c.valueSets(), c.parameters(), c.recommendations(), c.rules(), held, c.shared());
    }

    private static KieSessionsPool holdingPool(KieSessionsPool pool, CountDownLatch firing, CountDownLatch proceed) {
        return Proxies.proxy(KieSessionsPool.class, pool, (method, args) -> method.getName().equals("newKieSession")
                ? Proxies.proxy(KieSession.class, (KieSession) method.invoke(pool, args), (m, a) -> {
                    if (m.getName().equals("fireAllRules")) {
                        firing.countDown();
                        assertTrue(proceed.await(60, TimeUnit.SECONDS));
                    }
                    return null;
                })
                : null);
    }
}
