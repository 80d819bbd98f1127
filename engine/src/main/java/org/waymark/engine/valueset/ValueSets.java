package org.waymark.engine.valueset;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.facts.Coding;

/** A rule set's value sets, indexed by code so an entry's memberships are found in one lookup per code. */
public final class ValueSets {
    private final Map<String, ValueSet> byName;
    private final Map<String, Set<String>> namesByCode;

    public ValueSets(Collection<ValueSet> valueSets) {
        Map<String, ValueSet> names = new HashMap<>();
        Map<String, Set<String>> index = new HashMap<>();
        for (ValueSet vs : valueSets) {
            if (names.put(vs.name(), vs) != null) {
                throw new IllegalArgumentException("value set '" + vs.name() + "' is defined twice");
            }
            for (Coding c : vs.codes()) {
                index.computeIfAbsent(c.key(), k -> new HashSet<>()).add(vs.name());
            }
        }
        this.byName = Map.copyOf(names);
        Map<String, Set<String>> frozen = new HashMap<>();
        index.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        this.namesByCode = Map.copyOf(frozen);
    }

    public static ValueSets empty() {
        return new ValueSets(List.of());
    }

    public Optional<ValueSet> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** Names of every value set containing any of the codes. */
    public Set<String> membershipsOf(List<Coding> codes) {
        if (codes.size() == 1) {
            return namesByCode.getOrDefault(codes.get(0).key(), Set.of());
        }
        Set<String> result = new HashSet<>();
        for (Coding c : codes) {
            result.addAll(namesByCode.getOrDefault(c.key(), Set.of()));
        }
        return result;
    }
}
