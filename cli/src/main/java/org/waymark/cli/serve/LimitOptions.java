package org.waymark.cli.serve;

import java.time.Duration;
import org.waymark.api.server.ServerSettings;
import picocli.CommandLine.Option;

/** How much the server accepts and how long it waits: {@link ServerSettings.Limits}. */
final class LimitOptions {
    @Option(names = "--max-body-bytes", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY, description = "Largest request body accepted, in bytes (default ${DEFAULT-VALUE}); larger: 413.") long maxBodyBytes;

    @Option(names = "--deadline", defaultValue = "PT2S", description = "Evaluation deadline, ISO-8601 (default ${DEFAULT-VALUE}); past it: 503.") Duration deadline;

    @Option(names = "--shutdown-grace", defaultValue = "PT10S", description = "On SIGTERM, how long calls in flight may take to finish, ISO-8601 (default ${DEFAULT-VALUE}).") Duration shutdownGrace;

    ServerSettings.Limits settings() {
        return new ServerSettings.Limits(maxBodyBytes, deadline, shutdownGrace);
    }
}
