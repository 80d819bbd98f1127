package org.waymark.spark;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

/** {@link SparkScreen}'s arguments, checked before Spark starts, so a mistake costs no cluster time. */
record SparkScreenArgs(String input, Instant asOf, Path out, String rules, String pathways, boolean pseudonymise, Optional<Path> pcnMap,
                       int partitions) {
    static final String USAGE = """
            usage: SparkScreen --input <dir> --as-of <instant> --out <dir> [--rules rules] [--pathways pathways/definitions]
                               [--ids pseudonymised|real] [--pcn-map <practice,pcn csv>] [--partitions N]
              --input      folder of <ResourceType>.ndjson files, on any Hadoop file system (file:, hdfs:, s3a:)
              --as-of      evaluation instant, e.g. 2026-11-24T09:00:00Z
              --out        output folder on the driver: cohort.csv, cohort.ndjson, summary.json, skipped.tsv
              --rules      rules folder, readable at this path by the driver and every executor (default rules)
              --pathways   pathway definitions folder, as --rules (default pathways/definitions)
              --ids        pseudonymised (default; keyed hash with WAYMARK_PSEUDONYM_KEY on driver and executors) or real
              --pcn-map    practice,pcn CSV on the driver (default: pcn-map.csv in a local input folder, if present)
              --partitions shuffle partitions (default as waymark screen: about 32 MiB of input each, at least 64)""";
    private static final List<String> NAMES = List.of("--input", "--as-of", "--out", "--rules", "--pathways", "--ids", "--pcn-map", "--partitions");

    SparkScreenArgs {
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must not be negative");
        }
    }

    /** The arguments, or {@code null} when help was asked for. */
    static SparkScreenArgs parse(String[] args, boolean secretConfigured) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return null;
            }
            if (!NAMES.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException(NAMES.contains(args[i]) ? args[i] + " needs a value" : "unknown option " + args[i]);
            }
            given.put(args[i], args[++i]);
        }
        for (String required : List.of("--input", "--as-of", "--out")) {
            if (!given.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        String ids = given.getOrDefault("--ids", "pseudonymised");
        if (!ids.equals("pseudonymised") && !ids.equals("real")) {
            throw new IllegalArgumentException("--ids is pseudonymised or real");
        }
        if (ids.equals("pseudonymised") && !secretConfigured) {
            throw new IllegalArgumentException("--ids pseudonymised needs WAYMARK_PSEUDONYM_KEY on the driver and every executor"
                    + " (spark.executorEnv.WAYMARK_PSEUDONYM_KEY), so a person gets the same key everywhere");
        }
        return new SparkScreenArgs(given.get("--input"), instant(given.get("--as-of")), Path.of(given.get("--out")),
                given.getOrDefault("--rules", "rules"), given.getOrDefault("--pathways", "pathways/definitions"), ids.equals("pseudonymised"),
                Optional.ofNullable(given.get("--pcn-map")).map(Path::of), number(given.getOrDefault("--partitions", "0")));
    }

    /** Options for {@link Screening#pcnMap}: only the input folder and the map file matter to it. */
    Screening.Options pcnMapOptions() {
        return new Screening.Options(Path.of(input), out, asOf, 1, 1, PatientKeyPolicy.realIds(), pcnMap);
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of is an instant such as 2026-11-24T09:00:00Z, not " + s);
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--partitions is a number, not " + s);
        }
    }
}
