package org.waymark.api.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.server.ServerSettings;
import org.waymark.api.server.WaymarkServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--public-url", defaultValue = "${env:WAYMARK_PUBLIC_URL}", description = "Base URL clients use (JWT aud), when behind a proxy.")
    String publicUrl;

    @Option(names = "--deadline", defaultValue = "${env:WAYMARK_DEADLINE:-PT2S}", description = "Evaluation deadline, ISO-8601 (default ${DEFAULT-VALUE}); past it: 503.")
    java.time.Duration deadline;

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:WAYMARK_CORS_ORIGINS}", description = "Browser origins allowed by CORS (default none).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--shutdown-grace", defaultValue = "${env:WAYMARK_SHUTDOWN_GRACE:-PT10S}",
            description = "On SIGTERM, how long calls in flight may take to finish, ISO-8601 (default ${DEFAULT-VALUE}).")
    java.time.Duration shutdownGrace;

    @Option(names = "--rule-set", paramLabel = "ID@VERSION", description = "Activate this version of a rule set (repeatable).")
    List<String> ruleSets = new ArrayList<>();

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() {
        ServerSettings settings = new ServerSettings(port, rules, pathways, RuleSetSelection.parse(ruleSets, spec),
                ServerSettings.DEFAULT_MAX_BODY, Clock.systemUTC(), data, Optional.ofNullable(databaseUrl),
                AdminAuth.parse(System.getenv("WAYMARK_ADMIN_TOKENS")), Optional.ofNullable(clients), dev, Optional.ofNullable(publicUrl),
                deadline, corsOrigins == null ? List.of() : corsOrigins);
        WaymarkServer server = WaymarkServer.create(settings).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(shutdownGrace), "waymark-shutdown"));
        serving = true;
        return 0;
    }
}
