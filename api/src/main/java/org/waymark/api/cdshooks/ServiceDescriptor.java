package org.waymark.api.cdshooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A service declared in {@code rules/services.yaml}: which hook it answers and which rule sets, pathways and
 * recommendation codes it uses. {@code ruleSets} and {@code pathways.include} hold ids, or {@code all}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record ServiceDescriptor(String id, String hook, String title, String description, List<String> ruleSets, Pathways pathways,
                         Set<String> onlyCodes) {
    static final String ALL = "all";

    record Pathways(List<String> include, Duration dueWithin) {
        Pathways {
            include = include == null ? List.of(ALL) : List.copyOf(include);
            Objects.requireNonNull(dueWithin, "pathways.dueWithin");
        }

        boolean all() {
            return include.contains(ALL);
        }
    }

    ServiceDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        ruleSets = ruleSets == null ? List.of() : List.copyOf(ruleSets);
        onlyCodes = onlyCodes == null ? Set.of() : Set.copyOf(onlyCodes);
    }

    boolean allRuleSets() {
        return ruleSets.contains(ALL);
    }
}
