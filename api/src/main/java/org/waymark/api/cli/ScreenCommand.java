package org.waymark.api.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code waymark screen}: screens a Bulk Data export with every active rule set and pathway. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = "Screen a population (FHIR Bulk Data NDJSON) and write the cohort and a summary.")
final class ScreenCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Folder of <ResourceType>.ndjson files.")
    Path input;

    @Option(names = "--as-of", required = true, description = "Evaluation instant, e.g. 2026-11-24T09:00:00Z.")
    Instant asOf;

    @Option(names = "--out", required = true, description = "Output folder: cohort.csv, cohort.ndjson, summary.json, skipped.tsv.")
    Path out;

    @Option(names = "--ids", defaultValue = "pseudonymised", description = "pseudonymised (keyed hash, default) or real patient ids.")
    String ids;

    @Option(names = "--pcn-map", description = "practice,pcn CSV (default: pcn-map.csv in the input folder, if present).")
    Path pcnMap;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions for bounded memory (default: about 32 MiB of input each, at least 64).")
    int partitions;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: all cores).")
    int threads;

    @Option(names = "--rules", defaultValue = "${env:WAYMARK_RULES:-rules}", description = "Rules folder.")
    Path rules;

    @Option(names = "--pathways", defaultValue = "${env:WAYMARK_PATHWAYS:-pathways/definitions}", description = "Pathway definitions folder.")
    Path pathways;

    @Option(names = "--data", defaultValue = "${env:WAYMARK_DATA:-data}", description = "Where the pseudonymisation key lives.")
    Path data;

    @Override
    public Integer call() throws Exception {
        PatientKeyPolicy keys = switch (ids) {
            case "pseudonymised" -> PatientKeyPolicy.pseudonymised(PatientKeys.forInstallation(data));
            case "real" -> PatientKeyPolicy.realIds();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--ids is pseudonymised or real");
        };
        var sets = RuleSetRegistry.load(rules, Map.of()).current().allActive();
        var options = new Screening.Options(input, out, asOf, partitions > 0 ? partitions : Screening.partitionsFor(input), threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                keys, Optional.ofNullable(pcnMap));
        long start = System.nanoTime();
        var summary = Screening.run(options, sets, new PathwayService(PathwayRegistry.load(pathways)), System.err, System.console() != null);
        double seconds = (System.nanoTime() - start) / 1e9;
        long patients = summary.path("patients").asLong();
        System.out.printf("screened %,d patients in %.1f s (%,.0f patients/s); %,d with recommendations; %d lines skipped; summary in %s%n",
                patients, seconds, patients / seconds, summary.path("patientsWithRecommendations").asLong(), summary.path("skippedLines").asLong(),
                out.resolve("summary.json"));
        return 0;
    }
}
