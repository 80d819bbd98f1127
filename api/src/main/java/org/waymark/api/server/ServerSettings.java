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
 * CDS clients (or development mode, which turns client authentication off), the public base URLs clients
 * address the server by (the only audiences JWTs may name; required with trusted clients), the evaluation deadline (503 past it), and the
 * browser origins allowed by CORS (none by default).
 */
public record ServerSettings(int port, Path rulesDir, Path pathwaysDir, Map<String, String> activeVersions, long maxBodyBytes, Clock clock,
                             Path dataDir, Optional<String> databaseUrl, Map<String, String> adminTokens, Optional<Path> clientsFile,
                             boolean devMode, List<String> publicUrls, Duration evaluationDeadline, List<String> corsOrigins) {
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
        publicUrls = List.copyOf(publicUrls);
        for (String url : publicUrls) {
            if (!url.startsWith("https://") && !(devMode && url.startsWith("http://"))) {
                throw new IllegalArgumentException("--public-url " + url + " must be an https URL (http only with --dev)");
            }
        }
        if (evaluationDeadline == null || evaluationDeadline.isNegative() || evaluationDeadline.isZero()) {
            throw new IllegalArgumentException("the evaluation deadline must be positive");
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (clientsFile.isEmpty() && !devMode) {
            throw new IllegalArgumentException("no trusted CDS clients configured: give --clients <file> (see docs/security.md), "
                    + "or --dev to run without client authentication on a development machine");
        }
        if (clientsFile.isPresent() && publicUrls.isEmpty()) {
            throw new IllegalArgumentException("no public URL configured: give --public-url <https://host/base> (the URL CDS clients call; "
                    + "JWT aud is compared only with it, never with the request's Host header; see docs/security.md)");
        }
    }
}
