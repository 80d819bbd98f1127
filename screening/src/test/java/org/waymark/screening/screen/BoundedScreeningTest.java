package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.Fhir;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;

/** Memory stays bounded whatever one record or one line holds, and what is left out is left out safely. */
class BoundedScreeningTest {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aRecordOverTheCapIsReportedLineByLineAndTheOthersAreScreened() throws Exception {
        Path input = tmp.resolve("in");
        new PopulationGenerator(30, 2, AS_OF, 3).write(input);
        StringBuilder big = new StringBuilder(Files.readString(input.resolve("Observation.ndjson")));
        Files.writeString(input.resolve("Patient.ndjson"), Files.readString(input.resolve("Patient.ndjson"))
                + "{\"resourceType\":\"Patient\",\"id\":\"big\",\"birthDate\":\"1940-01-01\"}\n");
        for (int i = 0; i < 3000; i++) {
            big.append("{\"resourceType\":\"Observation\",\"id\":\"b").append(i).append("\",\"status\":\"final\",\"code\":{\"text\":\"")
                    .append("x".repeat(100)).append("\"},\"subject\":{\"reference\":\"Patient/big\"},\"effectiveDateTime\":\"2020-01-01\"}\n");
        }
        Files.writeString(input.resolve("Observation.ndjson"), big);
        // The same files gzipped: pass 2 cannot read their lines where they lie, so pass 1 spills them.
        Path gzipped = Files.createDirectories(tmp.resolve("gz"));
        try (var files = Files.list(input)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped.resolve(f.getFileName() + ".gz")))) {
                    Files.copy(f, out);
                }
            }
        }
        int partitions = 4;
        Path work = tmp.resolve("work");
        Path spilledWork = tmp.resolve("work-gz");
        Partitioner.partition(input, work, partitions, 2, n -> { }, new ReferenceDirectory());
        Partitioner.partition(gzipped, spilledWork, partitions, 2, n -> { }, new ReferenceDirectory());
        Path root = RepositoryRoot.root();
        var ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        var pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
        // A 256 KiB cap stands in for the real 32 MiB one: the big record (about 500 KiB) is over it. Each partition is
        // screened four ways: its lines read where they lie in the input files, mapped or a call at a time (as a file the
        // system will not map is), and spilled (from the gzipped files), the partition's data file read whole and read a
        // patient at a time (as one larger than READ_WHOLE is): the same files.
        PatientScreener patients = new PatientScreener(ruleSets, new Assessor(pathways), EvaluationTime.of(AS_OF), PatientKeyPolicy.realIds(),
                Map.of(), new ReferenceDirectory());
        AtomicLong screened = new AtomicLong();
        List<String> skipped = new ArrayList<>();
        try (InputBytes mapped = InputBytes.map(Partitioner.inputs(input)); InputBytes byCall = InputBytes.open(Partitioner.inputs(input), false);
             InputBytes gzInputs = InputBytes.map(Partitioner.inputs(gzipped))) {
            PartitionScreener inPlace = new PartitionScreener(patients, 256 << 10, Long.MAX_VALUE, mapped, List.of());
            PartitionScreener inPlaceByCall = new PartitionScreener(patients, 256 << 10, Long.MAX_VALUE, byCall, List.of());
            PartitionScreener whole = new PartitionScreener(patients, 256 << 10, Long.MAX_VALUE, gzInputs, List.of());
            PartitionScreener byPatient = new PartitionScreener(patients, 256 << 10, 0, gzInputs, List.of());
            assertTrue(Files.size(Partitioner.partitionFile(spilledWork, 0)) > 0 && Files.size(Partitioner.partitionFile(work, 0)) == 0,
                    "gzipped lines are spilled, plain ones not");
            for (int p = 0; p < partitions; p++) {
                Map<PartFile, String> read = new EnumMap<>(PartFile.class);
                for (PartitionScreener screener : List.of(inPlace, inPlaceByCall, whole, byPatient)) {
                    Path from = screener == inPlace || screener == inPlaceByCall ? work : spilledWork;
                    screener.screen(from, p, screener == inPlace ? screened : new AtomicLong());
                    Map<PartFile, String> files = new EnumMap<>(PartFile.class);
                    for (PartFile f : EnumSet.complementOf(EnumSet.of(PartFile.SERIES))) {
                        files.put(f, Files.readString(f.of(from, p)).replace(".ndjson.gz\t", ".ndjson\t"));
                    }
                    if (read.isEmpty()) {
                        read.putAll(files);
                    } else {
                        assertEquals(read, files, "partition " + p + " read in place (mapped, or a call at a time), spilled and read whole, "
                                + "and a patient at a time");
                    }
                }
                skipped.addAll(Files.readAllLines(PartFile.SKIPPED.of(work, p)));
            }
        }
        assertEquals(30, screened.get(), "every ordinary patient is screened");
        assertEquals(3001, skipped.size(), "the big patient's Patient and 3000 observations, each reported");
        assertTrue(skipped.stream().allMatch(s -> s.endsWith("\tpatient's record is larger than 256 KiB of JSON: not screened")), skipped.get(0));
    }

    @Test
    void aLineLongerThanTheLimitIsReportedWithoutBeingHeld(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        String huge = "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\""
                + "y".repeat(LineBlocks.MAX_LINE + 10) + "\"}}";
        Files.writeString(input.resolve("Observation.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n" + huge + "\n"
                + "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/p1\"}}\n");
        Partitioner.Result result = Partitioner.partition(input, dir.resolve("work"), 1, 2, n -> { }, new ReferenceDirectory());
        assertEquals(List.of(new SkippedLine("Observation.ndjson", 2, "line longer than 16 MiB: not screened")), result.skipped());
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\"}";
        String observation = "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/p1\"}}";
        long third = patient.length() + 1 + huge.length() + 1;
        assertEquals(List.of("Observation.ndjson\t1\tp1\ti\t0\t" + patient.length(),
                        "Observation.ndjson\t3\tp1\ti\t" + third + "\t" + observation.length()),
                Files.readAllLines(Partitioner.indexFile(dir.resolve("work"), 0)));
        assertEquals(0, Files.size(Partitioner.partitionFile(dir.resolve("work"), 0)), "read where they lie, not copied");
    }

    @Test
    void everyTypeLeftUnspilledIsOneTheFactMapperIgnores() throws Exception {
        Patient patient = new Patient();
        patient.setId("p1");
        List<String> read = new ArrayList<>();
        for (ResourceType type : ResourceType.values()) {
            if (Partitioner.READ_TYPES.contains(type.name()) || type == ResourceType.Bundle) {
                continue;
            }
            IBaseResource resource = Fhir.context().getResourceDefinition(type.name()).newInstance();
            resource.setId(type.name() + "/x");
            if (!FactMapper.toRecord(List.of(patient, resource), AS_OF).entries().isEmpty()) {
                read.add(type.name());
            }
        }
        assertEquals(List.of(), read, "types FactMapper reads but pass 1 would not spill");
    }

    @Test
    void aPracticeNamedByReferenceIsAttributedToItsOdsCodeAndPcn() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ReferenceDirectory d = new ReferenceDirectory();
        d.add(json.readTree("{\"resourceType\":\"Organization\",\"id\":\"pcn1\",\"name\":\"North PCN\"}"));
        d.add(json.readTree("{\"resourceType\":\"Organization\",\"id\":\"o1\",\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\","
                + "\"value\":\"A81001\"}],\"partOf\":{\"reference\":\"Organization/pcn1\"}}"));
        d.add(json.readTree("{\"resourceType\":\"PractitionerRole\",\"id\":\"r1\",\"practitioner\":{\"reference\":\"Practitioner/g1\"},"
                + "\"organization\":{\"reference\":\"https://fhir.example/Organization/o1\"}}"));
        assertEquals("A81001", d.practice("Organization/o1"));
        assertEquals("A81001", d.practice("https://fhir.example/R4/Organization/o1"));
        assertEquals("A81001", d.practice("Practitioner/g1"));
        assertEquals("A81001", d.practice("PractitionerRole/r1"));
        assertEquals("Organization/unknown", d.practice("Organization/unknown"));
        assertEquals("B82002", d.practice("B82002"), "an ODS code given directly stays as it is");
        assertEquals(Optional.of("North PCN"), d.pcn("A81001"));
        assertEquals(Optional.empty(), d.pcn("B82002"));
        Path saved = tmp.resolve("references.tsv");
        d.save(saved);
        ReferenceDirectory loaded = ReferenceDirectory.load(saved);
        assertEquals("A81001", loaded.practice("Practitioner/g1"));
        assertEquals(Optional.of("North PCN"), loaded.pcn("A81001"));
    }
}
