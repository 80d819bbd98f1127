package org.waymark.cli.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Cli;

/** {@code waymark generate --profile}: the realistic profile is written, and an unknown profile is a usage error. */
class GenerateCommandTest {
    @Test
    void theRealisticProfileWritesOlderPeopleAndTheirPractices(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("realistic");
        Cli.Run run = Cli.run("generate", "--patients", "3", "--seed", "2", "--out", out.toString(), "--profile", "realistic", "--practices", "2");
        assertEquals(0, run.exit(), run.out());
        assertEquals(3, Files.readAllLines(out.resolve("Patient.ndjson")).size());
        assertEquals(2, Files.readAllLines(out.resolve("Organization.ndjson")).size());
        assertTrue(Files.readAllLines(out.resolve("Observation.ndjson")).size() > 100);
    }

    @Test
    void anUnknownProfileIsRefusedWithoutWritingAnything(@TempDir Path tmp) {
        Path out = tmp.resolve("none");
        Cli.Run run = Cli.run("generate", "--patients", "3", "--out", out.toString(), "--profile", "synthea");
        assertEquals(2, run.exit(), run.out());
        assertFalse(Files.exists(out));
    }
}
