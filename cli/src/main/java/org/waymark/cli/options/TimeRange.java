package org.waymark.cli.options;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: a half-open range of instants, either end open when not given. */
public final class TimeRange {
    @Option(names = "--from", converter = InstantOrDate.class,
            description = "At or after this instant, e.g. 2026-11-24T09:00:00Z, or the start of this date in England, e.g. 2026-11-24.") Instant from;

    @Option(names = "--to", converter = InstantOrDate.class, description = "Before this instant (or the start of this date in England).") Instant to;

    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }
}
