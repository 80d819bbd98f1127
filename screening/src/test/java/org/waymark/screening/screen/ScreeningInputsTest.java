package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;

/**
 * Real inputs screen as Bulk NDJSON does: the same generated population written gzipped, as Bundles of each type with
 * {@code urn:uuid} references, and with absolute references gives the same cohort; the ODS PCN file attributes every
 * practice; and a finished run leaves no NHS number behind. The merge takes partitions in order, and one that does not
 * finish leaves no cohort file.
 */
class ScreeningInputsTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "https://server.example/fhir/";
    private static List<CompiledRuleSet> ruleSets;
    private static PathwayService pathways;
    private static Path plain;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void population() throws Exception {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        plain = shared.resolve("plain");
        new PopulationGenerator(40, 5, AS_OF, 4, PopulationGenerator.Profile.REALISTIC).write(plain);
    }

    private static Screening.Options options(Path input, Path out, PatientKeyPolicy keys) {
        return new Screening.Options(input, out, AS_OF, 4, 2, keys, Optional.empty());
    }

    private static JsonNode screen(Path input, Path out) throws Exception {
        return Screening.run(options(input, out, PatientKeyPolicy.realIds()), ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);
    }

    @Test
    void gzBundleUrnUuidAndAbsoluteInputsScreenTheSamePatientsAsPlainNdjson() throws Exception {
        JsonNode expected = screen(plain, tmp.resolve("out-plain"));
        assertEquals(40, expected.path("patients").asLong());
        assertTrue(expected.path("patientsWithRecommendations").asLong() > 0, "the comparison is of a non-empty cohort");
        String cohort = Files.readString(tmp.resolve("out-plain/cohort.ndjson"));
        assertFalse(cohort.contains("\"practice\":\"\""), "every patient's practice is attributed through the reference resources");

        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("gz", gzipped(tmp.resolve("gz")));
        inputs.put("urn:uuid Bundles", bundles(tmp.resolve("bundles"), false));
        inputs.put("absolute NDJSON", absoluteNdjson(tmp.resolve("absolute")));
        inputs.put("absolute $everything Bundles, gzipped", bundles(tmp.resolve("everything"), true));
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path out = tmp.resolve("out-" + in.getValue().getFileName());
            JsonNode actual = screen(in.getValue(), out);
            for (String field : List.of("patients", "patientsWithRecommendations", "perRecommendationCode", "perPcn", "skippedLines", "referenceResourcesByType")) {
                assertEquals(expected.path(field), actual.path(field), in.getKey() + ": " + field);
            }
            assertEquals(cohort, Files.readString(out.resolve("cohort.ndjson")), in.getKey() + ": the same codes for the same patient keys");
        }
    }

    @Test
    void anExportManifestNamesTheFilesToScreen() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("export"));
        ArrayNode output = JSON.createArrayNode();
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
                if (f.getFileName().toString().endsWith(".ndjson")) {
                    output.addObject().put("type", f.getFileName().toString().replace(".ndjson", "")).put("url", SERVER + "bulk/files/" + f.getFileName());
                }
            }
        }
        // A file the manifest does not name is not screened.
        Files.writeString(in.resolve("Stray.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"stray\"}\n");
        ObjectNode manifest = JSON.createObjectNode().put("transactionTime", AS_OF.toString()).put("requiresAccessToken", true);
        manifest.set("output", output);
        Files.writeString(in.resolve(InputFiles.MANIFEST), manifest.toString());
        assertEquals(40, screen(in, tmp.resolve("out")).path("patients").asLong());

        output.addObject().put("type", "Condition").put("url", SERVER + "bulk/files/Missing.ndjson");
        Files.writeString(in.resolve(InputFiles.MANIFEST), manifest.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> screen(in, tmp.resolve("out2")));
        assertTrue(e.getMessage().contains("Missing.ndjson"), e.getMessage());
    }

    @Test
    void aManifestAsWaymarkExportWritesItNamesFilesByType() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("export"));
        ArrayNode output = JSON.createArrayNode();
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                String type = f.getFileName().toString().replace(".ndjson", "");
                // The server's URLs name opaque binaries; the files are Type.ndjson, and a second file of a type Type.2.ndjson.
                Files.copy(f, in.resolve(f.getFileName()));
                output.addObject().put("type", type).put("url", SERVER + "Binary/" + UUID.nameUUIDFromBytes(type.getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<String> patients = Files.readAllLines(in.resolve("Patient.ndjson"));
        Files.write(in.resolve("Patient.ndjson"), patients.subList(0, 25));
        Files.write(in.resolve("Patient.2.ndjson"), patients.subList(25, patients.size()));
        output.addObject().put("type", "Patient").put("url", SERVER + "Binary/second");
        ObjectNode manifest = JSON.createObjectNode().put("transactionTime", AS_OF.toString()).put("requiresAccessToken", false);
        manifest.set("output", output);
        Files.writeString(in.resolve(InputFiles.MANIFEST), manifest.toString());
        JsonNode split = screen(in, tmp.resolve("out"));
        assertEquals(40, split.path("patients").asLong(), "both Patient files are read");
        assertEquals(screen(plain, tmp.resolve("out-plain")).path("perRecommendationCode"), split.path("perRecommendationCode"));
    }

    @Test
    void aMissingOrEmptyInputFolderOrAnUnreportableFileNameIsRefusedClearly() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> screen(tmp.resolve("nowhere"), tmp.resolve("out")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> screen(Files.createDirectories(tmp.resolve("empty")), tmp.resolve("out")));
        assertTrue(empty.getMessage().contains("holds no"), empty.getMessage());
        Path tabbed = Files.createDirectories(tmp.resolve("tabbed"));
        Files.writeString(tabbed.resolve("Patient\t2.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
        IllegalArgumentException tab = assertThrows(IllegalArgumentException.class, () -> screen(tabbed, tmp.resolve("out")));
        assertEquals("input file name Patient?2.ndjson holds a control character (a tab or newline, say): rename it to screen it", tab.getMessage());
    }

    @Test
    void theOdsPcnFileAttributesEveryPractice() throws Exception {
        Path in = tmp.resolve("ods");
        new PopulationGenerator(60, 7, AS_OF, 6).write(in);
        Map<String, String> pcnOf = new LinkedHashMap<>();
        for (String l : Files.readAllLines(in.resolve("pcn-map.csv")).subList(1, 7)) {
            pcnOf.put(l.split(",")[0], l.split(",")[1]);
        }
        Files.delete(in.resolve("pcn-map.csv"));
        JsonNode without = screen(in, tmp.resolve("out-none"));
        assertEquals(Set.of("(unknown)"), names(without.path("perPcn")), "without a map no practice has a PCN");

        // As published (ePCN "PCN Core Partner Details", saved as CSV): extra columns, quoted names with commas,
        // and a past membership with an end date that must not count.
        StringBuilder ods = new StringBuilder("\uFEFFPartner Organisation Code,Partner Name,Practice Parent Sub ICB Loc Code,PCN Code,PCN Name,"
                + "Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date\n");
        pcnOf.forEach((practice, pcn) -> {
            ods.append(practice).append(",\"THE SURGERY, ").append(practice).append("\",15N,U").append(pcn.hashCode() & 0xffff)
                    .append(",\"").append(pcn).append(", NORTH\",20200701,\n");
            ods.append(practice).append(",\"OLD NAME\",15N,U0,\"FORMER PCN\",20190701,20200630\n");
        });
        Path map = Files.writeString(tmp.resolve("epcn.csv"), ods);
        JsonNode with = Screening.run(new Screening.Options(in, tmp.resolve("out-ods"), AS_OF, 4, 2, PatientKeyPolicy.realIds(), Optional.of(map)),
                ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);
        Set<String> expected = new TreeSet<>();
        pcnOf.values().forEach(p -> expected.add(p + ", NORTH"));
        assertEquals(expected, names(with.path("perPcn")), "every practice attributed to its current PCN, by name");
        long patients = 0;
        for (JsonNode pcn : with.path("perPcn")) {
            patients += pcn.path("patients").asLong();
        }
        assertEquals(60, patients);
        for (String row : Files.readAllLines(tmp.resolve("out-ods/cohort.ndjson"))) {
            CohortRow r = JSON.readValue(row, CohortRow.class);
            assertEquals(pcnOf.get(r.practice()) + ", NORTH", r.pcn(), row);
        }
    }

    @Test
    void theProjectsOwnPcnMapFormatStillReads() throws Exception {
        Path map = Files.writeString(tmp.resolve("map.csv"), "practice,pcn\nA81001,North PCN\n\"A81002\",\"South, PCN\"\n");
        assertEquals(Map.of("A81001", "North PCN", "A81002", "South, PCN"), PcnMap.read(map));
        Path wrong = Files.writeString(tmp.resolve("wrong.csv"), "code,name\nA81001,North\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcnMap.read(wrong));
        assertTrue(e.getMessage().contains("no practice column"), e.getMessage());
    }

    @Test
    void afterSuccessNoFileUnderTheOutputHoldsAnNhsNumber() throws Exception {
        Set<String> nhsNumbers = new TreeSet<>();
        Matcher m = Pattern.compile("nhs-number\",\"value\":\"(\\d{10})\"").matcher(Files.readString(plain.resolve("Patient.ndjson")));
        while (m.find()) {
            nhsNumbers.add(m.group(1));
        }
        assertEquals(40, nhsNumbers.size());
        Path out = tmp.resolve("out");
        PatientKeyPolicy pseudonymised = PatientKeyPolicy.pseudonymised(new PatientKeys("a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8)));
        JsonNode summary = Screening.run(options(plain, out, pseudonymised), ruleSets, pathways, new PrintStream(new ByteArrayOutputStream()), false);
        assertTrue(summary.path("patientsWithRecommendations").asLong() > 0);
        assertFalse(Files.exists(out.resolve(".work")), "the work folder (raw lines, real ids) is removed after success");
        List<String> found = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < 40; i++) {
            ids.add(String.format("p%07d", i));
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                nhsNumbers.stream().filter(text::contains).forEach(n -> found.add(out.relativize(f) + " holds an NHS number"));
                ids.stream().filter(text::contains).findFirst().ifPresent(id -> found.add(out.relativize(f) + " holds a real patient id"));
            }
        }
        assertEquals(List.of(), found, "pseudonymised by default: no identifier in any output");
    }

    @Test
    void anInterruptedRunResumesFromItsWorkAndGivesTheSameOutput() throws Exception {
        screen(plain, tmp.resolve("whole"));
        Path out = tmp.resolve("out");
        Screening.Options o = options(plain, out, PatientKeyPolicy.realIds());
        Path work = out.resolve(".work");
        screenedNotMerged(o);
        // Stopped before the merge, with some partitions never finished: the work is kept for the resume.
        Files.delete(PartFile.DONE.of(work, 1));
        Files.delete(PartFile.DONE.of(work, 3));
        assertTrue(Files.exists(Partitioner.partitionFile(work, 0)));
        screen(plain, out);
        assertEquals(Files.readString(tmp.resolve("whole/cohort.ndjson")), Files.readString(out.resolve("cohort.ndjson")));
        assertEquals(Files.readString(tmp.resolve("whole/summary.json")), Files.readString(out.resolve("summary.json")));
        assertFalse(Files.exists(work));
    }

    /** Both passes, without the merge: the work folder holds every partition's files. */
    private static Partitioner.Result screenedNotMerged(Screening.Options o) throws Exception {
        try (Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()), false, java.time.Duration.ofHours(1))) {
            return Screening.partitionAndScreen(o, ruleSets, pathways, o.out().resolve(".work"), progress);
        }
    }

    @Test
    void partitionsAreMergedInOrderOnly() throws Exception {
        Screening.Options o = options(plain, tmp.resolve("out"), PatientKeyPolicy.realIds());
        screenedNotMerged(o);
        try (PartitionMerge merge = new PartitionMerge(o, o.out().resolve(".work"))) {
            merge.add(0);
            assertThrows(IllegalStateException.class, () -> merge.add(2));
            assertThrows(IllegalStateException.class, () -> merge.add(0));
        }
    }

    @Test
    void anUnfinishedMergeLeavesNoCohortFileAndAFinishedOneGivesTheRunsOutput() throws Exception {
        Path whole = tmp.resolve("whole");
        screen(plain, whole);
        Screening.Options o = options(plain, tmp.resolve("out"), PatientKeyPolicy.realIds());
        Partitioner.Result partitioned = screenedNotMerged(o);
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

    @Test
    void tooManySkippedLinesOrNoPatientIsARefusal() throws Exception {
        ObjectNode summary = JSON.createObjectNode().put("patients", 10).put("linesRead", 1000).put("skippedLines", 50);
        assertEquals(Optional.empty(), Screening.refusal(summary, 0.05));
        summary.put("skippedLines", 51);
        assertTrue(Screening.refusal(summary, 0.05).orElseThrow().contains("51 of 1000 lines (5.1%) were skipped"));
        assertEquals(Optional.empty(), Screening.refusal(summary, 0.1));
        summary.put("patients", 0);
        assertTrue(Screening.refusal(summary, 1).orElseThrow().startsWith("no patient was screened"));
    }

    @Test
    void theSummaryCountsTheLinesReadForTheSkippedShare() throws Exception {
        Path in = tmp.resolve("in");
        new PopulationGenerator(10, 2, AS_OF, 2).write(in);
        long lines = 0;
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                lines += Files.readAllLines(f).size();
            }
        }
        Files.writeString(in.resolve("Junk.ndjson"), "not json\n{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"urn:uuid:x\"}}\n");
        JsonNode summary = screen(in, tmp.resolve("out"));
        assertEquals(lines + 2, summary.path("linesRead").asLong());
        assertEquals(2, summary.path("skippedLines").asLong());
    }

    @Test
    void aLineNamingItsSubjectTwiceRefusesTheRecordItIsFiledWithAndNoOtherPatientUsesIt() throws Exception {
        // Pass 1 files the line with the first subject; the reader keeps the last, so the record it lands in holds another
        // patient's entry and is refused whole, with a reason, rather than screened with or without it.
        Path in = Files.createDirectories(tmp.resolve("in"));
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"birthDate\":\"1940-01-01\",\"gender\":\"female\"}";
        Files.write(in.resolve("Patient.ndjson"), List.of(patient.formatted("a"), patient.formatted("b")));
        String condition = "{\"resourceType\":\"Condition\",\"id\":\"%s\",%s\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"52448006\"}]},\"recordedDate\":\"2020-01-01\"}\n";
        Files.writeString(in.resolve("Condition.ndjson"),
                condition.formatted("c1", "\"subject\":{\"reference\":\"Patient/a\"},\"subject\":{\"reference\":\"Patient/b\"},")
                        + condition.formatted("c2", "\"subject\":{\"reference\":\"Patient/a\"},"));
        Path out = tmp.resolve("out");
        JsonNode summary = screen(in, out);
        assertEquals(1, summary.path("patients").asLong(), "b is screened, a is not");
        assertEquals(3, summary.path("skippedLines").asLong(), "a's patient line and both of a's conditions");
        List<String> skipped = Files.readAllLines(out.resolve("skipped.tsv"));
        assertEquals(3, skipped.size());
        assertTrue(skipped.stream().allMatch(l -> l.contains("has subject 'Patient/b', which is not the record's Patient/a")), skipped.toString());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Every NDJSON file gzipped, the plain ones removed. */
    private static Path gzipped(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.toList()) {
                if (!f.toString().endsWith(".ndjson")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                    continue;
                }
                try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve(f.getFileName() + ".gz")))) {
                    Files.copy(f, o);
                }
            }
        }
        return dir;
    }

    /** Every reference {@code Type/id} made absolute on a FHIR server. */
    private static Path absoluteNdjson(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                Files.writeString(dir.resolve(f.getFileName()),
                        f.toString().endsWith(".ndjson") ? text.replaceAll("\"reference\":\"([A-Z][A-Za-z]+/)", "\"reference\":\"" + SERVER + "$1") : text);
            }
        }
        return dir;
    }

    /**
     * One Bundle per patient, cycling through collection, transaction and searchset, plus one Bundle of the reference
     * resources. Without {@code absolute}: entries have {@code urn:uuid} full URLs (the Patient's differs from its id)
     * and name their patient by it, as Synthea writes. With it: an {@code $everything} searchset of absolute URLs and
     * references, gzipped.
     */
    private static Path bundles(Path dir, boolean absolute) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<ObjectNode>> byPatient = new LinkedHashMap<>();
        List<ObjectNode> references = new ArrayList<>();
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    ObjectNode r = (ObjectNode) JSON.readTree(line);
                    String ref = r.path("subject").path("reference").asText(r.path("patient").path("reference").asText(""));
                    String patient = r.path("resourceType").asText().equals("Patient") ? r.path("id").asText()
                            : ref.startsWith("Patient/") ? ref.substring("Patient/".length()) : null;
                    (patient == null ? references : byPatient.computeIfAbsent(patient, k -> new ArrayList<>())).add(r);
                }
            }
        }
        int n = 0;
        for (Map.Entry<String, List<ObjectNode>> p : byPatient.entrySet()) {
            String type = absolute ? "searchset" : List.of("collection", "transaction", "searchset").get(n++ % 3);
            String patientUrl = absolute ? SERVER + "Patient/" + p.getKey() : urn("Patient/" + p.getKey());
            write(dir.resolve("patient-" + p.getKey() + (absolute ? ".json.gz" : ".json")), bundle(type, p.getValue(), absolute, patientUrl));
        }
        write(dir.resolve("references.json"), bundle("transaction", references, absolute, null));
        return dir;
    }

    private static ObjectNode bundle(String type, List<ObjectNode> resources, boolean absolute, String patientUrl) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", type);
        ArrayNode entries = bundle.putArray("entry");
        for (ObjectNode r : resources) {
            String local = r.path("resourceType").asText() + "/" + r.path("id").asText();
            ObjectNode copy = r.deepCopy();
            if (patientUrl != null) {
                replacePatientReferences(copy, patientUrl);
            }
            ObjectNode e = entries.addObject().put("fullUrl", absolute ? SERVER + local : urn(local));
            e.set("resource", copy);
            switch (type) {
                case "transaction" -> e.putObject("request").put("method", "POST").put("url", r.path("resourceType").asText());
                case "searchset" -> e.putObject("search").put("mode", "match");
                default -> { }
            }
        }
        return bundle;
    }

    private static void replacePatientReferences(JsonNode node, String url) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> f : o.properties()) {
                if (f.getKey().equals("reference") && f.getValue().asText().startsWith("Patient/")) {
                    f.setValue(TextNode.valueOf(url));
                } else {
                    replacePatientReferences(f.getValue(), url);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(c -> replacePatientReferences(c, url));
        }
    }

    /** A stable uuid for a resource, unlike its id. */
    private static String urn(String local) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(local.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, ObjectNode bundle) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle);
        if (file.toString().endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                o.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
    }
}
