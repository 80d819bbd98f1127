package org.waymark.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The spark-submit entry point: {@code spark-submit --class org.waymark.spark.SparkScreen waymark-spark.jar --input
 * <dir> --as-of <instant> --out <dir>}. Writes the same {@code cohort.csv}, {@code cohort.ndjson}, {@code summary.json}
 * and {@code skipped.tsv} as {@code waymark screen}; exits non-zero with a message when the input is wrong or nothing
 * was screened.
 */
@Command(name = "waymark-spark-screen", mixinStandardHelpOptions = true,
        description = "Screen a population (FHIR Bulk Data NDJSON) on Apache Spark and write the cohort and a summary.")
public final class SparkScreen implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Folder of <ResourceType>.ndjson files (any Hadoop file system: file:, hdfs:, s3a:).")
    String input;

    @Option(names = "--as-of", required = true, description = "Evaluation instant, e.g. 2026-11-24T09:00:00Z.")
    Instant asOf;

    @Option(names = "--out", required = true, description = "Output folder on the driver: cohort.csv, cohort.ndjson, summary.json, skipped.tsv.")
    Path out;

    @Option(names = "--rules", defaultValue = "rules", description = "Rules folder, readable at this path by the driver and every executor (default ${DEFAULT-VALUE}).")
    String rules;

    @Option(names = "--pathways", defaultValue = "pathways/definitions", description = "Pathway definitions folder, as --rules (default ${DEFAULT-VALUE}).")
    String pathways;

    @Option(names = "--ids", defaultValue = "pseudonymised",
            description = "pseudonymised (keyed hash with WAYMARK_PSEUDONYM_KEY, default) or real patient ids.")
    String ids;

    @Option(names = "--pcn-map", description = "practice,pcn CSV on the driver (default: pcn-map.csv in a local input folder, if present).")
    Path pcnMap;

    @Option(names = "--partitions", defaultValue = "0", description = "Shuffle partitions (default: as waymark screen, about 32 MiB of input each, at least 64).")
    int partitions;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SparkScreen());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("waymark-spark-screen: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean pseudonymise = switch (ids) {
            case "pseudonymised" -> true;
            case "real" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--ids is pseudonymised or real");
        };
        if (pseudonymise && ScreenerHolder.configuredSecret().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--ids pseudonymised needs WAYMARK_PSEUDONYM_KEY on the driver and every executor (spark.executorEnv.WAYMARK_PSEUDONYM_KEY)");
        }
        Map<String, String> pcns = Screening.pcnMap(new Screening.Options(Path.of(input), out, asOf, 1, 1, PatientKeyPolicy.realIds(),
                Optional.ofNullable(pcnMap)));
        JobSettings settings = new JobSettings(rules, pathways, asOf, pseudonymise, pcns);
        SparkConf conf = new SparkConf().setAppName("waymark-screen");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        long start = System.nanoTime();
        try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
            ObjectNode summary = SparkScreening.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    new SparkScreening.Job(input, out, settings, partitions));
            double seconds = (System.nanoTime() - start) / 1e9;
            long patients = summary.path("patients").asLong();
            if (patients == 0) {
                System.err.println("waymark-spark-screen: nothing was screened; see " + out.resolve("skipped.tsv"));
                return 1;
            }
            System.out.printf("screened %,d patients in %.1f s (%,.0f patients/s); %,d with recommendations; %d lines skipped; summary in %s%n",
                    patients, seconds, patients / seconds, summary.path("patientsWithRecommendations").asLong(),
                    summary.path("skippedLines").asLong(), out.resolve("summary.json"));
            return 0;
        }
    }
}
