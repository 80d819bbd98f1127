package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** Shared definitions (rules/shared): compiled into each rule set that uses them, never defined twice, never a rule set. */
class SharedDefinitionTest {
    @TempDir
    Path rules;

    @Test
    void aRuleSetThatUsesTheFrailtyDefinitionGetsItsRulesParametersAndValueSets() throws Exception {
        Path carers = copyCarers();
        RuleSetVersion v = new RuleSetLoader(rules).load(carers);
        CompiledRuleSet rs = (CompiledRuleSet) v;
        assertTrue(rs.rules().stream().anyMatch(r -> r.id().equals("FR-CLASSIFY")), "the shared rules are compiled in");
        assertEquals(0.24, rs.parameters().number("efi-moderate-above"));
        assertTrue(rs.valueSets().get("cfs-level-7").isPresent());
        assertEquals(List.of(rules.resolve("shared/frailty/1.0.0").toAbsolutePath().normalize()), rs.sharedFolders());
        assertFalse(RuleSetRegistry.versionFolders(rules).stream().anyMatch(p -> p.toString().contains("shared")),
                "a shared definition is not a rule set");
    }

    @Test
    void aThresholdRedefinedByTheRuleSetOrAMissingDefinitionFailsTheLoadWithTheReason() throws Exception {
        Path carers = copyCarers();
        Path params = carers.resolve("parameters.yaml");
        Files.writeString(params, Files.readString(params) + "  efi-moderate-above:\n    value: 0.30\n    description: drifted copy\n");
        List<Problem> problems = ((FailedRuleSet) new RuleSetLoader(rules).load(carers)).problems();
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("parameter 'efi-moderate-above' is also defined by the rule set")),
                problems.toString());

        Path manifest = copyCarers().resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("frailty@1.0.0", "frailty@9.9.9"));
        problems = ((FailedRuleSet) new RuleSetLoader(rules).load(manifest.getParent())).problems();
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("shared/frailty/9.9.9 does not exist")),
                problems.toString());
    }

    private Path copyCarers() throws Exception {
        Path carers = rules.resolve("carers/1.0.0");
        if (Files.exists(carers)) {
            try (var files = Files.walk(carers)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Folders.copy(RepositoryRoot.rules().resolve("carers/1.0.0"), carers);
        if (!Files.exists(rules.resolve("shared"))) {
            Folders.copy(RepositoryRoot.rules().resolve("shared"), rules.resolve("shared"));
        }
        return carers;
    }
}
