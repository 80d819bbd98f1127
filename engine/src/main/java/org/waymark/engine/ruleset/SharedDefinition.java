package org.waymark.engine.ruleset;

import java.nio.file.Path;
import java.util.List;
import org.kie.api.KieBase;
import org.waymark.engine.util.Require;
import org.waymark.engine.valueset.ValueSets;

/**
 * A shared definition version ({@code rules/shared/<name>/<version>/}) compiled on its own, with its own parameters and
 * value sets, so the evaluator runs it once per patient and hands the facts it derives to every rule set that uses it.
 * One instance per load of the rules folder: rule sets loaded together share it.
 */
public record SharedDefinition(String name, String version, Path folder, ValueSets valueSets, Parameters parameters,
                               List<RuleMetadata> rules, KieBase kieBase) {
    public SharedDefinition {
        Require.nonNull("name, version, folder, valueSets, parameters, kieBase", name, version, folder, valueSets, parameters, kieBase);
        rules = List.copyOf(rules);
    }

    /** {@code name@version}, as a manifest {@code uses} it. */
    public String key() {
        return name + "@" + version;
    }
}
