package org.waymark.cli.serve;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.ServerSettings;
import org.waymark.api.server.TlsKeys;
import org.waymark.api.server.WaymarkServer;
import org.waymark.cli.options.DataFolder;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.RuleSetSelection;
import org.waymark.cli.options.RulesFolder;
import org.waymark.cli.options.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code waymark serve}: runs the CDS Hooks server. Every option can also be set as WAYMARK_&lt;OPTION&gt; in the
 * environment or as &lt;option&gt; in the {@code --config} file, in that order after the flags (see SettingsSources).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the CDS Hooks server.")
public final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of settings (keys are option names: port, rules, public-url, ...); "
            + "flags and environment variables win over it.")
    Path config;

    @Mixin
    RulesFolder rules;

    @Mixin
    PathwaysFolder pathways;

    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "" + ServerSettings.Network.DEFAULT_PORT, description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", description = "Interface to listen on (default 0.0.0.0, all; with --dev 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--idle-timeout", defaultValue = "PT15S", description = "Close a connection silent this long, "
            + "in its headers or body (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--tls-cert", description = "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", description = "The PEM PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-keystore", description = "Serve HTTPS with this PKCS#12 key store (password in env WAYMARK_TLS_KEYSTORE_PASSWORD).")
    Path tlsKeystore;

    @Option(names = "--clients", description = "Trusted CDS clients (YAML: iss, jwks, jku); see docs/security.md.")
    Path clients;

    @Option(names = "--dev", description = "Development mode: no CDS client authentication (loudly logged). Never with real data.")
    boolean dev;

    @Option(names = "--public-url", split = ",",
            description = "Base URL(s) CDS clients call, e.g. https://cds.example.org (the only JWT aud accepted); required with --clients.")
    List<String> publicUrls = new ArrayList<>();

    @Option(names = "--rule-set", split = ",", paramLabel = "ID@VERSION", description = "Activate this version of a rule set (repeatable).")
    List<String> ruleSets = new ArrayList<>();

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY,
            description = "Largest request body accepted, in bytes (default ${DEFAULT-VALUE}); larger: 413.")
    long maxBodyBytes;

    @Option(names = "--deadline", defaultValue = "PT2S", description = "Evaluation deadline, ISO-8601 (default ${DEFAULT-VALUE}); past it: 503.")
    Duration deadline;

    @Option(names = "--shutdown-grace", defaultValue = "PT10S",
            description = "On SIGTERM, how long calls in flight may take to finish, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = {"--cors-origin", "--cors-origins"}, split = ",", description = "Browser origins allowed by CORS (default none).")
    List<String> corsOrigins = new ArrayList<>();

    /** The settings the flags (and, through picocli's default provider, the environment and config file) describe. */
    ServerSettings settings(Function<String, String> environment) {
        return new ServerSettings(
                new ServerSettings.Network(Optional.ofNullable(host), port, idleTimeout, tls(environment.apply("WAYMARK_TLS_KEYSTORE_PASSWORD"))),
                new ServerSettings.Sources(rules.path(), pathways.path(), RuleSetSelection.parse(orEmpty(ruleSets), spec)),
                new ServerSettings.Store(store.data().path(), store.databaseUrl(), DataFolder.configuredPseudonymKey()),
                new ServerSettings.Clients(Optional.ofNullable(clients), orEmpty(publicUrls), dev),
                new ServerSettings.Limits(maxBodyBytes, deadline, shutdownGrace),
                new ServerSettings.Cors(orEmpty(corsOrigins)),
                AdminAuth.parse(environment.apply("WAYMARK_ADMIN_TOKENS")), Clock.systemUTC());
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

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** True once a server was started in this JVM, so the command line does not exit under it. */
    public static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() {
        ServerSettings settings = settings(System::getenv);
        Endpoint where = settings.endpoint();
        WaymarkServer server = WaymarkServer.create(settings).start(where);
        Duration grace = settings.limits().shutdownGrace();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(grace), "waymark-shutdown"));
        serving = true;
        return 0;
    }
}
