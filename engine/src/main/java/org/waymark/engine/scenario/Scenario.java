package org.waymark.engine.scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.util.Require;

/**
 * A replayable patient scenario: a record, an as-of instant and what must (and must not) be recommended.
 * {@code ruleSets} optionally pins rule-set versions ({@code id@version}); otherwise the caller decides.
 */
public record Scenario(Path file, String title, Instant asOf, String hook, List<RecordPart> parts, Set<String> expectPresent,
                       Set<String> expectAbsent, List<PathwayExpectation> expectPathways, List<String> ruleSets, Set<Kind> kinds) {
    /**
     * What a scenario proves about the codes it expects (optional {@code kind:} field): a firing case (present),
     * a just-below-threshold case (absent), a suppressed case (absent), or a data-quality variant - a real-world
     * coding or an implausible value (present or absent). {@link ScenarioCoverage} checks every code has each.
     */
    public enum Kind {
        FIRES("fires"), BELOW("below"), SUPPRESSED("suppressed"), DATA_QUALITY("data-quality");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static java.util.Optional<Kind> parse(String text) {
            return java.util.Arrays.stream(values()).filter(k -> k.label.equals(text)).findFirst();
        }

        /** The codes this kind of scenario proves something about. */
        Set<String> codesIn(Scenario s) {
            return switch (this) {
                case FIRES -> s.expectPresent();
                case BELOW, SUPPRESSED -> s.expectAbsent();
                case DATA_QUALITY -> {
                    Set<String> both = new java.util.HashSet<>(s.expectPresent());
                    both.addAll(s.expectAbsent());
                    yield both;
                }
            };
        }
    }

    /** An expected pathway step state (see the pathways module): e.g. urgent-community-response, first-contact, overdue. */
    public record PathwayExpectation(String pathway, Optional<Integer> instance, String step, String state) {
        public PathwayExpectation {
            Require.nonNull("pathway, step, state", pathway, step, state);
            instance = Objects.requireNonNullElse(instance, Optional.empty());
        }
    }

    public Scenario {
        Require.nonNull("file, title, asOf", file, title, asOf);
        hook = Objects.requireNonNullElse(hook, "patient-view");
        parts = List.copyOf(parts);
        expectPresent = Set.copyOf(expectPresent);
        expectAbsent = Set.copyOf(expectAbsent);
        expectPathways = List.copyOf(expectPathways);
        ruleSets = List.copyOf(ruleSets);
        kinds = Set.copyOf(Objects.requireNonNullElse(kinds, Set.of()));
    }
}
