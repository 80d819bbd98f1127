package org.waymark.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the waymark command in-process, configured as {@code main} configures it, and captures what it prints. */
public final class Cli {
    public record Run(int exit, String out) {
    }

    private Cli() {
    }

    public static synchronized Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int exit = Main.commandLine(args, System::getenv).execute(args);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
