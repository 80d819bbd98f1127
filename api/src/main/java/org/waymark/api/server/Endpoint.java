package org.waymark.api.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the server listens: the interface ({@code 127.0.0.1} for loopback only, {@code 0.0.0.0} for all),
 * the port (0 picks a free one), how long a connection may stay silent (idle timeout, which also bounds slow
 * headers and bodies) and, for HTTPS, the key material.
 */
public record Endpoint(String host, int port, Duration idleTimeout, Optional<TlsKeys> tls) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final String ALL_INTERFACES = "0.0.0.0";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host to listen on is required (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        tls = Objects.requireNonNullElse(tls, Optional.empty());
    }

    /** Plain HTTP on {@code host:port} with the default idle timeout. */
    public static Endpoint http(String host, int port) {
        return new Endpoint(host, port, DEFAULT_IDLE_TIMEOUT, Optional.empty());
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
