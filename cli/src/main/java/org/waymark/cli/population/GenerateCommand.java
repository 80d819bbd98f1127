package org.waymark.cli.population;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.waymark.cli.options.InstantOrDate;
import org.waymark.cli.options.OutputFolder;
import org.waymark.screening.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code waymark generate}: a synthetic population as Bulk Data NDJSON, deterministic for a seed. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a synthetic ICS population as FHIR Bulk Data NDJSON.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--patients", required = true, description = "How many patients.") int patients;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same population (default ${DEFAULT-VALUE}).") long seed;

    @Mixin OutputFolder out;

    @Option(names = "--as-of", defaultValue = "2026-11-24T09:00:00Z", converter = InstantOrDate.class,
            description = "Dates are generated relative to this instant, or the start of this date in England (default ${DEFAULT-VALUE}).") Instant asOf;

    @Option(names = "--practices", defaultValue = "40", description = "GP practices (default ${DEFAULT-VALUE}), grouped into 8 PCNs.") int practices;

    @Option(names = "--profile", defaultValue = "generated", description = "generated (the whole ICS, short records; default) or realistic (people of 65 and over with 10-20 years of history and 150-600 entries each, GP-extract size).") String profile;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PopulationGenerator.Profile chosen;
        try {
            chosen = PopulationGenerator.Profile.named(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
        long start = System.nanoTime();
        new PopulationGenerator(patients, seed, asOf, practices, chosen).write(out.path());
        System.out.printf("wrote %,d patients to %s in %.1f s%n", patients, out.path(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
