package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.base.base.ClassObjectType;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** Compiled knowledge kept and rebuilt: the same answers as compiling, and only ever for what compiled and passed. */
class KeptKnowledgeTest {
    /** Kept in memory, counting what was read and kept. */
    private static final class Memory implements KeptKnowledge {
        final Map<String, byte[]> entries = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger keeps = new AtomicInteger();

        @Override
        public String build() {
            return "test build";
        }

        @Override
        public Optional<byte[]> read(String key) {
            Optional<byte[]> bytes = Optional.ofNullable(entries.get(key));
            bytes.ifPresent(b -> reads.incrementAndGet());
            return bytes;
        }

        @Override
        public void keep(String key, byte[] bytes) {
            keeps.incrementAndGet();
            entries.put(key, bytes);
        }
    }

    @TempDir
    Path rules;

    @Test
    void rebuiltKnowledgeAnswersEveryBundledScenarioAsCompiledKnowledgeDoes() throws Exception {
        RuleSets compiled = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of()).current();
        Memory kept = new Memory();
        RuleSetRegistry.load(RepositoryRoot.rules(), Map.of(), kept);
        assertEquals(4 + 2, kept.keeps.get(), "four rule sets and two shared definitions kept");
        RuleSets rebuilt = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of(), kept).current();
        assertEquals(4 + 2, kept.reads.get(), "every one rebuilt");
        assertEquals(4 + 2, kept.keeps.get(), "nothing compiled again");
        assertTrue(rebuilt.failures().isEmpty(), "rebuilt versions pass their checks: " + rebuilt.failures());

        for (CompiledRuleSet c : compiled.allActive()) {
            CompiledRuleSet r = rebuilt.compiled(c.id(), c.version()).orElseThrow();
            assertNotSame(c.kieBase(), r.kieBase());
            assertEquals(c.rules(), r.rules(), c.key() + " rule metadata");
            assertEquals(shape(c.kieBase()), shape(r.kieBase()), c.key() + " rules, salience and globals");
            assertEquals(MatchableEntries.of(c.kieBase()), MatchableEntries.of(r.kieBase()), c.key() + " matchable entries");
            assertEquals(collectionConstraints(c.kieBase()), collectionConstraints(r.kieBase()), c.key() + " accumulate results");
            for (int i = 0; i < c.shared().size(); i++) {
                KieBase s = c.shared().get(i).kieBase();
                KieBase t = r.shared().get(i).kieBase();
                assertEquals(shape(s), shape(t), c.shared().get(i).name() + " rules, salience and globals");
                assertEquals(MatchableEntries.of(s), MatchableEntries.of(t), c.shared().get(i).name() + " matchable entries");
                assertEquals(collectionConstraints(s), collectionConstraints(t), c.shared().get(i).name() + " accumulate results");
            }
        }
        ScenarioRunner runner = new ScenarioRunner();
        Evaluator evaluator = new Evaluator();
        List<Path> files = ScenarioLoader.find(RepositoryRoot.rules());
        assertTrue(files.size() > 50, "scenarios found: " + files.size());
        for (Path file : files) {
            Scenario scenario = ScenarioLoader.load(file);
            PatientRecord record = runner.record(scenario);
            EvaluationTime asOf = EvaluationTime.of(scenario.asOf());
            assertEquals(evaluator.evaluate(record, asOf, runner.ruleSetsFor(scenario, compiled)),
                    evaluator.evaluate(record, asOf, runner.ruleSetsFor(scenario, rebuilt)), file.getFileName().toString());
            assertEquals(evaluator.evaluate(record, asOf, compiled.allActive()), evaluator.evaluate(record, asOf, rebuilt.allActive()),
                    file.getFileName() + " with every rule set");
        }
    }

    @Test
    void damagedKeptBytesAreCompiledInstead() throws Exception {
        Folders.copy(RepositoryRoot.rules().resolve("carers/1.0.0"), rules.resolve("carers/1.0.0"));
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        Memory kept = new Memory();
        RuleSetRegistry.load(rules, Map.of(), kept);
        assertEquals(2, kept.entries.size(), "carers and frailty kept");
        kept.entries.replaceAll((k, b) -> {
            byte[] damaged = b.clone();
            damaged[damaged.length / 2] ^= 1;
            return damaged;
        });

        RuleSets again = RuleSetRegistry.load(rules, Map.of(), kept).current();
        assertTrue(again.failures().isEmpty(), again.failures().toString());
        assertInstanceOf(CompiledRuleSet.class, again.find("carers", "1.0.0").orElseThrow());
        assertEquals(2 + 2, kept.keeps.get(), "both compiled and kept again");
        List<Path> scenarios = ScenarioLoader.find(rules.resolve("carers"));
        assertTrue(!scenarios.isEmpty());
        for (Path f : scenarios) {
            ScenarioResult result = new ScenarioRunner().run(ScenarioLoader.load(f), again);
            assertTrue(result.passed(), f.getFileName() + ": " + result.differences());
        }
    }

    @Test
    void aVersionThatFailsIsNeverKeptAndFailsAlikeAtTheNextLoad() throws Exception {
        Folders.copy(RepositoryRoot.rules().resolve("carers/1.0.0"), rules.resolve("carers/1.0.0"));
        Folders.copy(RepositoryRoot.rules().resolve("care-homes/1.0.0"), rules.resolve("care-homes/1.0.0"));
        Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        // carers does not compile; care-homes compiles but a rule lacks its @rationale
        Path identify = rules.resolve("carers/1.0.0/identify.drl");
        List<String> lines = new ArrayList<>(Files.readAllLines(identify));
        int when = lines.indexOf("when") + 1;
        lines.set(when, "    Patient( alive, ageYears >=  )");
        Files.write(identify, lines);
        Path careHomes = rules.resolve("care-homes/1.0.0/care-homes.drl");
        Files.writeString(careHomes, Files.readString(careHomes).replaceFirst("@rationale\\(", "@ignored("));
        Memory kept = new Memory();

        RuleSets first = RuleSetRegistry.load(rules, Map.of(), kept).current();
        assertEquals(2, kept.entries.size(), "only the two shared definitions, which compiled and passed, are kept");
        RuleSets second = RuleSetRegistry.load(rules, Map.of(), kept).current();
        assertEquals(2, kept.entries.size());
        assertEquals(2, kept.reads.get(), "the shared definitions rebuilt");
        for (String id : List.of("carers", "care-homes")) {
            FailedRuleSet a = (FailedRuleSet) first.find(id, "1.0.0").orElseThrow();
            FailedRuleSet b = (FailedRuleSet) second.find(id, "1.0.0").orElseThrow();
            assertTrue(!a.problems().isEmpty() && a.problems().stream().allMatch(p -> p.line() > 0), a.problems().toString());
            assertEquals(a.problems(), b.problems(), id + " fails with the same problems, file and line");
        }
        assertTrue(((FailedRuleSet) first.find("carers", "1.0.0").orElseThrow()).problems().get(0).file().endsWith("carers/1.0.0/identify.drl"));
    }

    @Test
    void keptBytesMakeOnlyTheClassesAKieBaseIsMadeOf() throws Exception {
        // Bytes framed as kept knowledge is (a correct SHA-256 included), as someone writing the data folder could make.
        // (Real kept knowledge, every bundled rule set's, is read through the same filter in the test above.)
        assertEquals(0, KnowledgeBytes.kieBase(framed(new ArrayList<>())).getKiePackages().size(), "the framing is read");
        // A class of another library on the class path (here HAPI's) is refused before it is made: the version is compiled.
        InvalidClassException refused = assertThrows(InvalidClassException.class,
                () -> KnowledgeBytes.kieBase(framed(new ArrayList<>(List.of(new org.hl7.fhir.r4.model.StringType("x"))))));
        assertTrue(refused.getMessage().contains("REJECTED"), refused.getMessage());
    }

    private static byte[] framed(Object packages) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeInt(0); // no declared types
            ByteArrayOutputStream objects = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new DroolsObjectOutputStream(objects)) {
                o.writeObject(packages);
            }
            objects.writeTo(out);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.toByteArray());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(digest);
        body.writeTo(all);
        return all.toByteArray();
    }

    @Test
    void theKeyChangesWithTheDrlTheEngineBuildAndTheDroolsAndJavaVersions() {
        List<DrlCompiler.DrlFile> drl = List.of(new DrlCompiler.DrlFile("a/1.0.0/a.drl", "rule \"x\" when then end"));
        String key = KnowledgeKey.of("build", "10.2.0", "java 17", "a", "1.0.0", drl);
        assertEquals(key, KnowledgeKey.of("build", "10.2.0", "java 17", "a", "1.0.0", List.copyOf(drl)), "the same inputs, the same key");
        assertTrue(key.matches("[0-9a-f]{64}"));
        List<String> others = List.of(
                KnowledgeKey.of("build", "10.2.0", "java 17", "a", "1.0.0", List.of(new DrlCompiler.DrlFile("a/1.0.0/a.drl", "rule \"x\" when then end "))),
                KnowledgeKey.of("build", "10.2.0", "java 17", "a", "1.0.0", List.of(new DrlCompiler.DrlFile("a/1.0.0/b.drl", "rule \"x\" when then end"))),
                KnowledgeKey.of("other build", "10.2.0", "java 17", "a", "1.0.0", drl),
                KnowledgeKey.of("build", "10.2.1", "java 17", "a", "1.0.0", drl),
                KnowledgeKey.of("build", "10.2.0", "java 21", "a", "1.0.0", drl),
                KnowledgeKey.of("build", "10.2.0", "java 17", "b", "1.0.0", drl),
                KnowledgeKey.of("build", "10.2.0", "java 17", "a", "1.0.1", drl));
        others.forEach(o -> assertNotEquals(key, o));
        assertEquals(others.size(), others.stream().distinct().count());
        assertTrue(KnowledgeKey.DROOLS.contains("10.2.0"), KnowledgeKey.DROOLS);
    }

    @Test
    void constraintsOnAccumulatedCollectionsAreTypesafeCompiledAndRebuilt() throws Exception {
        Memory kept = new Memory();
        RuleSets compiled = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of(), kept).current();
        RuleSets rebuilt = RuleSetRegistry.load(RepositoryRoot.rules(), Map.of(), kept).current();
        for (RuleSets loaded : List.of(compiled, rebuilt)) {
            List<String> constraints = new ArrayList<>();
            for (CompiledRuleSet c : loaded.allActive()) {
                constraints.addAll(collectionConstraints(c.kieBase()));
                c.shared().forEach(d -> constraints.addAll(collectionConstraints(d.kieBase())));
            }
            // Set( size >= params.integer(...) ) and the like: end-of-life's one, proactive-care's seven, frailty's one (once per user)
            assertTrue(constraints.size() >= 9, constraints.toString());
            // Dynamic, Drools would never jit them (DrlCompiler.TYPESAFE_COLLECTIONS)
            assertTrue(constraints.stream().allMatch(c -> c.endsWith(" typesafe")), constraints.toString());
        }
    }

    /**
     * Each MVEL constraint on a pattern over a {@code Set} or {@code List} (the results of the accumulates), with whether
     * it was compiled typesafe (not dynamic), in a stable order.
     */
    private static List<String> collectionConstraints(KieBase kieBase) {
        List<String> out = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            p.getRules().forEach(r -> collectionConstraints(((RuleImpl) r).getLhs(), r.getName(), out));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static void collectionConstraints(RuleConditionElement element, String rule, List<String> out) {
        if (element instanceof Pattern p && p.getObjectType() instanceof ClassObjectType type
                && (type.getClassType() == Set.class || type.getClassType() == List.class)) {
            for (Constraint c : p.getConstraints()) {
                if (c instanceof MVELConstraint m) {
                    out.add(rule + ": " + m.getExpression() + (m.isDynamic() ? " dynamic" : " typesafe"));
                }
            }
        }
        if (element instanceof Pattern p && p.getSource() != null) {
            collectionConstraints(p.getSource(), rule, out);
        }
        if (element instanceof Accumulate a) {
            collectionConstraints(a.getSource(), rule, out);
        }
        element.getNestedElements().forEach(e -> collectionConstraints(e, rule, out));
    }

    /** Each rule's package, name, salience and metadata, and each package's globals, in a stable order. */
    private static List<String> shape(KieBase kieBase) {
        List<String> out = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            p.getGlobalVariables().forEach(g -> out.add(p.getName() + " global " + g.getName() + " " + g.getType()));
            p.getRules().forEach(r -> out.add(p.getName() + " rule " + r.getName() + " salience "
                    + ((RuleImpl) r).getSalience().getValue() + " " + new java.util.TreeMap<>(r.getMetaData())));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
