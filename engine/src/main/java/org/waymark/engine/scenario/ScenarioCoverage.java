package org.waymark.engine.scenario;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which recommendation codes lack a kind of scenario (issue 2.1): every code needs a firing case, a
 * just-below-threshold case, a suppressed case and a data-quality variant, told apart by the scenarios'
 * {@code kind:} field.
 */
public final class ScenarioCoverage {
    private ScenarioCoverage() {
    }

    /** For each code (in the order given) that lacks some kind, the kinds it lacks. */
    public static Map<String, Set<Scenario.Kind>> missing(Collection<String> codes, Collection<Scenario> scenarios) {
        Map<String, Set<Scenario.Kind>> out = new LinkedHashMap<>();
        for (String code : codes) {
            Set<Scenario.Kind> lacking = EnumSet.allOf(Scenario.Kind.class);
            for (Scenario s : scenarios) {
                s.kinds().stream().filter(k -> k.codesIn(s).contains(code)).forEach(lacking::remove);
            }
            if (!lacking.isEmpty()) {
                out.put(code, lacking);
            }
        }
        return out;
    }
}
