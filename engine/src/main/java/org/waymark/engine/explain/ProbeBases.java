package org.waymark.engine.explain;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.kie.api.KieBase;
import org.waymark.engine.ruleset.CompiledRuleSet;

/**
 * The probe KieBase of each compiled rule-set version, built on first use and kept while the version is (keyed weakly by
 * the version's own KieBase, so a reloaded version gets new probes and a dropped one frees them). Thread-safe.
 */
final class ProbeBases {
    private final Map<KieBase, ProbeBase> built = Collections.synchronizedMap(new WeakHashMap<>());

    ProbeBase of(CompiledRuleSet ruleSet) {
        synchronized (built) {
            return built.computeIfAbsent(ruleSet.kieBase(), k -> ProbeBase.compile(ruleSet));
        }
    }
}
