package org.waymark.engine.valueset;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.facts.Coding;

/**
 * A rule set's value sets, indexed so an entry's memberships take one map lookup per coding: by its code, then its
 * system compared (almost every code is in one system only). A coding's strings keep their hash, so every rule set
 * tags the same entry without building a key string (tagging runs per entry, per rule set, per evaluation).
 */
public final class ValueSets {
    private final Map<String, ValueSet> byName;
    private final Map<String, InSystem[]> byCode;

    /** The names of the value sets holding a code of {@code system}. */
    private record InSystem(String system, Set<String> names) {
    }

    public ValueSets(Collection<ValueSet> valueSets) {
        Map<String, ValueSet> names = new HashMap<>();
        Map<String, Map<String, Set<String>>> index = new HashMap<>();
        for (ValueSet vs : valueSets) {
            if (names.put(vs.name(), vs) != null) {
                throw new IllegalArgumentException("value set '" + vs.name() + "' is defined twice");
            }
            for (Coding c : vs.codes()) {
                index.computeIfAbsent(c.code(), k -> new HashMap<>()).computeIfAbsent(c.system(), k -> new HashSet<>()).add(vs.name());
            }
        }
        this.byName = Map.copyOf(names);
        Map<String, InSystem[]> byCode = new HashMap<>();
        index.forEach((code, systems) -> byCode.put(code, systems.entrySet().stream()
                .map(e -> new InSystem(e.getKey(), Set.copyOf(e.getValue()))).toArray(InSystem[]::new)));
        this.byCode = byCode;
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

    /** Every value set, in name order. */
    public List<ValueSet> all() {
        return byName.values().stream().sorted(Comparator.comparing(ValueSet::name)).toList();
    }

    /** Names of every value set containing any of the codes (an immutable set). */
    public Set<String> membershipsOf(List<Coding> codes) {
        Set<String> found = Set.of();
        Set<String> union = null;
        for (Coding c : codes) {
            Set<String> in = of(c);
            if (in.isEmpty() || in == found) {
                continue;
            }
            if (found.isEmpty()) {
                found = in;
            } else {
                if (union == null) {
                    union = new HashSet<>(found);
                }
                union.addAll(in);
            }
        }
        return union == null ? found : Set.copyOf(union);
    }

    private Set<String> of(Coding c) {
        InSystem[] systems = byCode.get(c.code());
        if (systems != null) {
            for (InSystem in : systems) {
                if (in.system().equals(c.system())) {
                    return in.names();
                }
            }
        }
        return Set.of();
    }
}
