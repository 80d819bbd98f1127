package org.waymark.engine.ruleset;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of every loaded rule-set version and which version of each rule set is active.
 * A request takes one snapshot and uses it throughout, so a version switch never splits a request.
 */
public record RuleSets(List<RuleSetVersion> versions, Map<String, String> active) {
    public RuleSets {
        versions = versions.stream()
                .sorted(Comparator.comparing(RuleSetVersion::id).thenComparing(v -> sortable(v.version())))
                .toList();
        active = Map.copyOf(active);
        for (Map.Entry<String, String> e : active.entrySet()) {
            String key = e.getKey() + "@" + e.getValue();
            if (versions.stream().noneMatch(v -> v.key().equals(key) && v instanceof CompiledRuleSet)) {
                throw new IllegalArgumentException("active version " + key + " is not a compiled rule set");
            }
        }
    }

    private static SemVer sortable(String version) {
        return SemVer.isValid(version) ? SemVer.parse(version) : new SemVer(0, 0, 0, version);
    }

    public Optional<RuleSetVersion> find(String id, String version) {
        return versions.stream().filter(v -> v.id().equals(id) && v.version().equals(version)).findFirst();
    }

    public Optional<CompiledRuleSet> compiled(String id, String version) {
        return find(id, version).filter(CompiledRuleSet.class::isInstance).map(CompiledRuleSet.class::cast);
    }

    public Optional<CompiledRuleSet> active(String id) {
        return Optional.ofNullable(active.get(id)).flatMap(v -> compiled(id, v));
    }

    /** The active version of every rule set, ordered by rule-set id. */
    public List<CompiledRuleSet> allActive() {
        return new TreeMap<>(active).entrySet().stream()
                .map(e -> compiled(e.getKey(), e.getValue()).orElseThrow())
                .toList();
    }

    /** Every recommendation code a loaded version defines (any version, active or not). */
    public java.util.Set<String> codes() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        compiled().forEach(c -> out.addAll(c.recommendations().keySet()));
        return out;
    }

    /** Every compiled version, active or not. */
    public List<CompiledRuleSet> compiled() {
        return versions.stream().filter(CompiledRuleSet.class::isInstance).map(CompiledRuleSet.class::cast).toList();
    }

    public List<FailedRuleSet> failures() {
        return versions.stream().filter(FailedRuleSet.class::isInstance).map(FailedRuleSet.class::cast).toList();
    }

    /**
     * {@link #allActive}, refused when it would leave out a rule set none of whose versions loads (one that does not
     * compile, say): for population screening, whose counts would read the missing rule set as no one needing its advice.
     */
    public List<CompiledRuleSet> allActiveLeavingNoneOut() {
        List<FailedRuleSet> leftOut = failures().stream().filter(f -> !active.containsKey(f.id())).toList();
        if (!leftOut.isEmpty()) {
            FailedRuleSet first = leftOut.get(0);
            throw new IllegalArgumentException("rule set " + first.id() + " has no version that loads, so the run would leave it out: "
                    + first.id() + "@" + first.version() + ": " + first.problems().stream().limit(3).map(Problem::toString)
                    .collect(Collectors.joining("; "))
                    + (leftOut.size() > 1 ? " (and " + (leftOut.size() - 1) + " more failed versions)" : "")
                    + "; fix it, or screen with a rules folder without it (`waymark lint` lists every problem)");
        }
        return allActive();
    }

    /** Ids of every rule set with at least one loaded version. */
    public List<String> ids() {
        return versions.stream().map(RuleSetVersion::id).distinct().sorted().toList();
    }

    public RuleSets withActive(String id, String version) {
        Map<String, String> next = new LinkedHashMap<>(active);
        next.put(id, version);
        return new RuleSets(versions, next);
    }

    /** Adds or replaces versions; a failed reload of a version never replaces a compiled one. */
    public RuleSets withVersions(List<RuleSetVersion> loaded) {
        Map<String, RuleSetVersion> byKey = new LinkedHashMap<>();
        versions.forEach(v -> byKey.put(v.key(), v));
        for (RuleSetVersion v : loaded) {
            RuleSetVersion existing = byKey.get(v.key());
            if (!(v instanceof FailedRuleSet && existing instanceof CompiledRuleSet && active.containsKey(v.id())
                    && active.get(v.id()).equals(v.version()))) {
                byKey.put(v.key(), v);
            }
        }
        return new RuleSets(List.copyOf(byKey.values()), active);
    }
}
