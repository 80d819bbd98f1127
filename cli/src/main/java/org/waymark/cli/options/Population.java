package org.waymark.cli.options;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --input} and {@code --as-of}: the patient records a command assesses (the command's description names their
 * formats) and the instant it assesses them at (nothing reads the clock).
 */
public final class Population {
    @Option(names = "--input", required = true, description = "Input folder of patient records.") Path input;

    @Option(names = "--as-of", required = true, converter = InstantOrDate.class, description = "Evaluation instant, e.g. 2026-11-24T09:00:00Z, or a date (the start of that day in England), e.g. 2026-11-24.") Instant asOf;

    public Path input() {
        return input;
    }

    public Instant asOf() {
        return asOf;
    }
}
