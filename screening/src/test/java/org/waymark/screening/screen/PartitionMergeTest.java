package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;

/**
 * The merge that runs while partitions are screened: partitions in order only, and a merge that does not finish (a run
 * that fails) leaves no cohort file in the output folder; one that finishes gives what a run does.
 */
class PartitionMergeTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static List<CompiledRuleSet> ruleSets;
    private static PathwayService pathways;
    private static Path input;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void population() throws Exception {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        input = shared.resolve("in");
        new PopulationGenerator(60, 3, AS_OF, 4, PopulationGenerator.Profile.GENERATED).write(input);
    }

    private static Screening.Options options(Path out) {
        return new Screening.Options(input, out, AS_OF, 4, 2, PatientKeyPolicy.realIds(), Optional.empty());
    }

    /** Both passes, without the merge: the work folder holds every partition's files. */
    private static Partitioner.Result screened(Screening.Options o) throws Exception {
        try (Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()), false, Duration.ofHours(1))) {
            return Screening.partitionAndScreen(o, ruleSets, pathways, o.out().resolve(".work"), progress);
        }
    }

    @Test
    void partitionsAreMergedInOrderOnly() throws Exception {
        Screening.Options o = options(tmp.resolve("out"));
        screened(o);
        try (PartitionMerge merge = new PartitionMerge(o, o.out().resolve(".work"))) {
            merge.add(0);
            assertThrows(IllegalStateException.class, () -> merge.add(2));
            assertThrows(IllegalStateException.class, () -> merge.add(0));
        }
    }

    @Test
    void anUnfinishedMergeLeavesNoCohortFileAndAFinishedOneGivesTheRunsOutput() throws Exception {
        Path whole = tmp.resolve("whole");
        Screening.run(options(whole), ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);

        Screening.Options o = options(tmp.resolve("out"));
        Partitioner.Result partitioned = screened(o);
        Path work = o.out().resolve(".work");
        try (PartitionMerge merge = new PartitionMerge(o, work)) {
            merge.add(0);
            merge.add(1);
            assertThrows(IllegalStateException.class, () -> merge.finish(partitioned, ruleSets, pathways), "two of four partitions");
        }
        assertFalse(Files.exists(o.out().resolve("cohort.csv")));
        assertFalse(Files.exists(o.out().resolve("cohort.ndjson")));

        try (PartitionMerge merge = new PartitionMerge(o, work)) {
            for (int p = 0; p < 4; p++) {
                merge.add(p);
            }
            merge.finish(partitioned, ruleSets, pathways);
        }
        for (String f : List.of("cohort.csv", "cohort.ndjson", "summary.json", "skipped.tsv", "measures-by-pcn.csv")) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(o.out().resolve(f)), f);
        }
        assertTrue(Files.readString(o.out().resolve("cohort.ndjson")).lines().count() > 0, "some patient is flagged");
    }
}
