package org.waymark.cli.options;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: a half-open range of instants, either end open when not given. */
public final class TimeRange {
    @Option(names = "--from", description = "At or after this instant, e.g. 2026-11-24T09:00:00Z.") Instant from;

    @Option(names = "--to", description = "Before this instant.") Instant to;

    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }
}
