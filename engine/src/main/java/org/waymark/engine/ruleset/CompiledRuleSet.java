package org.waymark.engine.ruleset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.waymark.engine.ruleset.RuleMetadata;
import org.waymark.engine.util.Require;
import org.waymark.engine.valueset.ValueSets;

/**
 * A rule-set version ready to evaluate ({@code sharedFolders}: the shared definitions compiled in). The {@link KieBase} is thread-safe and shared; every evaluation
 * opens its own session on it.
 */
public record CompiledRuleSet(Manifest manifest, Path folder, ValueSets valueSets, Parameters parameters,
                              Map<String, RecommendationDefinition> recommendations, List<RuleMetadata> rules,
                              KieBase kieBase, List<Path> sharedFolders) implements RuleSetVersion {
    public CompiledRuleSet {
        Require.nonNull("manifest, folder, valueSets, parameters, kieBase", manifest, folder, valueSets, parameters, kieBase);
        recommendations = Map.copyOf(recommendations);
        rules = List.copyOf(rules);
        sharedFolders = List.copyOf(sharedFolders);
    }

    /** This version's folder followed by the shared definitions it uses: where its DRL and value sets are. */
    public List<Path> sourceFolders() {
        List<Path> all = new java.util.ArrayList<>();
        all.add(folder);
        all.addAll(sharedFolders);
        return all;
    }

    @Override
    public String id() {
        return manifest.id();
    }

    @Override
    public String version() {
        return manifest.version().toString();
    }
}
