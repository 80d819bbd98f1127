package org.waymark.api.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/**
 * The evidence pack a safety officer approves names every rule whose decision can differ from the active version's: a
 * changed condition with the same title and rationale is a changed rule, while a reworded comment or new layout is not.
 */
class EvidencePackRulesTest {
    private static final String CONDITION = "Patient( alive )\n    not CareHomeResidence()\n    $medicines : List( Medication.distinctMedicines(this) >= params.integer(\"medication-review-min-medicines\") )";

    @TempDir
    Path root;

    @Test
    void aRuleWhoseConditionChangedIsListedThoughItsMetadataIsTheSame() throws IOException {
        copy("1.1.0", drl -> drl.replace(CONDITION, CONDITION.replace("Patient( alive )\n    not CareHomeResidence()", "Patient( alive )")));
        String pack = pack();
        assertTrue(pack.contains("- changed: PC-MEDICATION-REVIEW (conditions or actions changed: "), pack);
        assertFalse(pack.contains("PC-MEDICATION-REVIEW-SEVERE-FRAILTY (conditions"), "the rule beside it did not change: " + pack);
    }

    @Test
    void commentsAndLayoutAreNoChange() throws IOException {
        copy("1.1.0", drl -> drl.replace(CONDITION, "// reworded: the threshold is a parameter\n    " + CONDITION.replace("Patient( alive )", "Patient(   alive  )")));
        String pack = pack();
        assertTrue(pack.contains("No rule added, removed, or changed in its title, rationale, sources, code, conditions or actions."), pack);
    }

    private String pack() {
        RuleSets sets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current();
        CompiledRuleSet active = sets.compiled("proactive-care", "1.0.0").orElseThrow();
        CompiledRuleSet candidate = sets.compiled("proactive-care", "1.1.0").orElseThrow();
        return EvidencePack.of(candidate, Optional.of(active), List.of(), List.of(), "ravi", Instant.parse("2026-12-01T09:00:00Z")).markdown();
    }

    /** The bundled proactive-care 1.0.0 and the shared definitions, and a draft copy {@code v} with its DRL edited. */
    private void copy(String v, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path rules = RepositoryRoot.rules();
        Folders.copy(rules.resolve("shared"), root.resolve("rules/shared"));
        Folders.copy(rules.resolve("proactive-care/1.0.0"), root.resolve("rules/proactive-care/1.0.0"));
        Path to = root.resolve("rules/proactive-care/" + v);
        Folders.copy(rules.resolve("proactive-care/1.0.0"), to);
        Path manifest = to.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("\nversion: 1.0.0\n", "\nversion: " + v + "\n").replace("status: active", "status: draft"));
        Path drl = to.resolve("utilisation.drl");
        String before = Files.readString(drl);
        String after = edit.apply(before);
        assertFalse(before.equals(after), "the edit found its text");
        Files.writeString(drl, after);
    }
}
