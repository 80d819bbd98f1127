package org.waymark.engine.ruleset;

import java.util.HashSet;
import java.util.Set;
import org.waymark.engine.facts.RecordEntry;

/**
 * What an entry must have to reach some pattern of a KieBase: pass everything ({@code any}); or be in one of
 * {@code valueSets}, or in a value set named with one of {@code prefixes}, or be an emergency ({@code emergency}). A
 * necessary condition, never a sufficient one: an entry failing it matches no pattern, so leaving it out of the session
 * changes nothing.
 */
public record EntryRequirement(boolean any, Set<String> valueSets, Set<String> prefixes, boolean emergency) {
    /** No pattern could see the entry. */
    static final EntryRequirement NONE = new EntryRequirement(false, Set.of(), Set.of(), false);
    /** A pattern could see any entry. */
    static final EntryRequirement ANY = new EntryRequirement(true, Set.of(), Set.of(), false);

    public EntryRequirement {
        valueSets = Set.copyOf(valueSets);
        prefixes = Set.copyOf(prefixes);
    }

    /** True when no entry passes: its value-set memberships need not even be looked up. */
    public boolean never() {
        return !any && !emergency && valueSets.isEmpty() && prefixes.isEmpty();
    }

    /** {@code memberships}: the entry's value sets in the KieBase's rule set (what {@link RecordEntry#in} reads). */
    public boolean passes(RecordEntry entry, Set<String> memberships) {
        if (any || emergency && entry.emergency()) {
            return true;
        }
        for (String name : memberships) {
            if (valueSets.contains(name)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Passes what either passes (an entry reaching any of several patterns). */
    EntryRequirement or(EntryRequirement other) {
        if (any || other.any) {
            return ANY;
        }
        Set<String> names = new HashSet<>(valueSets);
        names.addAll(other.valueSets);
        Set<String> starts = new HashSet<>(prefixes);
        starts.addAll(other.prefixes);
        return new EntryRequirement(false, names, starts, emergency || other.emergency);
    }
}
