package org.waymark.engine.ruleset;

import java.time.Instant;
import java.util.List;
import org.waymark.engine.util.Require;

/**
 * A rule-set version that was refused service: it did not compile, lint clean or pass its scenarios when
 * it was to serve. {@code phase} says when ("activation", "rollback" or "start-up"); the reasons name files,
 * lines and scenarios, never patient data.
 */
public record Refusal(String id, String version, String phase, List<String> reasons, Instant at) {
    public Refusal {
        Require.nonNull("id, version, phase, at", id, version, phase, at);
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one reason");
        }
    }

    public String key() {
        return id + "@" + version;
    }
}
