package org.waymark.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;

/**
 * One rule set as health and the admin list show it: the version serving, every loaded version (compiled with its
 * manifest status, or failed with its problems) and every version refused service, with when and why.
 */
public record RuleSetView(String id, String activeVersion, @JsonInclude(JsonInclude.Include.ALWAYS) List<Version> versions,
                          @JsonInclude(JsonInclude.Include.ALWAYS) List<Refused> refused) {
    /** One loaded version; {@code state} is compiled or failed. */
    public record Version(String id, String version, String state, String status, List<String> problems, boolean active) {
        public static Version of(RuleSetVersion v, RuleSets sets) {
            boolean active = sets.active(v.id()).map(a -> a.version().equals(v.version())).orElse(false);
            if (v instanceof FailedRuleSet f) {
                return new Version(v.id(), v.version(), "failed", null, f.problems().stream().map(Object::toString).toList(), active);
            }
            String status = ((CompiledRuleSet) v).manifest().status().name().toLowerCase(Locale.ROOT);
            return new Version(v.id(), v.version(), "compiled", status, List.of(), active);
        }
    }

    /** A version refused service at a phase (start-up, activation, rollback). */
    public record Refused(String version, String phase, Instant at, List<String> reasons) {
    }

    /** Every rule set the registry holds now. */
    public static List<RuleSetView> all(RuleSetRegistry registry) {
        RuleSets sets = registry.current();
        return sets.ids().stream().map(id -> new RuleSetView(id, sets.active(id).map(CompiledRuleSet::version).orElse(null),
                sets.versions().stream().filter(v -> v.id().equals(id)).map(v -> Version.of(v, sets)).toList(),
                registry.refusals().stream().filter(r -> r.id().equals(id))
                        .map(r -> new Refused(r.version(), r.phase(), r.at(), r.reasons())).toList())).toList();
    }
}
