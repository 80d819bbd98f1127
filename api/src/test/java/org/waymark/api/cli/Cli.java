package org.waymark.api.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the waymark command in-process and captures what it prints. */
final class Cli {
    record Run(int exit, String out) {
    }

    private Cli() {
    }

    static synchronized Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int exit = new CommandLine(new WaymarkCommand()).execute(args);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
