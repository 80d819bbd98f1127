package org.waymark.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: a listing command prints a human-readable table by default, or the same data as JSON. */
public final class OutputFormat {
    @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;

    public boolean json() {
        return json;
    }
}
