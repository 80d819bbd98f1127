package org.waymark.api.cli;

import picocli.CommandLine;

/** Entry point of the {@code waymark} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new WaymarkCommand());
        // Configuration mistakes are the user's to fix: say what is wrong, without a stack trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("waymark: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int exit = cli.execute(args);
        if (exit != 0 || !ServeCommand.isServing()) {
            System.exit(exit);
        }
    }
}
