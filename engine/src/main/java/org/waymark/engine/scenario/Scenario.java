package org.waymark.engine.scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * A replayable patient scenario: a record, an as-of instant and what must (and must not) be recommended.
 * {@code ruleSets} optionally pins rule-set versions ({@code id@version}); otherwise the caller decides.
 */
public record Scenario(Path file, String title, Instant asOf, String hook, List<Resource> resources, Set<String> expectPresent,
                       Set<String> expectAbsent, List<PathwayExpectation> expectPathways, List<String> ruleSets) {
    /** An expected pathway step state (see the pathways module): e.g. urgent-community-response, first-contact, overdue. */
    public record PathwayExpectation(String pathway, Optional<Integer> instance, String step, String state) {
        public PathwayExpectation {
            Objects.requireNonNull(pathway, "pathway");
            instance = Objects.requireNonNullElse(instance, Optional.empty());
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(state, "state");
        }
    }

    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(asOf, "asOf");
        hook = Objects.requireNonNullElse(hook, "patient-view");
        resources = List.copyOf(resources);
        expectPresent = Set.copyOf(expectPresent);
        expectAbsent = Set.copyOf(expectAbsent);
        expectPathways = List.copyOf(expectPathways);
        ruleSets = List.copyOf(ruleSets);
    }
}
