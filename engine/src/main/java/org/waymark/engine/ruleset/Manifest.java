package org.waymark.engine.ruleset;

import java.util.List;
import java.util.Objects;
import org.waymark.engine.util.Require;

/**
 * A rule-set version's {@code manifest.yaml}: who wrote it, what it implements, and its history.
 * {@code uses} names shared definitions ({@code frailty@1.0.0}) compiled in from {@code rules/shared/};
 * {@code hazards} are the clinical hazards the authors noted for this version (the evidence pack reports them).
 */
public record Manifest(String id, SemVer version, String title, String description, Status status,
                       List<String> authors, String clinicalReviewer, List<Source> sources, List<Change> changelog,
                       List<String> uses, List<String> hazards) {
    public enum Status { DRAFT, ACTIVE, RETIRED }

    /** A published source the rules implement, e.g. {@code CR-1.1} of the clinical reference. */
    public record Source(String id, String title) {
        public Source {
            Objects.requireNonNull(id, "id");
            title = title == null ? "" : title;
        }
    }

    public record Change(String version, String date, String summary) {
    }

    public Manifest {
        Require.nonNull("id, version, status", id, version, status);
        title = Objects.requireNonNullElse(title, "");
        description = Objects.requireNonNullElse(description, "");
        authors = List.copyOf(authors);
        clinicalReviewer = Objects.requireNonNullElse(clinicalReviewer, "");
        sources = List.copyOf(sources);
        changelog = List.copyOf(changelog);
        uses = List.copyOf(uses);
        hazards = List.copyOf(hazards);
    }

    /** The same manifest with its description rendered (parameters named in it replaced by their values). */
    Manifest withDescription(String rendered) {
        return new Manifest(id, version, title, rendered, status, authors, clinicalReviewer, sources, changelog, uses, hazards);
    }

    public String key() {
        return id + "@" + version;
    }
}
