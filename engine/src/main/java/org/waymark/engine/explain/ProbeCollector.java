package org.waymark.engine.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code explain} probe rules report to: each firing with the names its match bound. Public only because
 * Drools calls it from generated rules. One instance per explanation; not shared between threads.
 */
public final class ProbeCollector {
    /** Enough to show and count what a condition saw; a record's hundreds of entries are counted, not all kept. */
    static final int KEPT_PER_PROBE = 500;

    /** One firing of a probe: the value of every name its match bound. */
    record Hit(Map<String, Object> bound) {
        Hit {
            bound = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bound));
        }
    }

    private final Map<Integer, List<Hit>> hits = new HashMap<>();

    public void seen(int probe, RuleContext context) {
        List<Hit> kept = hits.computeIfAbsent(probe, p -> new ArrayList<>());
        if (kept.size() < KEPT_PER_PROBE) {
            Match match = context.getMatch();
            Map<String, Object> bound = new LinkedHashMap<>();
            for (String name : match.getDeclarationIds()) {
                bound.put(name, match.getDeclarationValue(name));
            }
            kept.add(new Hit(bound));
        }
    }

    List<Hit> hits(int probe) {
        return hits.getOrDefault(probe, List.of());
    }
}
