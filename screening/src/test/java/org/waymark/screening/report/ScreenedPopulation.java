package org.waymark.screening.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

/** A small generated population (with its practice-to-PCN map) screened by the real run, for the end-to-end and browser tests. */
final class ScreenedPopulation {
    static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    private ScreenedPopulation() {
    }

    /** Generates {@code patients} patients over 12 practices in 8 PCNs into {@code dir/in} and screens them into {@code dir/out}. */
    static Path screen(Path dir, int patients, Disclosure disclosure) throws Exception {
        return screen(dir, patients, disclosure, false);
    }

    /** As {@link #screen(Path, int, Disclosure)}, with the generated {@code deprivation-map.csv} when {@code deprivation}. */
    static Path screen(Path dir, int patients, Disclosure disclosure, boolean deprivation) throws Exception {
        Path root = RepositoryRoot.root();
        List<CompiledRuleSet> ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        PathwayService pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        Path input = dir.resolve("in");
        new PopulationGenerator(patients, 7, AS_OF, 12).write(input);
        Path out = dir.resolve("out");
        Screening.run(new Screening.Options(input, out, AS_OF, 8, 2, PatientKeyPolicy.realIds(), Optional.empty(), disclosure,
                Optional.of(input.resolve("deprivation-map.csv")).filter(f -> deprivation)), ruleSets, pathways,
                new PrintStream(new ByteArrayOutputStream()), false);
        return out;
    }
}
