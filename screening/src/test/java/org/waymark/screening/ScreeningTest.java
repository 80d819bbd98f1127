package org.waymark.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayCards;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

class ScreeningTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static List<CompiledRuleSet> ruleSets;
    private static PathwayService pathways;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
    }

    @Test
    void summaryCountsMatchAnIndependentCountOfTheSamePopulation() throws Exception {
        Path input = tmp.resolve("population");
        new PopulationGenerator(600, 42, AS_OF, 10).write(input);
        JsonNode summary = screen(input, tmp.resolve("out"), 16);

        // Independently: read every line into memory, group by subject, evaluate each patient directly.
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> byPatient = new TreeMap<>();
        for (Path f : Files.list(input).filter(p -> p.toString().endsWith(".ndjson")).toList()) {
            for (String line : Files.readAllLines(f)) {
                JsonNode r = json.readTree(line);
                String id = r.path("resourceType").asText().equals("Patient") ? r.path("id").asText()
                        : r.path("subject").path("reference").asText().substring("Patient/".length());
                byPatient.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        EvaluationTime time = EvaluationTime.of(AS_OF);
        for (List<String> lines : byPatient.values()) {
            List<Resource> resources = new ArrayList<>();
            for (String l : lines) {
                resources.addAll(RecordReader.resources(l, "test"));
            }
            PatientRecord record = FactMapper.toRecord(resources, AS_OF);
            var evaluation = new Evaluator().evaluate(record, time, ruleSets);
            TreeSet<String> codes = new TreeSet<>(evaluation.codes());
            PathwayCards.recommendations(pathways.instances(record, time), time, record.patient().reference(), evaluation.codes(),
                    PathwayCards.DUE_SOON).forEach(r -> codes.add(r.code()));
            codes.forEach(c -> expected.merge(c, 1L, Long::sum));
        }
        Map<String, Long> actual = new TreeMap<>();
        summary.path("perRecommendationCode").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
        assertEquals(600, summary.path("patients").asInt());
        assertEquals(expected, actual);
        assertTrue(actual.size() >= 8, "the population exercises most rule sets: " + actual.keySet());
        long perPcnPatients = 0;
        for (JsonNode pcn : summary.path("perPcn")) {
            perPcnPatients += pcn.path("patients").asLong();
        }
        assertEquals(600, perPcnPatients);
    }

    @Test
    void malformedLinesAndATruncatedLastLineAreReportedAndNothingElseIsLost() throws Exception {
        Path clean = tmp.resolve("clean");
        new PopulationGenerator(120, 3, AS_OF, 4).write(clean);
        JsonNode expected = screen(clean, tmp.resolve("clean-out"), 8);

        Path dirty = tmp.resolve("dirty");
        new PopulationGenerator(120, 3, AS_OF, 4).write(dirty);
        Path conditions = dirty.resolve("Condition.ndjson");
        long lines = Files.readAllLines(conditions).size();
        String lastGood = Files.readAllLines(conditions).get(0);
        Files.writeString(conditions, Files.readString(conditions)
                + "{this is not json\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"orphan\",\"code\":{\"text\":\"no subject\"}}\n"
                + lastGood.substring(0, lastGood.length() / 2));
        JsonNode summary = screen(dirty, tmp.resolve("dirty-out"), 8);

        assertEquals(3, summary.path("skippedLines").asInt(), summary.toPrettyString());
        List<String> skipped = new ArrayList<>();
        summary.path("skipped").forEach(s -> skipped.add(s.asText()));
        assertTrue(skipped.get(0).startsWith("Condition.ndjson:" + (lines + 1) + ": not valid JSON"), skipped.toString());
        assertTrue(skipped.get(1).startsWith("Condition.ndjson:" + (lines + 2) + ": Condition names no patient"), skipped.toString());
        assertTrue(skipped.get(2).startsWith("Condition.ndjson:" + (lines + 3) + ": not valid JSON"), skipped.toString());
        assertEquals(expected.path("patients"), summary.path("patients"));
        assertEquals(expected.path("perRecommendationCode"), summary.path("perRecommendationCode"));
    }

    @Test
    void aLineThatIsNotJsonIsReportedWhetherItBreaksBeforeOrAfterItsPatientAndItsPatientIsScreenedWithoutIt() throws Exception {
        Path clean = tmp.resolve("clean-both");
        new PopulationGenerator(120, 3, AS_OF, 4).write(clean);
        screen(clean, tmp.resolve("clean-both-out"), 8);

        Path dirty = tmp.resolve("dirty-both");
        new PopulationGenerator(120, 3, AS_OF, 4).write(dirty);
        Path conditions = dirty.resolve("Condition.ndjson");
        long lines = Files.readAllLines(conditions).size();
        String condition = Files.readAllLines(conditions).get(0);
        int subject = condition.indexOf("\"subject\"");
        int afterSubject = condition.indexOf('}', subject) + 1;
        // Pass 1 stops reading at the subject, so the first breaks in pass 2 and the second in pass 1.
        Files.writeString(conditions, Files.readString(conditions)
                + condition.substring(0, afterSubject) + ",\"note\":[{\"te\n"
                + condition.substring(0, subject) + "\"subject\":{,}}\n");
        JsonNode summary = screen(dirty, tmp.resolve("dirty-both-out"), 8);

        // Listed in input order, though pass 2 found the first and pass 1 the second.
        assertEquals(List.of("Condition.ndjson\t" + (lines + 1) + "\tnot valid JSON: Unexpected end-of-input in field name",
                        "Condition.ndjson\t" + (lines + 2) + "\tnot valid JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name"),
                Files.readAllLines(tmp.resolve("dirty-both-out").resolve("skipped.tsv")));
        assertEquals(2, summary.path("skippedLines").asInt());
        for (String file : List.of("cohort.csv", "cohort.ndjson")) {
            assertEquals(Files.readString(tmp.resolve("clean-both-out").resolve(file)), Files.readString(tmp.resolve("dirty-both-out").resolve(file)), file);
        }
    }

    @Test
    void aRerunGivesTheSameOutput() throws Exception {
        // A resumed run is checked in ScreeningInputsTest: a finished run leaves no work to resume from.
        Path input = tmp.resolve("population");
        new PopulationGenerator(300, 11, AS_OF, 6).write(input);
        Path out = tmp.resolve("out");
        screen(input, out, 16);
        String first = Files.readString(out.resolve("cohort.csv"));
        String firstSummary = Files.readString(out.resolve("summary.json"));
        screen(input, out, 16);
        assertEquals(first, Files.readString(out.resolve("cohort.csv")));
        assertEquals(firstSummary, Files.readString(out.resolve("summary.json")));
        Path again = tmp.resolve("again");
        screen(input, again, 16);
        assertEquals(first, Files.readString(again.resolve("cohort.csv")));
    }

    @Test
    void inputWrittenToWhileItIsScreenedIsRefusedAndNothingIsPublishedOrKept() throws Exception {
        Path input = tmp.resolve("growing");
        new PopulationGenerator(50, 13, AS_OF, 2).write(input);
        Path out = tmp.resolve("growing-out");
        var options = new Screening.Options(input, out, AS_OF, 4, 2, PatientKeyPolicy.realIds(), Optional.empty());
        // The rule sets are asked for once pass 1 is done: the moment to append to an input file, as an export still
        // being written would, before pass 2 reads the input in place.
        Callable<Screening.Knowledge> appendThenLoad = () -> {
            Path conditions = input.resolve("Condition.ndjson");
            Files.writeString(conditions, Files.readAllLines(conditions).get(0) + "\n", StandardOpenOption.APPEND);
            return new Screening.Knowledge(ruleSets, pathways);
        };
        FutureTask<Screening.Knowledge> knowledge = new FutureTask<>(appendThenLoad) {
            @Override
            public Screening.Knowledge get() throws InterruptedException, ExecutionException {
                run(); // on the screening thread, when it first asks (a second run does nothing)
                return super.get();
            }
        };
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> Screening.run(options, knowledge, new PrintStream(new ByteArrayOutputStream()), false));
        assertTrue(refused.getMessage().contains("the input changed while it was screened"), refused.getMessage());
        assertFalse(Files.exists(out.resolve("cohort.csv")));
        assertFalse(Files.exists(out.resolve("summary.json")));
        assertFalse(Files.exists(out.resolve(".work")), "the raw lines pass 1 wrote are not left behind");
        // The complete input, screened again, is taken.
        assertEquals(50, screen(input, out, 4).path("patients").asInt());
    }

    @Test
    void aPatientWhoseRecordCannotBeScreenedCountsEveryOneOfItsLines() throws Exception {
        Path input = tmp.resolve("orphans");
        new PopulationGenerator(20, 5, AS_OF, 2).write(input);
        // Two conditions of a patient with no Patient resource: both lines are reported, not one entry for the group.
        Files.writeString(input.resolve("Condition.ndjson"), Files.readString(input.resolve("Condition.ndjson"))
                + "{\"resourceType\":\"Condition\",\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/nobody\"}}\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"o2\",\"subject\":{\"reference\":\"Patient/nobody\"}}\n");
        JsonNode summary = screen(input, tmp.resolve("orphans-out"), 4);
        assertEquals(2, summary.path("skippedLines").asInt(), summary.toPrettyString());
        assertEquals(20, summary.path("patients").asInt());
    }

    @Test
    void anEntryIsScreenedOnlyWithThePatientItNamesAndAnUnresolvableReferenceIsReported() throws Exception {
        Path input = tmp.resolve("references");
        new PopulationGenerator(20, 5, AS_OF, 2).write(input);
        String patient = new ObjectMapper().readTree(Files.readAllLines(input.resolve("Patient.ndjson")).get(0)).path("id").asText();
        Files.writeString(input.resolve("Condition.ndjson"), Files.readString(input.resolve("Condition.ndjson"))
                + "{\"resourceType\":\"Condition\",\"id\":\"abs\",\"subject\":{\"reference\":\"https://fhir.example.nhs.uk/R4/Patient/" + patient + "\"}}\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"uuid\",\"subject\":{\"reference\":\"urn:uuid:5b0c1b7e-2b58-4c1e-9d9e-0a4f0e1c2d3e\"}}\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"other\",\"subject\":{\"reference\":\"https://fhir.example.nhs.uk/R4/Patient/not-in-population\"}}\n");
        JsonNode summary = screen(input, tmp.resolve("references-out"), 4);
        List<String> skipped = new ArrayList<>();
        summary.path("skipped").forEach(s -> skipped.add(s.asText()));
        assertEquals(2, summary.path("skippedLines").asInt(), summary.toPrettyString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("Condition names no patient")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("patient's record not screened: the record has no Patient resource")),
                skipped.toString());
        assertEquals(20, summary.path("patients").asInt(), "the absolute reference is screened with its own patient");
    }

    @Test
    void thePartitionCountGrowsWithTheInput() throws Exception {
        Path input = tmp.resolve("small");
        new PopulationGenerator(10, 1, AS_OF, 2).write(input);
        assertEquals(64, Screening.partitionsFor(input));
    }

    @Test
    void partitioningOnSeveralThreadsGivesTheSameOutputAsOnOne() throws Exception {
        Path input = tmp.resolve("mixed");
        new PopulationGenerator(400, 9, AS_OF, 6).write(input);
        // Bad lines too, so the order of skipped lines is compared as well.
        Files.writeString(input.resolve("Condition.ndjson"), Files.readString(input.resolve("Condition.ndjson"))
                + "{not json\n{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/nobody\"}}\n");
        Files.writeString(input.resolve("AllergyIntolerance.ndjson"), "{\"resourceType\":\"AllergyIntolerance\",\"patient\":{\"reference\":\"Patient/p0000001\"}}\n");
        screen(input, tmp.resolve("one"), 16, 1);
        screen(input, tmp.resolve("two"), 16, 3);
        for (String file : List.of("cohort.csv", "cohort.ndjson", "summary.json", "skipped.tsv")) {
            assertEquals(Files.readString(tmp.resolve("one").resolve(file)), Files.readString(tmp.resolve("two").resolve(file)), file);
        }
        assertEquals(2, new ObjectMapper().readTree(tmp.resolve("one").resolve("summary.json").toFile()).path("skippedLines").asInt());
    }

    @Test
    void realisticRecordsAreScreenedWithUnreadTypesCountedAndPracticesAttributedThroughTheirOrganization() throws Exception {
        Path input = tmp.resolve("realistic");
        new PopulationGenerator(40, 5, AS_OF, 4, PopulationGenerator.Profile.REALISTIC).write(input);
        // Without the practice,pcn map the PCN comes from the practice Organization's partOf.
        Files.delete(input.resolve("pcn-map.csv"));
        JsonNode summary = screen(input, tmp.resolve("realistic-out"), 8);

        assertEquals(40, summary.path("patients").asInt());
        assertEquals(0, summary.path("skippedLines").asInt(), summary.toPrettyString());
        long allergies = Files.readAllLines(input.resolve("AllergyIntolerance.ndjson")).size();
        assertTrue(allergies > 0);
        assertEquals(allergies, summary.path("resourcesNotReadByType").path("AllergyIntolerance").asLong(), summary.toPrettyString());
        assertEquals(4, summary.path("referenceResourcesByType").path("Organization").asInt());
        assertEquals(4, summary.path("referenceResourcesByType").path("Location").asInt());
        int flagged = summary.path("patientsWithRecommendations").asInt();
        assertTrue(flagged > 0 && flagged < 40, "some older people meet the rules and some do not: " + flagged);
        List<String> rows = Files.readAllLines(tmp.resolve("realistic-out").resolve("cohort.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split(",");
            assertTrue(cols[1].matches("Y\\d{5}"), "practice is the Organization's ODS code: " + row);
            assertTrue(cols[2].matches("PCN-[A-D]"), "PCN from the Organization's partOf: " + row);
        }
        assertTrue(summary.path("perPcn").has("PCN-A"), summary.path("perPcn").toString());
    }

    private static JsonNode screen(Path input, Path out, int partitions) throws Exception {
        return screen(input, out, partitions, 2);
    }

    private static JsonNode screen(Path input, Path out, int partitions, int threads) throws Exception {
        var options = new Screening.Options(input, out, AS_OF, partitions, threads, PatientKeyPolicy.realIds(), Optional.empty());
        return Screening.run(options, ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);
    }
}
