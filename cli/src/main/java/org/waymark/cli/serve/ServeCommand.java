package org.waymark.cli.serve;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.ServerSettings;
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
import picocli.CommandLine.Spec;

/**
 * {@code waymark serve}: runs the CDS Hooks server. Every option can also be set as WAYMARK_&lt;OPTION&gt; in the
 * environment or as &lt;option&gt; in the {@code --config} file, in that order after the flags (see SettingsSources).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the CDS Hooks server.")
public final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of settings (keys are option names: port, rules, public-url, ...); flags and environment variables win over it.") Path config;

    @Mixin RulesFolder rules;

    @Mixin PathwaysFolder pathways;

    @Mixin StoreOptions store;

    @Mixin NetworkOptions network;

    @Mixin ClientOptions clients;

    @Mixin LimitOptions limits;

    @Option(names = "--rule-set", split = ",", paramLabel = "ID@VERSION", description = "Activate this version of a rule set (repeatable).") List<String> ruleSets = new ArrayList<>();

    @Option(names = {"--cors-origin", "--cors-origins"}, split = ",", description = "Browser origins allowed by CORS (default none).") List<String> corsOrigins = new ArrayList<>();

    // The launchers' training run for the start-up class-data archive: load all that serving loads, then stop.
    @Option(names = "--exit-when-ready", hidden = true, description = "Start, answer the warm-up calls, then stop.") boolean exitWhenReady;

    /** The settings the flags (and, through picocli's default provider, the environment and config file) describe. */
    ServerSettings settings(Function<String, String> environment) {
        return new ServerSettings(
                network.network(environment.apply("WAYMARK_TLS_KEYSTORE_PASSWORD")),
                new ServerSettings.Sources(rules.path(), pathways.path(), RuleSetSelection.parse(orEmpty(ruleSets), spec)),
                new ServerSettings.Store(store.data().path(), store.databaseUrl(), DataFolder.configuredPseudonymKey()),
                clients.settings(),
                limits.settings(),
                new ServerSettings.Cors(orEmpty(corsOrigins)),
                AdminAuth.parse(environment.apply("WAYMARK_ADMIN_TOKENS")), Clock.systemUTC());
    }

    static List<String> orEmpty(List<String> values) {
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
        if (exitWhenReady) {
            server.stop(grace);
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(grace), "waymark-shutdown"));
        serving = true;
        return 0;
    }
}
