package org.waymark.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.waymark.cli.options.SettingsSources;
import org.waymark.cli.serve.ServeCommand;
import picocli.CommandLine;

/** Entry point of the {@code waymark} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = commandLine(args, System::getenv);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("waymark: " + e.getMessage()); // an unreadable or unknown setting in the config file
            System.exit(2);
            return;
        }
        int exit = cli.execute(args);
        if (exit != 0 || !ServeCommand.isServing()) {
            System.exit(exit);
        }
    }

    /**
     * The configured command line for {@code args}: {@code serve} takes what its flags leave open from
     * {@code environment}, then from the {@code --config} file (picocli resolves defaults before it parses, so the
     * file is found in the arguments first).
     */
    public static CommandLine commandLine(String[] args, Function<String, String> environment) {
        CommandLine cli = new CommandLine(new WaymarkCommand());
        // Configuration mistakes are the user's to fix: say what is wrong, without a stack trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                cmd.getErr().println("waymark: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        CommandLine serve = cli.getSubcommands().get("serve");
        serve.setDefaultValueProvider(SettingsSources.of(serve.getCommandSpec(), environment, configFile(args)));
        return cli;
    }

    private static Optional<Path> configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        return Optional.empty();
    }
}
