package org.waymark.engine.ruleset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.waymark.engine.util.Require;
import org.waymark.engine.valueset.ValueSets;

/**
 * A rule-set version ready to evaluate. Its {@link KieBase} holds the rule set's own rules; each shared definition it
 * uses ({@code shared}, in manifest order) is compiled on its own and evaluated before them, and its derived facts are
 * inserted into the rule set's session. {@code valueSets}, {@code parameters} and {@code rules} include the shared
 * definitions' (rule-set DRL may name them, and cards and explanations show them). The KieBases are thread-safe and
 * shared; every evaluation takes its own session from the version's {@link SessionPool}.
 */
public record CompiledRuleSet(Manifest manifest, Path folder, ValueSets valueSets, Parameters parameters,
                              Map<String, RecommendationDefinition> recommendations, List<RuleMetadata> rules,
                              SessionPool sessions, List<SharedDefinition> shared) implements RuleSetVersion {
    public CompiledRuleSet {
        Require.nonNull("manifest, folder, valueSets, parameters, sessions", manifest, folder, valueSets, parameters, sessions);
        recommendations = Map.copyOf(recommendations);
        rules = List.copyOf(rules);
        shared = List.copyOf(shared);
    }

    public CompiledRuleSet(Manifest manifest, Path folder, ValueSets valueSets, Parameters parameters,
                           Map<String, RecommendationDefinition> recommendations, List<RuleMetadata> rules, KieBase kieBase,
                           List<SharedDefinition> shared) {
        this(manifest, folder, valueSets, parameters, recommendations, rules, new SessionPool(kieBase), shared);
    }

    public KieBase kieBase() {
        return sessions.kieBase();
    }

    /** The folders of the shared definitions this version uses, in manifest order. */
    public List<Path> sharedFolders() {
        return shared.stream().map(SharedDefinition::folder).toList();
    }

    /** This version's folder followed by the shared definitions it uses: where its DRL and value sets are. */
    public List<Path> sourceFolders() {
        List<Path> all = new ArrayList<>();
        all.add(folder);
        all.addAll(sharedFolders());
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
