package org.waymark.engine.valueset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a value set's codes came from, read from its header lines ({@code # source:},
 * {@code # source-version:}, {@code # filter:}, {@code # review:}, {@code # added:}). {@link #sources()} are
 * repository paths of published code lists (none when the codes were chosen locally); {@code additions}
 * are codes deliberately taken from outside those lists, each with its reason. A blank field was absent.
 */
public record Provenance(String source, String sourceVersion, String filter, String review, List<Addition> additions) {
    /** The {@code # source:} value for codes chosen here rather than taken from a published list. */
    public static final String LOCAL = "local";

    public Provenance {
        source = blankIfNull(source);
        sourceVersion = blankIfNull(sourceVersion);
        filter = blankIfNull(filter);
        review = blankIfNull(review);
        additions = List.copyOf(additions);
    }

    public static Provenance none() {
        return new Provenance("", "", "", "", List.of());
    }

    /** The published lists named by {@code # source:} (repository paths separated by ';'); empty when local. */
    public List<String> sources() {
        if (source.isEmpty() || local()) {
            return List.of();
        }
        return Arrays.stream(source.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** True when the codes were chosen here ({@code # source: local}), so no published list bounds them. */
    public boolean local() {
        return source.equals(LOCAL) || source.startsWith(LOCAL + " ");
    }

    /** A code added from outside the published source, declared on {@code line} with why. */
    public record Addition(String code, String reason, int line) {
        public Addition {
            Objects.requireNonNull(code, "code");
            reason = blankIfNull(reason);
        }
    }

    private static String blankIfNull(String s) {
        return s == null ? "" : s.strip();
    }
}
