package org.waymark.api.cli;

import picocli.CommandLine;

/** Entry point of the {@code waymark} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new WaymarkCommand()).execute(args);
        if (exit != 0 || !ServeCommand.isServing()) {
            System.exit(exit);
        }
    }
}
