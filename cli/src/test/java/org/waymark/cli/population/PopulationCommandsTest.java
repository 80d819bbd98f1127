package org.waymark.cli.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Cli;
import org.waymark.fixtures.RepositoryRoot;

/** The population commands take their shared options (--input, --as-of, --out) from the options mixins. */
class PopulationCommandsTest {
    private static final Path RULES = RepositoryRoot.rules();
    private static final Path PATHWAYS = RepositoryRoot.pathwayDefinitions();
    private static final String AS_OF = "2026-11-24T09:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void pathwayKpisReadTheInputFolderAsOfTheGivenInstant() {
        Path scenarios = PATHWAYS.resolve("urgent-community-response/1.0.0/scenarios");
        Cli.Run run = Cli.run("pathways", "kpi", "--input", scenarios.toString(), "--as-of", AS_OF, "--pathways", PATHWAYS.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().matches("(?s)[1-9]\\d* patient records as of " + AS_OF + "\\n.*urgent-community-response.*"), run.out());
    }

    @Test
    void aGeneratedPopulationIsScreenedIntoTheOutputFolder() throws Exception {
        Path population = tmp.resolve("in");
        Cli.Run generate = Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString());
        assertEquals(0, generate.exit(), generate.out());
        assertTrue(generate.out().startsWith("wrote 20 patients to " + population), generate.out());

        Path out = tmp.resolve("out");
        Cli.Run screen = Cli.run("screen", "--input", population.toString(), "--as-of", AS_OF, "--out", out.toString(), "--ids", "real",
                "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(), "--threads", "1");
        assertEquals(0, screen.exit(), screen.out());
        assertTrue(screen.out().startsWith("screened 20 patients"), screen.out());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertTrue(Files.isRegularFile(out.resolve("cohort.csv")));
    }

    @Test
    void screeningWithoutAnEvaluationInstantIsAUsageError() {
        Cli.Run run = Cli.run("screen", "--input", tmp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exit());
    }
}
