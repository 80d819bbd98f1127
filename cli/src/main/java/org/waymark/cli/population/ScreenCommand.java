package org.waymark.cli.population;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.waymark.cli.options.DataFolder;
import org.waymark.cli.options.OutputFolder;
import org.waymark.cli.options.PathwaysFolder;
import org.waymark.cli.options.InstantOrDate;
import org.waymark.cli.options.RulesFolder;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code waymark screen}: screens a Bulk Data export with every active rule set and pathway. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = "Screen a population (--input holds FHIR Bulk Data NDJSON, <ResourceType>.ndjson or .ndjson.gz, split files or an $export manifest.json, "
                + "and/or FHIR Bundle files *.json or *.json.gz) and write the cohort and a summary into --out: "
                + "cohort.csv, cohort.ndjson, summary.json, skipped.tsv, "
                + "measures-by-pcn.csv, measures-by-practice.csv, kpi-by-pcn.csv, breakdowns.csv, report.html (small-number suppression on); with --as-of-series also measures-series.csv and kpi-series.csv.")
public final class ScreenCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Input folder of patient records.") Path input;

    @ArgGroup(exclusive = true, multiplicity = "1") When when;

    /** One evaluation instant, or a monthly series evaluated as of each month end. */
    static final class When {
        @Option(names = "--as-of", required = true, converter = InstantOrDate.class, description = "Evaluation instant, e.g. 2026-11-24T09:00:00Z, or a date (the start of that day in England), e.g. 2026-11-24.") Instant asOf;

        @Option(names = "--as-of-series", required = true, converter = MonthRange.Converter.class, description = "A monthly series in one pass, e.g. 2025-12..2026-11 (months included): each month evaluated as of 23:59:59.999 on its last day, England time, into measures-series.csv and kpi-series.csv; the cohort files are as of the last month end.") MonthRange series;
    }

    @Mixin OutputFolder out;

    @Option(names = "--ids", defaultValue = "pseudonymised", description = "pseudonymised (keyed hash, default) or real patient ids.") String ids;

    @Option(names = "--pcn-map", description = "Practice to PCN CSV read by its header: practice,pcn or the NHS ODS ePCN partner file (Partner Organisation Code, PCN Name; default: pcn-map.csv in the input folder, if present).") Path pcnMap;

    @Option(names = "--deprivation-map", description = "Postcode (or postcode district) to IMD decile CSV read by its header (postcode or postcode district, and a ...decile column); "
            + "fills the deprivation decile breakdown from each patient's home postcode, which is never written out (default: no deprivation breakdown).") Path deprivationMap;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions for bounded memory (default: about 32 MiB of input each, at least 64).") int partitions;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: all cores).") int threads;

    @Option(names = "--no-suppression", description = "Publish exact counts: turn off small-number suppression (counts of 1-7 shown as *, others rounded to 5). The outputs are marked UNSUPPRESSED; not for publication.") boolean noSuppression;

    @Option(names = "--max-skipped-share", defaultValue = "0.05", description = "Fail (exit 1) when more than this share of the input lines is skipped (default ${DEFAULT-VALUE}).") double maxSkippedShare;

    @Spec CommandSpec spec;

    @Mixin RulesFolder rules;

    @Mixin PathwaysFolder pathways;

    @Mixin DataFolder data;

    @Override
    public Integer call() throws Exception {
        if (maxSkippedShare < 0 || maxSkippedShare > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-skipped-share is a share from 0 to 1");
        }
        if (deprivationMap != null && !java.nio.file.Files.isRegularFile(deprivationMap)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--deprivation-map: no such file " + deprivationMap);
        }
        PatientKeyPolicy keys = switch (ids) {
            case "pseudonymised" -> PatientKeyPolicy.pseudonymised(data.patientKeys());
            case "real" -> PatientKeyPolicy.realIds();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--ids is pseudonymised or real");
        };
        // Loaded beside pass 1, which does not need them; a failure to load surfaces after it (Screening.run; pass 1's work
        // is kept for the next run), a missing folder before it.
        rules.requireFolder();
        FutureTask<Screening.Knowledge> knowledge = new FutureTask<>(() -> new Screening.Knowledge(
                rules.load(data.keptKnowledge()).allActiveLeavingNoneOut(), pathways.service()));
        Thread loading = new Thread(knowledge, "rule-set-loading");
        loading.setDaemon(true);
        loading.start();
        int parts = partitions > 0 ? partitions : Screening.partitionsFor(input);
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Disclosure disclosure = noSuppression ? Disclosure.NONE : Disclosure.NHS_SDC;
        Screening.Options options = when.series == null
                ? new Screening.Options(input, out.path(), when.asOf, parts, workers, keys, Optional.ofNullable(pcnMap), disclosure)
                : Screening.Options.series(input, out.path(), when.series.first(), when.series.last(), parts, workers, keys, Optional.ofNullable(pcnMap), disclosure);
        options = options.withDeprivationMap(Optional.ofNullable(deprivationMap));
        if (noSuppression) {
            spec.commandLine().getErr().println("WARNING: --no-suppression: the measures, CSVs and report.html hold exact counts, including 1 to 7; "
                    + "they are marked UNSUPPRESSED and must not be published.");
        }
        long start = System.nanoTime();
        var summary = Screening.run(options, knowledge, System.err, System.console() != null);
        double seconds = (System.nanoTime() - start) / 1e9;
        long patients = summary.path("patients").asLong();
        System.out.printf("screened %,d patients in %.1f s (%,.0f patients/s); %,d with recommendations; %d lines skipped; summary in %s%n",
                patients, seconds, patients / seconds, summary.path("patientsWithRecommendations").asLong(), summary.path("skippedLines").asLong(),
                out.path().resolve("summary.json"));
        Optional<String> refusal = Screening.refusal(summary, maxSkippedShare);
        refusal.ifPresent(r -> spec.commandLine().getErr().println("waymark screen: " + r));
        return refusal.isPresent() ? 1 : 0;
    }
}
