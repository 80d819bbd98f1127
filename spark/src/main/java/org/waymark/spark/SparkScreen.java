package org.waymark.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.waymark.screening.screen.Screening;

/**
 * The spark-submit entry point: {@code spark-submit --class org.waymark.spark.SparkScreen waymark-spark-all.jar --input
 * <dir> --as-of <instant> --out <dir>}. Writes the same {@code cohort.csv}, {@code cohort.ndjson}, {@code summary.json}
 * and {@code skipped.tsv} as {@code waymark screen}; exits 2 with a message on wrong arguments and 1 when the job fails
 * or nothing was screened.
 */
public final class SparkScreen {
    private SparkScreen() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        SparkScreenArgs parsed;
        try {
            parsed = SparkScreenArgs.parse(args, ScreenerHolder.configuredSecret().isPresent());
        } catch (IllegalArgumentException e) {
            err.println("waymark-spark-screen: " + e.getMessage());
            err.println(SparkScreenArgs.USAGE);
            return 2;
        }
        if (parsed == null) {
            out.println(SparkScreenArgs.USAGE);
            return 0;
        }
        try {
            return screen(parsed, out, err);
        } catch (Exception e) {
            err.println("waymark-spark-screen: " + e.getMessage());
            return 1;
        }
    }

    private static int screen(SparkScreenArgs a, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> pcns = Screening.pcnMap(a.pcnMapOptions());
        JobSettings settings = new JobSettings(a.rules(), a.pathways(), a.asOf(), a.pseudonymise(), pcns);
        SparkConf conf = new SparkConf().setAppName("waymark-screen");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        long start = System.nanoTime();
        try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
            ObjectNode summary = SparkScreening.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    new SparkScreening.Job(a.input(), a.out(), settings, a.partitions()));
            double seconds = (System.nanoTime() - start) / 1e9;
            long patients = summary.path("patients").asLong();
            if (patients == 0) {
                err.println("waymark-spark-screen: nothing was screened; see " + a.out().resolve("skipped.tsv"));
                return 1;
            }
            out.printf("screened %,d patients on Spark in %.1f s (%,.0f patients/s); %,d with recommendations; %d lines skipped; in %s%n",
                    patients, seconds, patients / seconds, summary.path("patientsWithRecommendations").asLong(),
                    summary.path("skippedLines").asLong(), Path.of(a.out().toString(), "summary.json"));
            return 0;
        }
    }
}
