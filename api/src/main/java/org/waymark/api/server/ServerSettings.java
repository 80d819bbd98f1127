package org.waymark.api.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.waymark.api.admin.AdminIdentity;

/**
 * How the server runs, in small groups each with its own defaults: where it listens, which rules and pathways it serves,
 * where it stores, whom it trusts, its limits and CORS, plus the admin identities (name, roles, SHA-256 of the token) and the clock that
 * gives "now" to calls without an explicit as-of. The command line fills these from flags, the environment and a config
 * file (docs/operations.md); tests build them directly. Nothing below reads the environment.
 */
public record ServerSettings(Network network, Sources sources, Store store, Clients clients, Limits limits, Cors cors,
                             List<AdminIdentity> admins, Clock clock) {
    public static final long DEFAULT_MAX_BODY = 5L * 1024 * 1024;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

    public ServerSettings {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clients, "clients");
        limits = Objects.requireNonNullElse(limits, Limits.DEFAULTS);
        cors = Objects.requireNonNullElse(cors, Cors.NONE);
        admins = List.copyOf(admins);
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Where and how to listen: the interface (empty: loopback in development mode, all interfaces otherwise), the port
     * (0 picks a free one), how long a connection may stay silent, and the HTTPS key material if any.
     */
    public record Network(Optional<String> host, int port, Duration idleTimeout, Optional<TlsKeys> tls) {
        public static final int DEFAULT_PORT = 8080;

        public Network {
            host = Objects.requireNonNullElse(host, Optional.<String>empty()).filter(h -> !h.isBlank());
            tls = Objects.requireNonNullElse(tls, Optional.empty());
            new Endpoint(host.orElse(Endpoint.LOOPBACK), port, idleTimeout, tls); // validates port and idle timeout as the endpoint it becomes
        }

        /** Plain HTTP on {@code port} with the default idle timeout, on the default interface. */
        public static Network onPort(int port) {
            return new Network(Optional.empty(), port, Endpoint.DEFAULT_IDLE_TIMEOUT, Optional.empty());
        }

        Endpoint endpoint(boolean devMode) {
            return new Endpoint(host.orElse(devMode ? Endpoint.LOOPBACK : Endpoint.ALL_INTERFACES), port, idleTimeout, tls);
        }
    }

    /** The rules and pathway-definition folders, and the configured active version per rule set (empty: the newest). */
    public record Sources(Path rulesDir, Path pathwaysDir, Map<String, String> activeVersions) {
        public Sources {
            Objects.requireNonNull(rulesDir, "rulesDir");
            Objects.requireNonNull(pathwaysDir, "pathwaysDir");
            activeVersions = Map.copyOf(activeVersions);
        }
    }

    /**
     * The embedded store's folder (also home of {@code pseudonym.key}), or a JDBC URL for another store, and the
     * pseudonymisation secret when it is given rather than kept in the data folder.
     */
    public record Store(Path dataDir, Optional<String> databaseUrl, Optional<String> pseudonymKey) {
        public Store {
            Objects.requireNonNull(dataDir, "dataDir");
            databaseUrl = Objects.requireNonNullElse(databaseUrl, Optional.<String>empty()).filter(u -> !u.isBlank());
            pseudonymKey = Objects.requireNonNullElse(pseudonymKey, Optional.<String>empty()).filter(k -> !k.isBlank());
        }

        /** The embedded store in {@code dataDir}, with its key kept there. */
        public static Store embedded(Path dataDir) {
            return new Store(dataDir, Optional.empty(), Optional.empty());
        }

        /** Never prints the secret: settings may be logged. */
        @Override
        public String toString() {
            return "Store[dataDir=" + dataDir + ", databaseUrl=" + databaseUrl.isPresent() + ", pseudonymKey=" + pseudonymKey.isPresent() + "]";
        }
    }

    /**
     * The trusted CDS clients file (or development mode, which turns client authentication off) and the public base URLs
     * clients address the server by: the only audiences JWTs may name, required with trusted clients.
     */
    public record Clients(Optional<Path> clientsFile, List<String> publicUrls, boolean devMode) {
        public Clients {
            clientsFile = Objects.requireNonNullElse(clientsFile, Optional.empty());
            publicUrls = List.copyOf(publicUrls);
            for (String url : publicUrls) {
                if (!url.startsWith("https://") && !(devMode && url.startsWith("http://"))) {
                    throw new IllegalArgumentException("--public-url " + url + " must be an https URL (http only with --dev)");
                }
            }
            if (clientsFile.isEmpty() && !devMode) {
                throw new IllegalArgumentException("no trusted CDS clients configured: give --clients <file> (see docs/security.md), "
                        + "or --dev to run without client authentication on a development machine");
            }
            if (clientsFile.isPresent() && publicUrls.isEmpty()) {
                throw new IllegalArgumentException("no public URL configured: give --public-url <https://host/base> (the URL CDS clients call; "
                        + "JWT aud is compared only with it, never with the request's Host header; see docs/security.md)");
            }
        }

        /** Development mode: no client authentication, no public URL. */
        public static Clients development() {
            return new Clients(Optional.empty(), List.of(), true);
        }
    }

    /** The request body limit, the evaluation deadline (503 past it) and how long a stop waits for calls in flight. */
    public record Limits(long maxBodyBytes, Duration evaluationDeadline, Duration shutdownGrace) {
        public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_BODY, DEFAULT_DEADLINE, WaymarkServer.DEFAULT_SHUTDOWN_GRACE);

        public Limits {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            if (evaluationDeadline == null || evaluationDeadline.isNegative() || evaluationDeadline.isZero()) {
                throw new IllegalArgumentException("the evaluation deadline must be positive");
            }
            if (shutdownGrace == null || shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("the shutdown grace must not be negative");
            }
        }

        public Limits withDeadline(Duration deadline) {
            return new Limits(maxBodyBytes, deadline, shutdownGrace);
        }
    }

    /** The browser origins allowed by CORS (none by default). */
    public record Cors(List<String> origins) {
        public static final Cors NONE = new Cors(List.of());
        /** The public CDS Hooks sandbox, allowed in development mode. */
        public static final String CDS_HOOKS_SANDBOX = "https://sandbox.cds-hooks.org";

        public Cors {
            origins = List.copyOf(origins);
        }
    }

    /** Where to listen, with the interface chosen for the mode when none is configured. */
    public Endpoint endpoint() {
        return network.endpoint(clients.devMode());
    }

    // The flat views the server's wiring reads.

    public Path rulesDir() {
        return sources.rulesDir();
    }

    public Path pathwaysDir() {
        return sources.pathwaysDir();
    }

    public Map<String, String> activeVersions() {
        return sources.activeVersions();
    }

    public long maxBodyBytes() {
        return limits.maxBodyBytes();
    }

    public Path dataDir() {
        return store.dataDir();
    }

    public Optional<String> databaseUrl() {
        return store.databaseUrl();
    }

    public Optional<Path> clientsFile() {
        return clients.clientsFile();
    }

    public boolean devMode() {
        return clients.devMode();
    }

    public List<String> publicUrls() {
        return clients.publicUrls();
    }

    public Duration evaluationDeadline() {
        return limits.evaluationDeadline();
    }

    /**
     * The configured origins; in development mode also the public CDS Hooks sandbox, so a developer can point it at a
     * Waymark on their own machine.
     */
    public List<String> corsOrigins() {
        if (!devMode() || cors.origins().contains(Cors.CDS_HOOKS_SANDBOX)) {
            return cors.origins();
        }
        List<String> origins = new java.util.ArrayList<>(cors.origins());
        origins.add(Cors.CDS_HOOKS_SANDBOX);
        return List.copyOf(origins);
    }
}
