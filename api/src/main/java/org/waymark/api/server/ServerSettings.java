package org.waymark.api.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server runs: port (0 picks a free one), the rules and pathway-definition folders, the configured active version per
 * rule set, the request body limit, the clock that gives "now" to calls without an explicit as-of, where
 * the embedded store lives (or a JDBC URL for another), the admin tokens (name to SHA-256 hash), the trusted
 * CDS clients (or development mode, which turns client authentication off), and the public base URL that
 * JWT audiences name when the server sits behind a proxy, the evaluation deadline (503 past it), and the
 * browser origins allowed by CORS (none by default).
 */
public record ServerSettings(int port, Path rulesDir, Path pathwaysDir, Map<String, String> activeVersions, long maxBodyBytes, Clock clock,
                             Path dataDir, Optional<String> databaseUrl, Map<String, String> adminTokens, Optional<Path> clientsFile,
                             boolean devMode, Optional<String> publicBaseUrl, Duration evaluationDeadline, List<String> corsOrigins) {
    public static final long DEFAULT_MAX_BODY = 5L * 1024 * 1024;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        Objects.requireNonNull(rulesDir, "rulesDir");
        Objects.requireNonNull(pathwaysDir, "pathwaysDir");
        activeVersions = Map.copyOf(activeVersions);
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
        databaseUrl = Objects.requireNonNullElse(databaseUrl, Optional.empty());
        adminTokens = Map.copyOf(adminTokens);
        clientsFile = Objects.requireNonNullElse(clientsFile, Optional.empty());
        publicBaseUrl = Objects.requireNonNullElse(publicBaseUrl, Optional.empty());
        if (evaluationDeadline == null || evaluationDeadline.isNegative() || evaluationDeadline.isZero()) {
            throw new IllegalArgumentException("the evaluation deadline must be positive");
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (clientsFile.isEmpty() && !devMode) {
            throw new IllegalArgumentException("no trusted CDS clients configured: give --clients <file> (see docs/security.md), "
                    + "or --dev to run without client authentication on a development machine");
        }
    }
}
