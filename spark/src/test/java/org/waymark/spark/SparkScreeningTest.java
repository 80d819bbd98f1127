package org.waymark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

/** The Spark job in local mode against {@code waymark screen}'s code path, on one generated population. */
class SparkScreeningTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 16;
    private static Path tmp;
    private static Path input;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(Path.of("target"));
        tmp = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "spark-test-");
        input = tmp.resolve("population");
        new PopulationGenerator(2000, 7, AS_OF, 12).write(input);
        // Lines screen skips, each for its own reason: not JSON, no patient, a patient without a Patient resource.
        Path conditions = input.resolve("Condition.ndjson");
        Files.writeString(conditions, Files.readString(conditions)
                + "{this is not json\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"orphan\",\"code\":{\"text\":\"no subject\"}}\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"ghostly\",\"subject\":{\"reference\":\"Patient/ghost\"},\"code\":{\"text\":\"x\"}}\n");
        spark = SparkSession.builder().master("local[2]").appName("waymark-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.local.dir", tmp.resolve("spark-local").toString())
                .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theSparkRunEqualsTheSingleMachineRun() throws Exception {
        Path root = RepositoryRoot.root();
        List<CompiledRuleSet> ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        PathwayService pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        Path single = tmp.resolve("single");
        Screening.Options options = new Screening.Options(input, single, AS_OF, PARTITIONS, 2, PatientKeyPolicy.realIds(), Optional.empty());
        ObjectNode expected = Screening.run(options, ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);

        Path onSpark = tmp.resolve("spark");
        JobSettings settings = new JobSettings(root.resolve("rules").toString(), root.resolve("pathways/definitions").toString(), AS_OF,
                false, Screening.pcnMap(options));
        ObjectNode actual = SparkScreening.run(sc(), new SparkScreening.Job(input.toString(), onSpark, settings, PARTITIONS));

        // Not a vacuous equality: the population gives patients, codes, PCNs, overdue steps and KPIs.
        assertEquals(2000, expected.path("patients").asInt());
        assertTrue(expected.path("patientsWithRecommendations").asInt() > 100, expected.toPrettyString());
        assertTrue(expected.path("perRecommendationCode").size() > 3, expected.toPrettyString());
        assertTrue(expected.path("perPcn").size() > 1, expected.toPrettyString());
        assertTrue(expected.path("pathwayKpis").size() > 0, expected.toPrettyString());
        assertEquals(3, expected.path("skippedLines").asInt(), expected.toPrettyString());

        // Same partitioning, so the cohort files are byte for byte the same.
        for (String file : List.of("cohort.csv", "cohort.ndjson")) {
            assertEquals(Files.readString(single.resolve(file)), Files.readString(onSpark.resolve(file)), file);
        }
        // The skipped lines are the same; Spark reports them from their partition, so their order may differ.
        assertEquals(sorted(Files.readAllLines(single.resolve("skipped.tsv"))), sorted(Files.readAllLines(onSpark.resolve("skipped.tsv"))));
        assertEquals(sorted(texts(expected.remove("skipped"))), sorted(texts(actual.remove("skipped"))));
        assertEquals(expected, actual);
        assertEquals(summaryFile(single).without("skipped"), summaryFile(onSpark).without("skipped"), "summary.json");
        assertTrue(Files.notExists(onSpark.resolve(".spark-work")), "the work files are removed after the merge");
    }

    @Test
    void aMissingInputFolderIsAClearError() {
        JobSettings settings = new JobSettings("rules", "pathways/definitions", AS_OF, false, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkScreening.run(sc(),
                new SparkScreening.Job(tmp.resolve("nowhere").toString(), tmp.resolve("out"), settings, 4)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void pseudonymisedIdsWithoutTheSharedSecretAreRefusedBeforeSparkStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SparkScreen.run(new String[] {"--input", input.toString(), "--as-of", AS_OF.toString(), "--out", tmp.resolve("refused").toString(),
                "--ids", ScreenerHolder.configuredSecret().isPresent() ? "bogus" : "pseudonymised"}, System.out, new PrintStream(err));
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--ids"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("refused")));
    }

    @Test
    void argumentsAreCheckedWithAClearMessage() {
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> SparkScreenArgs.parse(new String[] {"--input", "in", "--as-of", "yesterday", "--out", "o", "--ids", "real"}, false));
        assertTrue(date.getMessage().contains("--as-of"), date.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkScreenArgs.parse(new String[] {"--input", "in", "--ids", "real"}, false));
        assertEquals("missing --as-of", missing.getMessage());
        SparkScreenArgs args = SparkScreenArgs.parse(new String[] {"--input", "in", "--as-of", AS_OF.toString(), "--out", "o", "--partitions", "8"}, true);
        assertEquals(new SparkScreenArgs("in", AS_OF, Path.of("o"), "rules", "pathways/definitions", true, Optional.empty(), 8), args);
    }

    private static JavaSparkContext sc() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    private static ObjectNode summaryFile(Path out) throws Exception {
        return (ObjectNode) JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
