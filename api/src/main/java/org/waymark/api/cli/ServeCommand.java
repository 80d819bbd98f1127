package org.waymark.api.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.ServerSettings;
import org.waymark.api.server.TlsKeys;
import org.waymark.api.server.WaymarkServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code waymark serve}: runs the CDS Hooks server with the bundled (or given) rule sets. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the CDS Hooks server.")
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:WAYMARK_PORT:-8080}", description = "HTTP port (default ${DEFAULT-VALUE}; env WAYMARK_PORT).")
    int port;

    @Option(names = "--rules", defaultValue = "${env:WAYMARK_RULES:-rules}", description = "Rules folder (default ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--pathways", defaultValue = "${env:WAYMARK_PATHWAYS:-pathways/definitions}", description = "Pathway definitions folder (default ${DEFAULT-VALUE}).")
    Path pathways;

    @Option(names = "--data", defaultValue = "${env:WAYMARK_DATA:-data}", description = "Folder of the embedded store (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--database-url", defaultValue = "${env:WAYMARK_DATABASE_URL}", description = "JDBC URL of another store, e.g. jdbc:postgresql://host/db (env WAYMARK_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--clients", defaultValue = "${env:WAYMARK_CLIENTS}", description = "Trusted CDS clients (YAML: iss, jwks, jku); see docs/security.md.")
    Path clients;

    @Option(names = "--dev", description = "Development mode: no CDS client authentication (loudly logged). Never with real data.")
    boolean dev;

    @Option(names = "--public-url", split = ",", defaultValue = "${env:WAYMARK_PUBLIC_URL}",
            description = "Base URL(s) CDS clients call, e.g. https://cds.example.org (the only JWT aud accepted); required with --clients.")
    List<String> publicUrls = new ArrayList<>();

    @Option(names = "--deadline", defaultValue = "${env:WAYMARK_DEADLINE:-PT2S}", description = "Evaluation deadline, ISO-8601 (default ${DEFAULT-VALUE}); past it: 503.")
    java.time.Duration deadline;

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:WAYMARK_CORS_ORIGINS}", description = "Browser origins allowed by CORS (default none).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--shutdown-grace", defaultValue = "${env:WAYMARK_SHUTDOWN_GRACE:-PT10S}",
            description = "On SIGTERM, how long calls in flight may take to finish, ISO-8601 (default ${DEFAULT-VALUE}).")
    java.time.Duration shutdownGrace;

    @Option(names = "--rule-set", paramLabel = "ID@VERSION", description = "Activate this version of a rule set (repeatable).")
    List<String> ruleSets = new ArrayList<>();

    @Option(names = "--host", defaultValue = "${env:WAYMARK_HOST}", description = "Interface to listen on (default 0.0.0.0, all; "
            + "with --dev 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--idle-timeout", defaultValue = "${env:WAYMARK_IDLE_TIMEOUT:-PT15S}", description = "Close a connection silent this long, "
            + "in its headers or body (default ${DEFAULT-VALUE}).")
    java.time.Duration idleTimeout;

    @Option(names = "--tls-cert", defaultValue = "${env:WAYMARK_TLS_CERT}", description = "Serve HTTPS with this PEM certificate chain "
            + "(with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:WAYMARK_TLS_KEY}", description = "The PEM PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-keystore", defaultValue = "${env:WAYMARK_TLS_KEYSTORE}", description = "Serve HTTPS with this PKCS#12 key store "
            + "(password in env WAYMARK_TLS_KEYSTORE_PASSWORD).")
    Path tlsKeystore;

    /** Where to listen: --host, else loopback in development mode and all interfaces otherwise; HTTPS when TLS keys are given. */
    Endpoint endpoint(String keystorePassword) {
        String where = host != null && !host.isBlank() ? host : dev ? Endpoint.LOOPBACK : Endpoint.ALL_INTERFACES;
        return new Endpoint(where, port, idleTimeout, tls(keystorePassword));
    }

    private Optional<TlsKeys> tls(String keystorePassword) {
        if (tlsKeystore != null && (tlsCert != null || tlsKey != null)) {
            throw new ParameterException(spec.commandLine(), "give either --tls-keystore or --tls-cert with --tls-key, not both");
        }
        if (tlsKeystore != null) {
            return Optional.of(TlsKeys.fromPkcs12(tlsKeystore, keystorePassword == null ? new char[0] : keystorePassword.toCharArray()));
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        return tlsCert == null ? Optional.empty() : Optional.of(TlsKeys.fromPem(tlsCert, tlsKey));
    }

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() {
        ServerSettings settings = new ServerSettings(port, rules, pathways, RuleSetSelection.parse(ruleSets, spec),
                ServerSettings.DEFAULT_MAX_BODY, Clock.systemUTC(), data, Optional.ofNullable(databaseUrl),
                AdminAuth.parse(System.getenv("WAYMARK_ADMIN_TOKENS")), Optional.ofNullable(clients), dev, publicUrls == null ? List.of() : publicUrls,
                deadline, corsOrigins == null ? List.of() : corsOrigins);
        WaymarkServer server = WaymarkServer.create(settings).start(endpoint(System.getenv("WAYMARK_TLS_KEYSTORE_PASSWORD")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(shutdownGrace), "waymark-shutdown"));
        serving = true;
        return 0;
    }
}
