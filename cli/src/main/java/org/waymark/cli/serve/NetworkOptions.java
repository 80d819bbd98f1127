package org.waymark.cli.serve;

import java.time.Duration;
import java.util.Optional;
import org.waymark.api.server.ServerSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how the server listens: {@link ServerSettings.Network}. */
final class NetworkOptions {
    @Option(names = "--port", defaultValue = "" + ServerSettings.Network.DEFAULT_PORT, description = "HTTP port (default ${DEFAULT-VALUE}).") int port;

    @Option(names = "--host", description = "Interface to listen on (default 0.0.0.0, all; with --dev 127.0.0.1, this machine only).") String host;

    @Option(names = "--idle-timeout", defaultValue = "PT15S", description = "Close a connection silent this long, in its headers or body (default ${DEFAULT-VALUE}).") Duration idleTimeout;

    @Mixin TlsOptions tls;

    ServerSettings.Network network(String keystorePassword) {
        return new ServerSettings.Network(Optional.ofNullable(host), port, idleTimeout, tls.keys(keystorePassword));
    }
}
