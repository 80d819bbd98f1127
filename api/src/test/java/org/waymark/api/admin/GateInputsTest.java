package org.waymark.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestStores;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * The hash a kept serving-gate pass is found by changes with any one byte of anything the gate reads for the version,
 * and with the engine build; it stays the same for the same bytes and for changes the version's gate does not read.
 */
class GateInputsTest {
    private static final EngineBuild ENGINE = new EngineBuild("a".repeat(64));

    @TempDir
    static Path repo;
    static RuleSetRegistry registry;
    static PathwayService pathways;
    static Linter linter;
    static CompiledRuleSet proactiveCare;

    @BeforeAll
    static void load() throws IOException {
        TestStores.copyRules(repo);
        Folders.copy(RepositoryRoot.pathwayDefinitions(), repo.resolve("pathways/definitions"));
        registry = RuleSetRegistry.load(repo.resolve("rules"), Map.of());
        pathways = new PathwayService(PathwayRegistry.load(repo.resolve("pathways/definitions")));
        linter = new Linter(repo, repo.resolve("docs/recommendations.md"), Linter.codesOf(registry::current, pathways));
        proactiveCare = registry.current().compiled("proactive-care", "1.0.0").orElseThrow();
    }

    private static String hash(EngineBuild engine) throws IOException {
        return GateInputs.of(engine, repo, registry.current(), pathways, linter).sha256(proactiveCare);
    }

    @Test
    void theSameBytesAndEngineHashAlike() throws IOException {
        String first = hash(ENGINE);
        assertEquals(64, first.length());
        assertEquals(first, hash(ENGINE));
        assertEquals(first, hash(new EngineBuild("a".repeat(64))));
    }

    @Test
    void anotherEngineBuildHashesDifferently() throws IOException {
        assertNotEquals(hash(ENGINE), hash(new EngineBuild("b".repeat(64))));
        assertTrue(EngineBuild.running().isPresent(), "the test's own build can be fingerprinted");
        assertNotEquals(hash(ENGINE), hash(EngineBuild.running().orElseThrow()));
    }

    @Test
    void oneByteChangedInAnyInputHashesDifferentlyAndTheOriginalBytesHashAsBefore() throws IOException {
        String before = hash(ENGINE);
        Map<String, String> inputs = Map.of(
                "rules/proactive-care/1.0.0/scenarios/dq-cfs-value-non-finite-no-value.yaml", "title: ",
                "rules/proactive-care/1.0.0/frailty.drl", "// Moderate",
                "rules/proactive-care/1.0.0/valuesets/ltc-copd.csv", "syndrome (",
                "rules/proactive-care/1.0.0/parameters.yaml", "description: ",
                "rules/proactive-care/1.0.0/recommendations.yaml", "title: ",
                "rules/shared/frailty/1.0.0/frailty.drl", "// The one",
                "pathways/definitions/reablement/1.0.0/pathway.yaml", "title: ",
                "codelists/nhs-refsets/nhsd-primary-care-domain-refsets-modfrail_cod.csv", ",",
                "docs/recommendations.md", "# ");
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            OneByte changed = OneByte.change(repo.resolve(input.getKey()), input.getValue());
            try {
                assertNotEquals(before, hash(ENGINE), "one byte changed in " + input.getKey());
            } finally {
                changed.restore();
            }
            assertEquals(before, hash(ENGINE), "after restoring " + input.getKey());
        }
    }

    @Test
    void aChangeToAnotherRuleSetTheVersionDoesNotUseLeavesItsHash() throws IOException {
        String before = hash(ENGINE);
        OneByte changed = OneByte.change(repo.resolve("rules/carers/1.0.0/manifest.yaml"), "title: ");
        try {
            assertEquals(before, hash(ENGINE));
        } finally {
            changed.restore();
        }
    }

    @Test
    void versionsHashedInOneStartUpHashAsEachAloneAndAByteOfTheSharedDefinitionChangesEveryOneThatUsesIt() throws IOException {
        List<CompiledRuleSet> versions = Stream.of("care-homes", "carers", "end-of-life", "proactive-care")
                .map(id -> registry.current().compiled(id, "1.0.0").orElseThrow()).toList();
        GateInputs oneStart = GateInputs.of(ENGINE, repo, registry.current(), pathways, linter);
        List<String> before = new ArrayList<>();
        for (CompiledRuleSet rs : versions) {
            before.add(oneStart.sha256(rs));
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(before.get(i), GateInputs.of(ENGINE, repo, registry.current(), pathways, linter).sha256(versions.get(i)), versions.get(i).key());
        }
        assertEquals(4, new HashSet<>(before).size());
        OneByte changed = OneByte.change(repo.resolve("rules/shared/frailty/1.0.0/frailty.drl"), "// The one");
        try {
            GateInputs afterChange = GateInputs.of(ENGINE, repo, registry.current(), pathways, linter);
            for (int i = 0; i < versions.size(); i++) {
                assertNotEquals(before.get(i), afterChange.sha256(versions.get(i)), versions.get(i).key() + " uses the shared frailty definition");
            }
        } finally {
            changed.restore();
        }
    }
}
