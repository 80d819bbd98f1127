package org.waymark.engine.valueset;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.waymark.engine.facts.Coding;

/**
 * A rule set's value sets, indexed by the numbers of their codes ({@link CodeNumbers}): an entry's memberships are a
 * search of a sorted array per coding, its code looked up once per record ({@link RecordCodes}) however many rule sets
 * and pathways tag it (tagging runs per entry, per rule set and pathway, per evaluation).
 */
public final class ValueSets {
    private final Map<String, ValueSet> byName;
    /** The numbers of the codes listed, ascending; the names of the value sets listing each at the same index. */
    private final int[] numbers;
    private final Set<String>[] names;

    @SuppressWarnings("unchecked")
    public ValueSets(Collection<ValueSet> valueSets) {
        Map<String, ValueSet> named = new HashMap<>();
        TreeMap<Integer, Set<String>> index = new TreeMap<>();
        for (ValueSet vs : valueSets) {
            if (named.put(vs.name(), vs) != null) {
                throw new IllegalArgumentException("value set '" + vs.name() + "' is defined twice");
            }
            for (Coding c : vs.codes()) {
                index.computeIfAbsent(CodeNumbers.assign(c.system(), c.code()), k -> new HashSet<>()).add(vs.name());
            }
        }
        this.byName = Map.copyOf(named);
        this.numbers = index.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.names = index.values().stream().map(Set::copyOf).toArray(Set[]::new);
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
        return membershipsOf(RecordCodes.numbers(codes));
    }

    /** Names of every value set containing any of the codes numbered {@code codes} ({@link RecordCodes}; an immutable set). */
    public Set<String> membershipsOf(int[] codes) {
        Set<String> found = Set.of();
        Set<String> union = null;
        for (int code : codes) {
            int at = Arrays.binarySearch(numbers, code);
            if (at < 0 || names[at] == found) {
                continue;
            }
            if (found.isEmpty()) {
                found = names[at];
            } else {
                if (union == null) {
                    union = new HashSet<>(found);
                }
                union.addAll(names[at]);
            }
        }
        return union == null ? found : Set.copyOf(union);
    }
}
